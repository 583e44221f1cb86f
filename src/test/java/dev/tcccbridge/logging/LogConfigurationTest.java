package dev.tcccbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The shipped logback-spring.xml, loaded as Spring Boot loads it (with logging.file.name set, so
 * the lines can be read back): a request value with CR/LF, in a message or in an exception's
 * message, stays on its own log line.
 */
class LogConfigurationTest {

    @TempDir
    Path folder;

    @Test
    void forgedLinesInMessagesAndExceptionsStayInsideTheirLine() throws Exception {
        Path logFile = folder.resolve("bridge.log");
        LoggerContext context = configured(logFile);
        Logger log = context.getLogger("dev.tcccbridge.tccc.PushAnswers");

        log.warn("push refused with 400: unknown action '{}'", "cdr\r\n2026-01-01T00:00:00Z ERROR forged entry");
        log.error("push not stored", new IllegalStateException("duplicate key push_id=(x\n2026-01-01 INFO forged)",
                new RuntimeException("cause\r\nINFO forged too")));
        context.stop();

        List<String> lines = Files.readAllLines(logFile);
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .contains("unknown action 'cdr\\r\\n2026-01-01T00:00:00Z ERROR forged entry'"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .isEqualTo("java.lang.IllegalStateException: duplicate key push_id=(x\\n2026-01-01 INFO forged)"));
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .isEqualTo("Caused by: java.lang.RuntimeException: cause\\r\\nINFO forged too"));
        assertThat(lines).noneMatch(line -> line.startsWith("2026-01-01") || line.startsWith("INFO forged"));
        assertThat(lines).as("the stack trace keeps its lines").anyMatch(line -> line.startsWith("\tat "));
    }

    @Test
    void withoutAFileSettingOnlyTheConsoleIsWritten() throws Exception {
        LoggerContext context = configured(null);

        List<String> appenders = new java.util.ArrayList<>();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders()
                .forEachRemaining(appender -> appenders.add(appender.getName()));
        context.stop();

        assertThat(appenders).containsExactly("CONSOLE");
    }

    private static LoggerContext configured(Path logFile) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        // the lines are read from the file; the console stays quiet
        context.putProperty("CONSOLE_LOG_THRESHOLD", "OFF");
        if (logFile != null) {
            // what Spring Boot puts into the context for logging.file.name
            context.putProperty("LOG_FILE", logFile.toString());
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogConfigurationTest.class.getResource("/logback-spring.xml"));
        return context;
    }
}
