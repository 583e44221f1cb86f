package dev.tcccbridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tcccbridge.tcccapi.TcccApiClient;
import dev.tcccbridge.tcccapi.TcccApiException;
import java.net.URI;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of the vendor's Web SDK integration: {@code CreateSDKLoginToken} for one seat, answering the
 * {@code SdkURL} the page loads the SDK from. The URL is valid 10 minutes for one initialisation
 * ({@code OnlyOnce}), so it is minted for every request and never kept, and never logged. TCCC's refusals
 * become {@link AgentRefusal}s an agent can act on.
 */
public class SdkLogins {

    static final String ACTION = "CreateSDKLoginToken";

    private static final Logger LOG = LoggerFactory.getLogger(SdkLogins.class);

    private final Supplier<TcccApiClient> api;
    private final long sdkAppId;

    public SdkLogins(Supplier<TcccApiClient> api, long sdkAppId) {
        this.api = api;
        this.sdkAppId = sdkAppId;
    }

    /** A fresh SdkURL for the seat. */
    public String sdkUrl(String seat) {
        TcccApiClient client = api.get();
        JsonNode response;
        try {
            response = client.call(ACTION, client.request()
                    .put("SdkAppId", sdkAppId)
                    .put("SeatUserId", seat)
                    .put("OnlyOnce", true));
        } catch (TcccApiException e) {
            AgentRefusal refusal = refusal(e, seat);
            LOG.warn("{} for seat {} failed: {} (RequestId {})", ACTION, seat, e.getMessage(), e.requestId());
            throw refusal;
        }
        String requestId = response.path("RequestId").asText(null);
        String url = response.path("SdkURL").asText("");
        if (!isWebUrl(url)) {
            LOG.warn("{} for seat {} answered without a usable SdkURL (RequestId {})", ACTION, seat, requestId);
            throw new AgentRefusal(502, "tccc-error", "TCCC answered the login without an SDK address; try again.",
                    requestId);
        }
        LOG.info("SDK login created for seat {} (RequestId {})", seat, requestId);
        return url;
    }

    /** What the agent is told when TCCC refuses, by TCCC's error code. */
    AgentRefusal refusal(TcccApiException e, String seat) {
        String code = e.code();
        String id = e.requestId();
        String ref = id == null ? "" : " (TCCC RequestId " + id + ")";
        if (code == null) {
            return new AgentRefusal(504, "tccc-unreachable", "The TCCC API did not answer; try again in a moment.", id);
        }
        if (code.startsWith("InvalidParameterValue.AccountNotExist")) {
            return new AgentRefusal(403, "seat-unknown", "Your seat " + seat + " is not an agent of TCCC application "
                    + sdkAppId + ": an administrator adds it in the TCCC console (Agent management)" + ref + ".", id);
        }
        if (code.endsWith("InstanceNotExist")) {
            return new AgentRefusal(502, "tccc-application-unknown", "TCCC has no application " + sdkAppId
                    + " for the bridge's API key: an administrator checks bridge.tccc.sdk-app-id" + ref + ".", id);
        }
        if (code.startsWith("RequestLimitExceeded")) {
            return new AgentRefusal(429, "tccc-throttled", "TCCC is receiving too many logins; try again in a few"
                    + " seconds" + ref + ".", id);
        }
        if (code.startsWith("AuthFailure") || code.startsWith("UnauthorizedOperation")
                || code.startsWith("OperationDenied")) {
            return new AgentRefusal(502, "tccc-key-refused", "TCCC refused the bridge's API key (" + code + "): an"
                    + " administrator checks bridge.tccc.api.secret-id / secret-key and the key's permission for "
                    + ACTION + ref + ".", id);
        }
        return new AgentRefusal(502, "tccc-error", "TCCC could not create your login (" + code + "); try again"
                + ref + ".", id);
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
