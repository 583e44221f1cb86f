package dev.tcccbridge.desk;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Posts Desk callbacks to the running bridge the way Desk does, signed with a token when given.
 * Each callback names its own chat session, as Desk's do: the bridge refuses a copy of a signed
 * callback it has answered.
 */
final class DeskClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String sdkAppId;
    private final String token;

    DeskClient(int port, String sdkAppId, String token) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.sdkAppId = sdkAppId;
        this.token = token;
    }

    /** A callback as Desk sends it: current RequestTime, correct Sign. */
    HttpResponse<String> send(String command, String body) {
        return post(signedQuery(command, Instant.now().getEpochSecond()), body);
    }

    String signedQuery(String command, long requestTime) {
        String query = "SdkAppid=" + sdkAppId + "&CallbackCommand=" + enc(command)
                + "&contenttype=json&ClientIP=203.0.113.7&OptPlatform=Web";
        if (token != null) {
            query += "&RequestTime=" + requestTime + "&Sign=" + sign(token, Long.toString(requestTime));
        }
        return query;
    }

    HttpResponse<String> post(String query, String body) {
        return post(query, body, "X-Probe", "echo-me");
    }

    HttpResponse<String> post(String query, String body, String headerName, String headerValue) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/desk/callback?" + query))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .setHeader(headerName, headerValue)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return exchange(request);
    }

    HttpResponse<String> get(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String assignHuman(String clientUserId) {
        return """
                {"CallbackCommand":"ChatBot.OnAssignHuman","SessionId":"%s",\
                "ClientUserId":"%s","EventTime":1670574414123}""".formatted(UUID.randomUUID(), json(clientUserId));
    }

    static String interfaceInvocation(String clientUserId) {
        return """
                {"CallbackCommand":"Chatbot.InterfaceInvocation","Body":{"SystemClientUserID":"%s",\
                "SystemSessionID":"%s","staticKey":"staticValue","testKey3":""},\
                "EventTime":1731488371784}""".formatted(json(clientUserId), UUID.randomUUID());
    }

    /** Desk's signature, computed here independently of the bridge's code. */
    static String sign(String token, String requestTime) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((token + requestTime).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
