package dev.tcccbridge.tccc;

import dev.tcccbridge.http.JsonAnswers;
import dev.tcccbridge.inbox.FailureClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the vendor-format answer of the push endpoint, {@code {"ErrCode":..,"ErrMsg":..}},
 * with its HTTP status.
 */
@Component
public class PushAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(PushAnswers.class);

    private final JsonAnswers answers;
    private final FailureClassifier classifier;

    public PushAnswers(JsonAnswers answers, FailureClassifier classifier) {
        this.answers = answers;
        this.classifier = classifier;
    }

    /** After the inbox commit: a new push, or one stored before. */
    public String stored(@ExchangeProperty(Exchange.DUPLICATE_MESSAGE) Boolean duplicate, Message message) {
        return answer(message, 200, Boolean.TRUE.equals(duplicate) ? PushAnswer.duplicate() : PushAnswer.accepted());
    }

    public String rejected(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) PushRejected rejected, Message message) {
        LOG.warn("push refused with {}: {}", rejected.error().httpStatus(), rejected.getMessage());
        return answer(message, rejected.error().httpStatus(),
                PushAnswer.refused(rejected.error(), rejected.getMessage()));
    }

    /**
     * The push was not stored; the transaction was rolled back, so a retry is safe. A failure of
     * our database (its connection cut, refused, a transaction that could not commit...) is
     * answered 503 for the sender to retry; any other fault of ours 500.
     */
    public String failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause, Message message) {
        if (classifier.fromDatabase(cause)) {
            LOG.error("push not stored, database unavailable: {}", cause.toString());
            return answer(message, PushError.STORAGE_UNAVAILABLE.httpStatus(), PushAnswer.refused(
                    PushError.STORAGE_UNAVAILABLE, "storage unavailable, nothing was stored: retry later"));
        }
        LOG.error("push not stored", cause);
        return answer(message, PushError.INTERNAL_ERROR.httpStatus(), PushAnswer.refused(
                PushError.INTERNAL_ERROR, "internal error, nothing was stored: retry later"));
    }

    private String answer(Message message, int status, PushAnswer answer) {
        return answers.write(message, status, answer);
    }
}
