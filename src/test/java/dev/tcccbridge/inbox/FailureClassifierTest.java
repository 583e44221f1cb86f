package dev.tcccbridge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.tccc.PushError;
import dev.tcccbridge.tccc.PushRejected;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.junit.jupiter.api.Test;
import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class FailureClassifierTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:41:07Z");

    final FailureClassifier classifier = new FailureClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void notYetIsNoFailureButAWaitOfTheDelayTheExceptionNames() {
        Failure failure = classifier.classify(new CamelExecutionException("wrapped", null,
                new DeliveryDeferred("waiting for the call's CDR", Duration.ofSeconds(30))));

        assertThat(failure.deferred()).isTrue();
        assertThat(failure.deferral()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failure.reason()).isEqualTo("waiting for the call's CDR");
        assertThat(classifier.classify(new ConnectException("Connection refused")).deferred()).isFalse();
    }

    @Test
    void networkFailuresAndTimeoutsAreRetried() {
        assertRetryable(new ConnectException("Connection refused"));
        assertRetryable(new SocketTimeoutException("Read timed out"));
        assertRetryable(new TimeoutException("no answer"));
        assertRetryable(new SalesforceException("Unexpected error", new ConnectException("Connection refused")));
        assertRetryable(new CamelExecutionException("wrapped", null, new SocketTimeoutException("slow")));
    }

    @Test
    void salesforceOverloadAndServerErrorsAreRetried() {
        assertRetryable(salesforce(503, "SERVER_UNAVAILABLE"));
        assertRetryable(salesforce(500, "UNKNOWN_EXCEPTION"));
        assertRetryable(salesforce(400, "UNABLE_TO_LOCK_ROW"));
        assertRetryable(salesforce(400, "DUPLICATE_VALUE"));
        assertRetryable(new SalesforceException("Unexpected error: Service Unavailable", 503));
    }

    @Test
    void usedUpApiAllowanceWaitsUntilTheNextHourWithoutCountingAsAFailure() {
        Failure limit = classifier.classify(new CamelExecutionException("wrapped", null,
                salesforce(403, "REQUEST_LIMIT_EXCEEDED")));

        assertThat(limit.deferred()).isTrue();
        assertThat(limit.deferral()).isEqualTo(Duration.ofMinutes(18).plusSeconds(53));
        assertThat(limit.reason()).contains("REQUEST_LIMIT_EXCEEDED").contains("2026-03-02T10:00:00Z");
    }

    @Test
    void salesforceLoginFailuresAreRetried() {
        assertRetryable(new SalesforceException(List.of(new RestError("invalid_grant",
                "Login error code:[invalid_grant] description:[authentication failure]")), 400));
        assertRetryable(new SalesforceException("Login error status:[500] reason:[Server Error]", 500));
        assertRetryable(new SalesforceException("Error {400:Bad Request} executing {POST:https://login.salesforce.com"
                + "/services/oauth2/token}", 400, null));
    }

    @Test
    void refusedRecordsAreDeadAtOnceWithTheReason() {
        Failure invalidField = classifier.classify(salesforce(400, "INVALID_FIELD"));
        Failure validation = classifier.classify(new CamelExecutionException("wrapped", null,
                salesforce(400, "FIELD_CUSTOM_VALIDATION_EXCEPTION")));

        assertThat(invalidField.retryable()).isFalse();
        assertThat(invalidField.reason()).isEqualTo("Salesforce 400 INVALID_FIELD: refused [Subject]");
        assertThat(validation.retryable()).isFalse();
        assertThat(validation.reason()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(classifier.classify(new SalesforceException("Unexpected error: Not Found", 404)).retryable())
                .isFalse();
    }

    @Test
    void pipelinesSayNoRetryCanHelpWithIllegalArgument() {
        Failure failure = classifier.classify(new IllegalArgumentException("no recipient for this voicemail"));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).contains("no recipient for this voicemail");
        assertThat(classifier.classify(new PushRejected(PushError.INVALID_FIELD, "Duration: a number")).retryable())
                .isFalse();
    }

    @Test
    void missingPipelineIsRetried() {
        assertRetryable(new DirectConsumerNotAvailableException("No consumers available on endpoint", null));
    }

    @Test
    void mailServerOutagesAreRetriedAndRefusedAddressesAreNot() throws Exception {
        assertRetryable(new MailConnectException(new SocketConnectException()));
        assertRetryable(new MessagingException("Could not connect", new IOException("Connection reset")));
        assertRetryable(new SMTPSendFailedException("MAIL", 451, "451 try again later", null, null, null, null));
        assertThat(classifier.classify(new SMTPAddressFailedException(new InternetAddress("x@example.com"), "RCPT",
                550, "550 no such user")).retryable()).isFalse();
        assertThat(classifier.classify(new SendFailedException("Invalid Addresses")).retryable()).isFalse();
    }

    @Test
    void httpStatusDecides() {
        assertRetryable(new HttpOperationFailedException("http://crm", 502, "Bad Gateway", null, null, null));
        assertRetryable(new HttpOperationFailedException("http://crm", 429, "Too Many", null, null, null));
        assertThat(classifier.classify(new HttpOperationFailedException("http://crm", 422, "Unprocessable", null,
                null, null)).retryable()).isFalse();
    }

    @Test
    void briefDatabaseTroubleIsRetriedAndUnknownFailuresToo() {
        assertRetryable(new CannotAcquireLockException("lock timeout"));
        Failure unknown = classifier.classify(new IllegalStateException("surprise"));
        assertThat(unknown.retryable()).isTrue();
        assertThat(unknown.reason()).contains("IllegalStateException: surprise");
    }

    @Test
    void aConnectionThatDiedIsRetriedHoweverTheDriverAndSpringWrappedIt() {
        SQLException dropped = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new EOFException());
        assertRetryable(new UncategorizedSQLException("insert into tccc_inbox", "INSERT ...", dropped));
        assertRetryable(new TransactionSystemException("Could not commit JDBC transaction", dropped));
        assertRetryable(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
        assertRetryable(new UncategorizedSQLException("x", "SELECT 1",
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertRetryable(new UncategorizedSQLException("x", "UPDATE", new SQLException("could not serialize", "40001")));
        assertRetryable(new CannotGetJdbcConnectionException("refused", new SQLException("refused", "08001")));
        assertRetryable(new RecoverableDataAccessException("x", new SQLRecoverableException("gone")));
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotRetried() {
        Failure refused = classifier.classify(new DataIntegrityViolationException("value too long",
                new SQLException("value too long for type character varying(128)", "22001")));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.reason()).startsWith("database: ");
    }

    @Test
    void everyFailureOfTheDatabaseIsTheDatabasesForThePushIngressAndNothingElseIs() {
        assertThat(classifier.fromDatabase(new CamelExecutionException("wrapped", null,
                new TransactionSystemException("commit failed")))).isTrue();
        assertThat(classifier.fromDatabase(new RuntimeException(new SQLException("broken pipe", "08006")))).isTrue();
        assertThat(classifier.fromDatabase(new DataIntegrityViolationException("refused"))).isTrue();
        assertThat(classifier.fromDatabase(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(classifier.fromDatabase(new IllegalStateException("surprise"))).isFalse();
        assertThat(classifier.fromDatabase(new IOException("Connection reset"))).isFalse();
    }

    private void assertRetryable(Throwable failure) {
        assertThat(classifier.classify(failure).retryable()).as(failure.toString()).isTrue();
    }

    private static SalesforceException salesforce(int status, String code) {
        return new SalesforceException(List.of(new RestError(code, "refused", List.of("Subject"))), status);
    }

    /** MailConnectException wants a SocketConnectException as its cause. */
    private static final class SocketConnectException extends org.eclipse.angus.mail.util.SocketConnectException {
        SocketConnectException() {
            super("connect failed", new ConnectException("Connection refused"), "smtp.example.com", 587, 1000);
        }
    }
}
