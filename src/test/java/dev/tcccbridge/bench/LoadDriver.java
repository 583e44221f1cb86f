package dev.tcccbridge.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A bounded load on loopback: {@code clients} threads each send {@code perClient} requests
 * back to back and the latencies are collected. No more is sent than asked, and it stops.
 */
final class LoadDriver {

    record Result(String name, int requests, int failures, double seconds, long[] latenciesMicros) {

        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1000.0;
        }

        String line() {
            return String.format("%-32s %7d req  %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms  failures %d",
                    name, requests, perSecond(), percentileMillis(50), percentileMillis(99), failures);
        }
    }

    private LoadDriver() {
    }

    /**
     * @param request builds the i-th request (unique ids where the endpoint de-duplicates)
     * @param ok      whether an answer body counts as success
     */
    static Result run(String name, int clients, int perClient, IntFunction<HttpRequest> request,
                      java.util.function.Predicate<HttpResponse<String>> ok) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[perClient];
                for (int i = 0; i < perClient; i++) {
                    HttpRequest r = request.apply(sequence.getAndIncrement());
                    long t0 = System.nanoTime();
                    HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = (System.nanoTime() - t0) / 1000;
                    if (!ok.test(answer)) {
                        failures.incrementAndGet();
                    }
                }
                return latencies;
            }));
        }
        long[] all = new long[clients * perClient];
        int at = 0;
        for (Future<long[]> f : futures) {
            long[] part = f.get();
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(name, all.length, failures.get(), seconds, all);
    }

    static HttpRequest post(String url, String pushId, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (pushId != null) {
            b.header("X-TCCC-PUSH-UUID", pushId);
        }
        return b.build();
    }
}
