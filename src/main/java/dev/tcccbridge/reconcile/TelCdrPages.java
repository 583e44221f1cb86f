package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tcccbridge.tcccapi.TcccApiException;
import java.util.List;
import org.apache.camel.ExchangeProperty;

/**
 * Asks for the next page of a run's window, up to {@value #MAX_PAGE_SIZE} CDRs at a time (the
 * API's largest page), PageNumber from 0, until a page is short or TotalCount CDRs have come.
 * The pace (the API takes {@value #REQUESTS_PER_SECOND} requests a second) is the route's throttle.
 */
public class TelCdrPages {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int REQUESTS_PER_SECOND = 20;

    private final TelCdrSource source;
    private final int pageSize;

    public TelCdrPages(TelCdrSource source, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("the page size must be 1 to " + MAX_PAGE_SIZE);
        }
        this.source = source;
        this.pageSize = pageSize;
    }

    /** Whether the run's window has a page not asked for yet. */
    public boolean more(@ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run) {
        return run.more();
    }

    /** The next page's TelCdrInfo items, as the API sent them. */
    public List<JsonNode> next(@ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run)
            throws TcccApiException {
        if (!run.more()) {
            throw new IllegalStateException("every page of the window has been asked for");
        }
        TelCdrPage page = source.page(run.window(), run.nextPage(), pageSize);
        run.answered(page.items().size(), page.totalCount(), pageSize, page.requestId());
        return page.items();
    }
}
