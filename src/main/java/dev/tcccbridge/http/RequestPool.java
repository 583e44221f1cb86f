package dev.tcccbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The threads the routes of one path run on ({@link RequestPoolProperties}): a fixed number,
 * a bounded queue, and the endpoint's own 503 answer for a request that finds both full.
 */
public final class RequestPool implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPool.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final String path;
    private final ThreadPoolExecutor executor;
    private final byte[] busy;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

    /**
     * @param path     the route path the pool serves (a platform-http path); null: every other route
     * @param refusals the endpoint's answer format, asked for its 503
     */
    public RequestPool(String name, String path, RequestPoolProperties.Pool size, BoundedJsonBodyFilter.Refusals refusals,
                       ObjectMapper objectMapper) {
        this.name = name;
        this.path = path;
        BlockingQueue<Runnable> queue = size.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(size.queue());
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(size.threads(), size.threads(), 60, TimeUnit.SECONDS, queue, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        try {
            this.busy = objectMapper.writeValueAsBytes(refusals.answer(503, "the bridge is busy, nothing was read: "
                    + "retry later"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** Whether this pool serves the route at {@code routePath}. */
    boolean serves(String routePath) {
        return path != null && path.equals(routePath);
    }

    Executor executor() {
        return executor;
    }

    /** Requests waiting for a thread now. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** The 503 of a request that found the pool and its queue full. */
    void refuse(HttpServletResponse response) throws IOException {
        long total = refused.incrementAndGet();
        long due = nextWarning.get();
        // a burst is refused by the thousand: one line every few seconds says so
        if (System.nanoTime() - due >= 0 && nextWarning.compareAndSet(due, System.nanoTime() + WARN_EVERY_NANOS)) {
            LOG.warn("{} request pool full ({} threads busy, {} waiting): answered 503, {} so far; see bridge.http.*",
                    name, executor.getActiveCount(), executor.getQueue().size(), total);
        }
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(busy);
        response.flushBuffer();
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
