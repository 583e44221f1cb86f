package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeTelCdr of the TCCC API (service ccc, version 2020-02-10), signed (TC3-HMAC-SHA256) and
 * sent by the Tencent Cloud SDK's {@link CommonClient}.
 */
public class TcccTelCdrApi implements TelCdrSource {

    static final String SERVICE = "ccc";
    static final String VERSION = "2020-02-10";
    static final String ACTION = "DescribeTelCdr";

    private final CommonClient client;
    private final long sdkAppId;
    private final ObjectMapper json;

    public TcccTelCdrApi(TcccApiProperties api, long sdkAppId, ObjectMapper json) {
        this.client = new CommonClient(SERVICE, VERSION, new Credential(api.secretId(), api.secretKey()),
                api.region() == null ? "" : api.region().trim(), clientProfile(api));
        this.sdkAppId = sdkAppId;
        this.json = json;
    }

    /** https to the endpoint; an endpoint written http://host:port (a local stub) is called over http. */
    static ClientProfile clientProfile(TcccApiProperties api) {
        HttpProfile http = new HttpProfile();
        String endpoint = api.endpoint().trim();
        if (endpoint.startsWith("http://")) {
            http.setProtocol(HttpProfile.REQ_HTTP);
            endpoint = endpoint.substring("http://".length());
        } else if (endpoint.startsWith("https://")) {
            endpoint = endpoint.substring("https://".length());
        }
        http.setEndpoint(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        http.setReqMethod(HttpProfile.REQ_POST);
        int seconds = (int) Math.max(1, api.timeout().toSeconds());
        http.setConnTimeout(seconds);
        http.setReadTimeout(seconds);
        http.setWriteTimeout(seconds);
        ClientProfile profile = new ClientProfile(ClientProfile.SIGN_TC3_256, http);
        return profile;
    }

    @Override
    public TelCdrPage page(CdrWindow window, int pageNumber, int pageSize) throws TcccApiException {
        ObjectNode request = json.createObjectNode()
                .put("SdkAppId", sdkAppId)
                .put("StartTimeStamp", window.startTimeStamp())
                .put("EndTimeStamp", window.endTimeStamp())
                .put("PageSize", pageSize)
                .put("PageNumber", pageNumber);
        String answer;
        try {
            answer = client.call(ACTION, request.toString());
        } catch (TencentCloudSDKException e) {
            throw new TcccApiException(ACTION + " failed: " + describe(e), e.getRequestId(), e);
        }
        JsonNode response;
        try {
            response = json.readTree(answer).path("Response");
        } catch (JsonProcessingException e) {
            throw new TcccApiException(ACTION + " answered something that is not JSON", null, e);
        }
        String requestId = response.path("RequestId").asText(null);
        JsonNode error = response.path("Error");
        if (!error.isMissingNode() && !error.isNull()) {
            throw new TcccApiException(ACTION + " failed: " + error.path("Code").asText() + " "
                    + error.path("Message").asText(), requestId, null);
        }
        // TelCdrs is the deprecated name of the list
        JsonNode list = response.hasNonNull("TelCdrList") ? response.get("TelCdrList") : response.path("TelCdrs");
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return new TelCdrPage(response.path("TotalCount").asLong(items.size()), items, requestId);
    }

    private static String describe(TencentCloudSDKException e) {
        return e.getErrorCode() == null || e.getErrorCode().isEmpty() ? e.getMessage()
                : e.getErrorCode() + " " + e.getMessage();
    }
}
