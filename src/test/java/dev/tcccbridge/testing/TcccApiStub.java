package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local stand-in for the TCCC cloud API and the Web SDK it hands out, as strict as the real ones where
 * the bridge can get them wrong:
 * <ul>
 *   <li>{@code POST /}: every request's TC3-HMAC-SHA256 signature is verified with the test key
 *       ({@code AuthFailure.SignatureFailure} otherwise); {@code CreateSDKLoginToken} answers a one-time
 *       {@code SdkURL} for seats it knows, {@code InvalidParameterValue.AccountNotExist} for others,
 *       {@code InvalidParameterValue.InstanceNotExist} for another SdkAppId; errors can be queued
 *       ({@link #failNext}), e.g. {@code RequestLimitExceeded};</li>
 *   <li>{@code GET /sdk/tccc-sdk.js?token=...}: a stub of the Web SDK ({@code stubs/tccc-sdk.js}) that
 *       emits {@code ready} for a fresh token, {@code tokenExpired} for a used, unknown or rejected one
 *       ({@link #rejectNextLogins}), and lets a test emit {@code callIn} and see {@code startOutboundCall}.</li>
 * </ul>
 * Served on {@code localhost}, so the SDK is another origin than a bridge reached at 127.0.0.1.
 */
public final class TcccApiStub implements AutoCloseable {

    public static final long SDK_APP_ID = 1400000042L;
    public static final String SECRET_ID = "AKIDagentworkspacetest";
    public static final String SECRET_KEY = "agent-workspace-test-secret-key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([^/]+)/tc3_request,"
                    + " SignedHeaders=content-type;host, Signature=([0-9a-f]{64})");

    /** One SdkURL handed out. */
    public record Login(String seat, String token, String requestId) {
    }

    private final WireMockServer server;
    private final Api api = new Api();
    private final Set<String> seats = new HashSet<>();
    private final List<Login> logins = new ArrayList<>();
    private final Map<String, Integer> loads = new HashMap<>();
    private final Set<String> rejected = new HashSet<>();
    private final Deque<String[]> failures = new ArrayDeque<>();
    private int rejectNext;
    private final String sdkScript;

    public TcccApiStub() {
        try (InputStream in = TcccApiStub.class.getResourceAsStream("/stubs/tccc-sdk.js")) {
            sdkScript = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(api));
        server.start();
        stub();
    }

    /** Points the bridge's TCCC settings at this stub. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("bridge.tccc.sdk-app-id", () -> SDK_APP_ID);
        registry.add("bridge.tccc.api.endpoint", this::endpoint);
        registry.add("bridge.tccc.api.region", () -> "ap-singapore");
        registry.add("bridge.tccc.api.secret-id", () -> SECRET_ID);
        registry.add("bridge.tccc.api.secret-key", () -> SECRET_KEY);
        registry.add("bridge.tccc.api.timeout", () -> "5s");
    }

    /** A seat (SeatUserId) of the TCCC application. */
    public synchronized TcccApiStub seat(String seatUserId) {
        seats.add(seatUserId);
        return this;
    }

    /** The next API request is answered with this error. */
    public synchronized void failNext(String code, String message) {
        failures.add(new String[] {code, message});
    }

    /** The SdkURLs of the next logins are refused when the SDK loads them (tokenExpired). */
    public synchronized void rejectNextLogins(int count) {
        rejectNext = count;
    }

    /** Every SdkURL handed out, in order. */
    public synchronized List<Login> logins() {
        return List.copyOf(logins);
    }

    /** How often the SDK was loaded with this login's token. */
    public synchronized int loads(String token) {
        return loads.getOrDefault(token, 0);
    }

    /** The body of the last API request, as sent. */
    public JsonNode lastRequestBody() {
        var requests = server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/")));
        try {
            return JSON.readTree(requests.get(requests.size() - 1).getBodyAsString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The API's endpoint, as bridge.tccc.api.endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** API requests received (signed or not). */
    public int apiRequests() {
        return server.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/"))).size();
    }

    public synchronized void reset() {
        seats.clear();
        logins.clear();
        loads.clear();
        rejected.clear();
        failures.clear();
        rejectNext = 0;
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void stub() {
        server.stubFor(WireMock.post(WireMock.urlEqualTo("/")).willReturn(WireMock.aResponse()
                .withTransformers(Api.NAME)));
        server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/sdk/tccc-sdk.js")).willReturn(WireMock.aResponse()
                .withTransformers(Api.NAME)));
    }

    private synchronized ResponseDefinition answer(Request request) {
        if ("GET".equals(request.getMethod().getName())) {
            return sdk(request);
        }
        String action = request.getHeader("X-TC-Action");
        String requestId = UUID.randomUUID().toString();
        String signatureProblem = signatureProblem(request);
        if (signatureProblem != null) {
            return error("AuthFailure.SignatureFailure", signatureProblem, requestId);
        }
        if (!"2020-02-10".equals(request.getHeader("X-TC-Version"))) {
            return error("InvalidParameter", "unknown version " + request.getHeader("X-TC-Version"), requestId);
        }
        if (!failures.isEmpty()) {
            String[] failure = failures.poll();
            return error(failure[0], failure[1], requestId);
        }
        if (!"CreateSDKLoginToken".equals(action)) {
            return error("InvalidAction", "the stub serves CreateSDKLoginToken only, not " + action, requestId);
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            return error("InvalidParameter", "body is not JSON", requestId);
        }
        if (!body.path("SdkAppId").isIntegralNumber() || !body.path("SeatUserId").isTextual()) {
            return error("MissingParameter", "SdkAppId (Integer) and SeatUserId (String) are required", requestId);
        }
        if (body.path("SdkAppId").asLong() != SDK_APP_ID) {
            return error("InvalidParameterValue.InstanceNotExist", "instance not exist", requestId);
        }
        String seat = body.path("SeatUserId").asText();
        if (!seats.contains(seat)) {
            return error("InvalidParameterValue.AccountNotExist", "account not exist", requestId);
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        logins.add(new Login(seat, token, requestId));
        if (rejectNext > 0) {
            rejectNext--;
            rejected.add(token);
        }
        ObjectNode response = JSON.createObjectNode();
        ObjectNode inner = response.putObject("Response");
        inner.put("Token", token);
        inner.put("ExpiredTime", Instant.now().plusSeconds(600).getEpochSecond());
        inner.put("SdkURL", "http://localhost:" + server.port() + "/sdk/tccc-sdk.js?token=" + token);
        inner.put("RequestId", requestId);
        return json(response.toString());
    }

    /** The stub SDK, told whether its token is good (fresh, known, used once) and whose seat it is. */
    private ResponseDefinition sdk(Request request) {
        String token = request.queryParameter("token").isPresent() ? request.queryParameter("token").firstValue() : "";
        int load = loads.merge(token, 1, Integer::sum);
        Login login = logins.stream().filter(l -> l.token().equals(token)).findFirst().orElse(null);
        String problem = login == null ? "unknown token" : load > 1 ? "token already used"
                : rejected.contains(token) ? "token expired" : null;
        ObjectNode config = JSON.createObjectNode();
        config.put("seat", login == null ? null : login.seat());
        config.put("token", token);
        config.put("problem", problem);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/javascript; charset=utf-8")
                // the page loads the SDK with crossorigin="anonymous", as the vendor's sample does
                .withHeader("Access-Control-Allow-Origin", "*")
                .withHeader("Cache-Control", "no-store")
                .withBody(sdkScript.replace("/*STUB-CONFIG*/null", config.toString()))
                .build();
    }

    /** Null when the request is signed with the test key as the Tencent Cloud SDK signs (TC3-HMAC-SHA256). */
    private static String signatureProblem(Request request) {
        String authorization = request.getHeader("Authorization");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (m == null || !m.matches()) {
            return "Authorization is not a TC3-HMAC-SHA256 credential: " + authorization;
        }
        if (!SECRET_ID.equals(m.group(1))) {
            return "unknown SecretId " + m.group(1);
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(request.getHeader("X-TC-Timestamp"));
        } catch (NumberFormatException e) {
            return "X-TC-Timestamp missing";
        }
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return "X-TC-Timestamp too far from now";
        }
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(timestamp));
        if (!date.equals(m.group(2))) {
            return "credential date " + m.group(2) + " is not the timestamp's " + date;
        }
        // the scope's service is what the SDK takes from the endpoint's first label ("ccc" in production)
        String service = m.group(3);
        try {
            // canonical header values are lower case (the HTTP layer may write charset=UTF-8)
            String canonical = "POST\n/\n\ncontent-type:" + request.getHeader("Content-Type").toLowerCase(Locale.ROOT)
                    + "\nhost:" + request.getHeader("Host").toLowerCase(Locale.ROOT) + "\n\ncontent-type;host\n"
                    + sha256Hex(request.getBody());
            String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n"
                    + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
            byte[] key = hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
            key = hmac(key, service);
            key = hmac(key, "tc3_request");
            String expected = HexFormat.of().formatHex(hmac(key, toSign));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    m.group(4).getBytes(StandardCharsets.US_ASCII)) ? null : "signature does not match";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] data) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static ResponseDefinition error(String code, String message, String requestId) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode inner = response.putObject("Response");
        inner.putObject("Error").put("Code", code).put("Message", message);
        inner.put("RequestId", requestId);
        return json(response.toString());
    }

    private static ResponseDefinition json(String body) {
        // the API answers errors with HTTP 200 and an Error object, as the real one does
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }

    private final class Api implements ResponseDefinitionTransformerV2 {

        static final String NAME = "tccc-api";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            return answer(event.getRequest());
        }
    }
}
