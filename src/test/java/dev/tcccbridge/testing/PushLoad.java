package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady load of distinct pushes, as TCCC sends them: a CDR for a new call, then its
 * recording, and voicemails of other calls; each push retried up to three times after a 503,
 * as TCCC retries. Every answer is counted: acknowledged ({@code ErrCode 0}), refused with 503
 * in the vendor format, or anything else (which a test asserts never happens).
 */
public final class PushLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** TCCC's retries of a push that was not acknowledged. */
    static final int RETRIES = 3;

    /** One push that was acknowledged: what a test must find delivered. */
    public record Push(String action, String pushId, String sessionId) {
    }

    private final String url;
    private final String prefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> senders = new ArrayList<>();
    private final ConcurrentLinkedQueue<Push> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicInteger answers503 = new AtomicInteger();

    private PushLoad(String baseUrl, String prefix) {
        this.url = baseUrl + "/tccc/push";
        this.prefix = prefix;
    }

    /** Starts {@code senders} threads pushing to the bridge at {@code baseUrl}, each push id starting with {@code prefix}. */
    public static PushLoad start(String baseUrl, String prefix, int senders, Duration pause) {
        PushLoad load = new PushLoad(baseUrl, prefix);
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread thread = new Thread(() -> load.send(sender, pause), "push-load-" + s);
            thread.setDaemon(true);
            load.senders.add(thread);
            thread.start();
        }
        return load;
    }

    private void send(int sender, Duration pause) {
        for (int i = 0; running.get(); i++) {
            String session = prefix + "-" + sender + "-" + i;
            boolean cdr = push("cdr", "cdr-" + session, session, CdrJson.sample().session(session).json());
            if (!running.get()) {
                return;
            }
            if (cdr) {
                push("record", "record-" + session, session, RecordJson.of(session, "rec-" + session, 1_700_000_000L,
                        "008618486147605", "https://recorder.example/" + session + ".mp3").json());
            }
            if (i % 2 == 0 && running.get()) {
                String voicemail = session + "-vm";
                push("voicemail", "voicemail-" + voicemail, voicemail, """
                        {"SdkAppId":1400264214,"SessionId":"%s","Timestamp":1700000000,
                         "RecordURL":"https://recorder.example/%s.mp3","EndpointUser":13123456789}"""
                        .formatted(voicemail, voicemail));
            }
            sleep(pause.toMillis());
        }
    }

    /** One push with TCCC's retries. @return whether it was acknowledged */
    private boolean push(String action, String pushId, String sessionId, String json) {
        sent.incrementAndGet();
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "?action=" + action
                                        + (action.equals("voicemail") ? "" : "&version=1")))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json; charset=utf8")
                                .header("X-TCCC-PUSH-UUID", pushId)
                                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                int errCode = errCode(answer.body());
                if (answer.statusCode() == 200 && errCode == 0) {
                    acknowledged.add(new Push(action, pushId, sessionId));
                    return true;
                }
                if (answer.statusCode() == 503 && errCode > 0) {
                    answers503.incrementAndGet();
                    refusals.merge(String.valueOf(errCode), 1, Integer::sum);
                } else {
                    unexpected.add(answer.statusCode() + " " + answer.body());
                }
            } catch (IOException e) {
                unexpected.add("no answer: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleep(200);
        }
        gaveUp.incrementAndGet();
        return false;
    }

    private static int errCode(String body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer.path("ErrCode").isInt() && answer.path("ErrMsg").isTextual() ? answer.get("ErrCode").asInt() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Stops the senders and waits for their last pushes to be answered. */
    @Override
    public void close() {
        running.set(false);
        for (Thread sender : senders) {
            try {
                sender.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public List<Push> acknowledged() {
        return List.copyOf(acknowledged);
    }

    public List<Push> acknowledged(String action) {
        return acknowledged.stream().filter(p -> p.action().equals(action)).toList();
    }

    /** Pushes sent (each counted once, however often it was retried). */
    public int sent() {
        return sent.get();
    }

    /** Pushes still refused after TCCC's three retries: never acknowledged, so TCCC keeps them. */
    public int gaveUp() {
        return gaveUp.get();
    }

    /** Answers 503 in the vendor format (each retry counted), by ErrCode. */
    public int answers503() {
        return answers503.get();
    }

    public Map<String, Integer> refusalsByErrCode() {
        return Map.copyOf(refusals);
    }

    /** Answers neither ErrCode 0 nor 503 in the vendor format, and requests left without an answer. */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
