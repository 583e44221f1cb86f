package dev.tcccbridge.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's browser session with the bridge, without a browser: cookies kept per host, redirects followed
 * one by one, and the sign-in done as a person does it (the bridge sends them to the issuer's login form,
 * they fill it in, the issuer sends them back with a code). For the page itself use {@link Browsers}.
 */
public final class AgentSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String bridge;

    /** @param bridge the bridge's base URL, e.g. {@code http://127.0.0.1:8080} */
    public AgentSession(String bridge) {
        this.bridge = bridge;
    }

    /**
     * Opens {@code /agent/}, signs in at the issuer's form and follows the way back.
     *
     * @return the last answer: the agent page when the sign-in worked
     */
    public HttpResponse<String> signIn(String username, String password) {
        HttpResponse<String> response = follow(page(URI.create(bridge + "/agent/")));
        String form = response.body();
        Matcher csrf = CSRF.matcher(form);
        if (response.statusCode() != 200 || !form.contains("name=\"username\"") || !csrf.find()) {
            throw new IllegalStateException("expected the issuer's login form, got " + response.statusCode() + ": "
                    + form);
        }
        String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        return follow(HttpRequest.newBuilder(response.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A GET as the page's scripts send it. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(bridge + path)).header("Accept", "application/json").GET()
                .build());
    }

    /** A form POST from the page (not followed). */
    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(bridge + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** The cookies the bridge has set. */
    public List<HttpCookie> bridgeCookies() {
        return cookies.getCookieStore().get(URI.create(bridge));
    }

    /** A GET as a browser navigating to a page sends it (not followed). */
    public HttpResponse<String> navigate(String path, String fetchDestination) {
        return send(HttpRequest.newBuilder(URI.create(bridge + path)).header("Accept", "text/html")
                .header("Sec-Fetch-Dest", fetchDestination).header("Sec-Fetch-Mode", "navigate").GET().build());
    }

    private static HttpRequest page(URI uri) {
        return HttpRequest.newBuilder(uri).header("Accept", "text/html").header("Sec-Fetch-Dest", "document")
                .header("Sec-Fetch-Mode", "navigate").GET().build();
    }

    private HttpResponse<String> follow(HttpRequest first) {
        HttpResponse<String> response = send(first);
        for (int hop = 0; hop < 15 && response.statusCode() / 100 == 3; hop++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = send(page(next));
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
