package dev.tcccbridge.inbox;

import dev.tcccbridge.crm.SalesforceApiAllowance;
import dev.tcccbridge.tccc.PushRejected;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a failed delivery is worth another attempt.
 *
 * <p>The exception and its causes are examined from the outside in; the first one that is
 * recognised decides. Retryable: I/O and timeouts, HTTP 5xx and 408/429, Salesforce's
 * {@code UNABLE_TO_LOCK_ROW} and other transient codes,
 * Salesforce login failures (credentials or Salesforce itself can be mended while the row
 * waits), mail server connection failures and SMTP 4xx replies, a pipeline route that is not there (yet), a
 * database that is briefly unavailable ({@link #databaseMayRecover}, also the push ingress's question). Permanent: what the receiving system refused for
 * what was sent (other HTTP 4xx, Salesforce validation and field errors, a rejected
 * address, an SMTP 5xx reply), a payload that cannot be read, a statement the database refuses, and {@link IllegalArgumentException}, which a
 * pipeline throws to say "no retry can fix this". Anything not recognised is retried:
 * the retry window bounds it, and a dead row can be replayed once the cause is mended.
 * Not a failure at all: {@link DeliveryDeferred}, a pipeline saying "not yet" (the row waits
 * and is looked at again after the delay it names), and Salesforce's {@code REQUEST_LIMIT_EXCEEDED}
 * (the org's daily API allowance is used up): the row waits until the next full hour instead of
 * spending its retries on an org that refuses every call.
 */
@Component
public class FailureClassifier {

    /**
     * Salesforce error codes that go away by themselves. {@code DUPLICATE_VALUE} among them: two
     * upserts of one new SessionId at the same moment (a CDR and a recording, say) both try to
     * create, one loses; retried, the upsert finds the record and updates it.
     */
    static final Set<String> TRANSIENT_SALESFORCE_CODES = Set.of(
            "UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG",
            "QUERY_TIMEOUT", "INVALID_SESSION_ID", "TXN_SECURITY_METERING_ERROR", "CONCURRENT_REQUESTS_LIMIT_EXCEEDED",
            "DUPLICATE_VALUE");

    static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    private final Clock clock;

    public FailureClassifier(Clock clock) {
        this.clock = clock;
    }

    public Failure classify(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            Optional<Failure> decided = decide(t);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        return Failure.retryable("unexpected: " + describe(failure));
    }

    private Optional<Failure> decide(Throwable t) {
        if (t instanceof DeliveryDeferred e) {
            return Optional.of(Failure.notYet(e.getMessage(), e.delay()));
        }
        if (t instanceof SalesforceException e) {
            return salesforce(e);
        }
        if (t instanceof HttpOperationFailedException e) {
            return Optional.of(httpStatus(e.getStatusCode(), "HTTP " + e.getStatusCode() + " from " + e.getUri()));
        }
        if (t instanceof DirectConsumerNotAvailableException) {
            return Optional.of(Failure.retryable("no pipeline for this action yet: " + t.getMessage()));
        }
        if (t instanceof MailConnectException) {
            return Optional.of(Failure.retryable("mail server unreachable: " + t.getMessage()));
        }
        if (t instanceof SMTPSendFailedException e) {
            return Optional.of(smtpReply(e.getReturnCode(), t));
        }
        if (t instanceof SMTPAddressFailedException e) {
            return Optional.of(smtpReply(e.getReturnCode(), t));
        }
        if (t instanceof SendFailedException || t instanceof AddressException) {
            return Optional.of(Failure.permanent("mail refused: " + describe(t)));
        }
        if (t instanceof IOException || t instanceof TimeoutException || t instanceof ExchangeTimedOutException) {
            return Optional.of(Failure.retryable(describe(t)));
        }
        if (isDatabase(t)) {
            // the whole chain is looked at: a dropped connection often comes wrapped in a
            // Spring exception that calls itself non-transient (UncategorizedSQLException)
            if (databaseMayRecover(t)) {
                return Optional.of(Failure.retryable("database: " + describe(t)));
            }
            if (t instanceof NonTransientDataAccessException || t instanceof SQLNonTransientException) {
                return Optional.of(Failure.permanent("database: " + describe(t)));
            }
        }
        if (t instanceof PushRejected || t instanceof IllegalArgumentException) {
            return Optional.of(Failure.permanent(describe(t)));
        }
        return Optional.empty();
    }

    /**
     * Whether the failure came from the bridge's own database: its connection, a transaction on
     * it, or a statement it refused. The push ingress answers these 503 (nothing was stored, the
     * sender retries), whatever the driver or the pool called them.
     */
    public boolean fromDatabase(Throwable failure) {
        return chain(failure).stream().anyMatch(FailureClassifier::isDatabase);
    }

    /**
     * Whether a database failure can go away by itself: the connection dropped, refused or timed
     * out (SQLState class 08), the server shutting down (57P01..57P03), a serialisation failure or
     * deadlock (40001, 40P01), resources short (class 53), the pool out of connections, or a
     * transaction that could not be opened, anywhere in the cause chain of a database failure.
     */
    static boolean databaseMayRecover(Throwable failure) {
        // an I/O failure under a database exception is the connection's (the driver lost its socket)
        return chain(failure).stream().anyMatch(t -> t instanceof SQLTransientException
                || t instanceof SQLRecoverableException || t instanceof TransientDataAccessException
                || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                || t instanceof IOException
                || (t instanceof SQLException sql && transientSqlState(sql.getSQLState())));
    }

    static boolean transientSqlState(String state) {
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01") || state.equals("HYT00");
    }

    private static boolean isDatabase(Throwable t) {
        return t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException;
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
            if (t instanceof SQLException sql && sql.getNextException() != null && seen.add(sql.getNextException())) {
                chain.add(sql.getNextException());
            }
        }
        return chain;
    }

    private Optional<Failure> salesforce(SalesforceException e) {
        List<RestError> errors = e.getErrors() == null ? List.of() : e.getErrors();
        String reason = salesforceReason(e, errors);
        if (errors.stream().map(RestError::getErrorCode).anyMatch(LIMIT_EXCEEDED::equals)) {
            Instant now = clock.instant();
            Instant nextHour = SalesforceApiAllowance.nextHour(now);
            return Optional.of(Failure.notYet("Salesforce's daily API allowance is used up (" + LIMIT_EXCEEDED
                    + "): waiting until " + nextHour, Duration.between(now, nextHour)));
        }
        if (isLoginFailure(e, errors)) {
            return Optional.of(Failure.retryable("Salesforce login failed: " + reason));
        }
        if (errors.stream().map(RestError::getErrorCode).anyMatch(TRANSIENT_SALESFORCE_CODES::contains)) {
            return Optional.of(Failure.retryable(reason));
        }
        if (e.getStatusCode() == 0) {
            // no HTTP answer: the cause (connection refused, timeout...) decides
            return e.getCause() == null ? Optional.of(Failure.retryable(reason)) : Optional.empty();
        }
        return Optional.of(httpStatus(e.getStatusCode(), reason));
    }

    /** SMTP 4xx replies are transient ("try again later"), 5xx are final. */
    private static Failure smtpReply(int code, Throwable t) {
        return new Failure(code >= 400 && code < 500, "mail server answered " + code + ": " + describe(t));
    }

    private static Failure httpStatus(int status, String reason) {
        boolean retryable = status >= 500 || status == 408 || status == 429 || status == 401;
        return new Failure(retryable, reason);
    }

    /** camel-salesforce reports a failed login as "Login error..." or names the token URL. */
    private static boolean isLoginFailure(SalesforceException e, List<RestError> errors) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.startsWith("login ") || message.startsWith("unexpected login error")
                || message.contains("/services/oauth2/token")
                || errors.stream().anyMatch(error -> String.valueOf(error.getMessage()).startsWith("Login error"));
    }

    private static String salesforceReason(SalesforceException e, List<RestError> errors) {
        if (errors.isEmpty()) {
            return "Salesforce" + (e.getStatusCode() > 0 ? " " + e.getStatusCode() : "") + ": " + firstLine(e.getMessage());
        }
        return "Salesforce " + e.getStatusCode() + " " + errors.stream()
                .map(error -> error.getErrorCode() + ": " + error.getMessage()
                        + (error.getFields() == null || error.getFields().isEmpty() ? "" : " " + error.getFields()))
                .collect(Collectors.joining("; "));
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
