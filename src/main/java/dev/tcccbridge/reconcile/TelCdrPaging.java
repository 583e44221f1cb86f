package dev.tcccbridge.reconcile;

import dev.tcccbridge.tcccapi.TcccApiException;

/**
 * Asks for every page of a window, up to {@value #MAX_PAGE_SIZE} CDRs at a time (the API's
 * largest page), at most {@value #REQUESTS_PER_SECOND} requests a second (the API's limit).
 */
public class TelCdrPaging {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int REQUESTS_PER_SECOND = 20;

    /** Receives each page as it arrives. */
    @FunctionalInterface
    public interface PageHandler {
        void accept(TelCdrPage page);
    }

    /** Waits before each request so that requests are at least 1/20 s apart. */
    @FunctionalInterface
    public interface Pacer {
        void awaitTurn() throws InterruptedException;
    }

    private final TelCdrSource source;
    private final int pageSize;
    private final Pacer pacer;

    public TelCdrPaging(TelCdrSource source, int pageSize, Pacer pacer) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("the page size must be 1 to " + MAX_PAGE_SIZE);
        }
        this.source = source;
        this.pageSize = pageSize;
        this.pacer = pacer;
    }

    /** Pages of {@code pageSize}, at most {@value #REQUESTS_PER_SECOND} requests a second. */
    public TelCdrPaging(TelCdrSource source, int pageSize) {
        this(source, pageSize, new MinimumGap(1_000_000_000L / REQUESTS_PER_SECOND));
    }

    /**
     * Hands every page of the window to {@code handler}, from PageNumber 0 until a page is short
     * or TotalCount CDRs have come. @return how many pages were asked for
     */
    public int forEachPage(CdrWindow window, PageHandler handler) throws TcccApiException, InterruptedException {
        long received = 0;
        for (int pageNumber = 0; ; pageNumber++) {
            pacer.awaitTurn();
            TelCdrPage page = source.page(window, pageNumber, pageSize);
            handler.accept(page);
            received += page.items().size();
            if (page.items().size() < pageSize || received >= page.totalCount()) {
                return pageNumber + 1;
            }
        }
    }

    /** A pacer that keeps a minimum gap between two turns. */
    static final class MinimumGap implements Pacer {

        private final long gapNanos;
        private long last = Long.MIN_VALUE;

        MinimumGap(long gapNanos) {
            this.gapNanos = gapNanos;
        }

        @Override
        public synchronized void awaitTurn() throws InterruptedException {
            long now = System.nanoTime();
            if (last != Long.MIN_VALUE && now - last < gapNanos) {
                long wait = gapNanos - (now - last);
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                now = System.nanoTime();
            }
            last = now;
        }
    }
}
