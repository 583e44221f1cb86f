package dev.tcccbridge.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's {@code %wEx} (the stack trace after the message), with each exception's message
 * neutralised ({@link LogSafe}): exceptions quote what they could not handle (a database error
 * names the value, a parser the text), and that may come from a request. The trace keeps its lines.
 */
public class SafeThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(throwable == null ? null : new Safe(throwable));
    }

    /** The exception as logback sees it, its messages neutralised, its causes too. */
    private record Safe(IThrowableProxy original) implements IThrowableProxy {

        @Override
        public String getMessage() {
            return LogSafe.neutralise(original.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return LogSafe.neutralise(original.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return original.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return original.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return original.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            IThrowableProxy cause = original.getCause();
            return cause == null ? null : new Safe(cause);
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = original.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] safe = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                safe[i] = new Safe(suppressed[i]);
            }
            return safe;
        }

        @Override
        public boolean isCyclic() {
            return original.isCyclic();
        }
    }
}
