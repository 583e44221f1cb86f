package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tcccbridge.tcccapi.TcccApiClient;
import dev.tcccbridge.tcccapi.TcccApiException;
import java.util.ArrayList;
import java.util.List;

/** DescribeTelCdr of the TCCC API: one page of a window's CDRs. */
public class TcccTelCdrApi implements TelCdrSource {

    static final String ACTION = "DescribeTelCdr";

    private final TcccApiClient api;
    private final long sdkAppId;

    public TcccTelCdrApi(TcccApiClient api, long sdkAppId) {
        this.api = api;
        this.sdkAppId = sdkAppId;
    }

    @Override
    public TelCdrPage page(CdrWindow window, int pageNumber, int pageSize) throws TcccApiException {
        JsonNode response = api.call(ACTION, api.request()
                .put("SdkAppId", sdkAppId)
                .put("StartTimeStamp", window.startTimeStamp())
                .put("EndTimeStamp", window.endTimeStamp())
                .put("PageSize", pageSize)
                .put("PageNumber", pageNumber));
        // TelCdrs is the deprecated name of the list
        JsonNode list = response.hasNonNull("TelCdrList") ? response.get("TelCdrList") : response.path("TelCdrs");
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return new TelCdrPage(response.path("TotalCount").asLong(items.size()), items,
                response.path("RequestId").asText(null));
    }
}
