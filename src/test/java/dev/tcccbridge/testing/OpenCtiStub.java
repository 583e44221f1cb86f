package dev.tcccbridge.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the Salesforce Lightning domain that hosts a softphone: a page that frames the softphone
 * as Salesforce does (its URL with {@code sfdcIframeOrigin} and {@code mode=Lightning}), and Open CTI's
 * script ({@code /support/api/<v>/lightning/opencti_min.js}, a stub: {@code stubs/opencti.js}) that works
 * only inside that frame. Served on 127.0.0.1.
 */
public final class OpenCtiStub implements AutoCloseable {

    public static final String FRAME_ID = "softphone";

    private final WireMockServer server;

    public OpenCtiStub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String script;
        try (InputStream in = OpenCtiStub.class.getResourceAsStream("/stubs/opencti.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.stubFor(get(urlPathMatching("/support/api/\\d+\\.0/lightning/opencti_min\\.js"))
                .willReturn(aResponse().withHeader("Content-Type", "application/javascript").withBody(script)));
        server.stubFor(get(urlPathEqualTo("/lightning/softphone")).willReturn(aResponse()
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("""
                        <!doctype html><html><head><title>Salesforce</title></head><body>
                        <h1>Lightning console</h1>
                        <iframe id="%s" title="Softphone" width="820" height="620" allow="microphone; autoplay"
                                src="{{request.query.src}}"></iframe>
                        </body></html>""".formatted(FRAME_ID))
                .withTransformers("response-template")));
    }

    /** The origin Salesforce would give as {@code sfdcIframeOrigin}. */
    public String origin() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The page framing the softphone at {@code softphoneUrl} (given the Open CTI parameters here). */
    public String consoleFraming(String softphoneUrl) {
        String framed = softphoneUrl + (softphoneUrl.contains("?") ? "&" : "?") + "sfdcIframeOrigin="
                + URLEncoder.encode(origin(), StandardCharsets.UTF_8) + "&mode=Lightning";
        return origin() + "/lightning/softphone?src=" + URLEncoder.encode(framed, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
