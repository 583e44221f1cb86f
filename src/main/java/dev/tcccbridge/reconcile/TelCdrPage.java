package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a DescribeTelCdr answer.
 *
 * @param totalCount the CDRs of the whole window ({@code TotalCount})
 * @param items      the page's {@code TelCdrList} items, as the API sent them
 * @param requestId  the API's RequestId, for support cases
 */
public record TelCdrPage(long totalCount, List<JsonNode> items, String requestId) {
}
