package dev.tcccbridge.tcccapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.CommonClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;

/**
 * The TCCC cloud API (service ccc, version 2020-02-10): any action, signed (TC3-HMAC-SHA256) and
 * sent by the Tencent Cloud SDK's {@link CommonClient}. An answer's {@code Error} becomes a
 * {@link TcccApiException} carrying the API's code and RequestId.
 */
public class TcccApiClient {

    static final String SERVICE = "ccc";
    static final String VERSION = "2020-02-10";

    private final CommonClient client;
    private final ObjectMapper json;

    public TcccApiClient(TcccApiProperties api, ObjectMapper json) {
        this.client = new CommonClient(SERVICE, VERSION, new Credential(api.secretId(), api.secretKey()),
                api.region() == null ? "" : api.region().trim(), clientProfile(api));
        this.json = json;
    }

    /** A request body to fill in for {@link #call}. */
    public ObjectNode request() {
        return json.createObjectNode();
    }

    /** Calls {@code action} and answers the {@code Response} object of its answer. */
    public JsonNode call(String action, ObjectNode request) throws TcccApiException {
        String answer;
        try {
            answer = client.call(action, request.toString());
        } catch (TencentCloudSDKException e) {
            throw new TcccApiException(action + " failed: " + describe(e), e.getErrorCode(), e.getRequestId(), e);
        }
        JsonNode response;
        try {
            response = json.readTree(answer).path("Response");
        } catch (JsonProcessingException e) {
            throw new TcccApiException(action + " answered something that is not JSON", null, null, e);
        }
        String requestId = response.path("RequestId").asText(null);
        JsonNode error = response.path("Error");
        if (!error.isMissingNode() && !error.isNull()) {
            String code = error.path("Code").asText();
            throw new TcccApiException(action + " failed: " + code + " " + error.path("Message").asText(),
                    code, requestId, null);
        }
        return response;
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
        return new ClientProfile(ClientProfile.SIGN_TC3_256, http);
    }

    private static String describe(TencentCloudSDKException e) {
        return e.getErrorCode() == null || e.getErrorCode().isEmpty() ? e.getMessage()
                : e.getErrorCode() + " " + e.getMessage();
    }
}
