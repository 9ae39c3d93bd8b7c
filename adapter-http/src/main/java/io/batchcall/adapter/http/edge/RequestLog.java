package io.batchcall.adapter.http.edge;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request log (issue 31), decided by the level of the logger {@value #NAME} (docs/operations.md):
 * <ul>
 *   <li>{@code INFO} (the default): one line per route and method each minute — requests, their status classes,
 *       p50/p99/max milliseconds. Its size is bounded by the routes, not by the traffic.</li>
 *   <li>{@code DEBUG}: also a line per request (method, route, path, status, code, ms, organization).</li>
 *   <li>{@code WARN} or above: nothing.</li>
 * </ul>
 * What a request costs the event loop is a few counter updates (and, at {@code DEBUG}, one queue offer): lines
 * are formatted and written by the thread {@code batchcall-request-log}. Under a flood of requests per-request
 * lines beyond the queue are dropped and counted in the next summary, never waited for.
 */
public final class RequestLog implements AutoCloseable {

    public static final String NAME = "io.batchcall.http.requests";
    private static final Logger LOG = LoggerFactory.getLogger(NAME);
    /** Longest request latency a summary's percentiles tell apart (longer is counted at this). */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int QUEUE = 16_384;
    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    /** One request, as the event loop hands it over. */
    record Line(String method, String route, String path, int status, String code, long nanos, String organization) {
    }

    /** A route's requests since the last summary. */
    static final class RouteStats {
        final LongAdder s2xx = new LongAdder();
        final LongAdder s3xx = new LongAdder();
        final LongAdder s4xx = new LongAdder();
        final LongAdder s5xx = new LongAdder();
        final Recorder micros = new Recorder(MAX_MICROS, 2);
        Histogram interval;

        void add(int status, long nanos) {
            (status >= 500 ? s5xx : status >= 400 ? s4xx : status >= 300 ? s3xx : s2xx).increment();
            micros.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
        }
    }

    private final Map<String, Map<String, RouteStats>> routes = new ConcurrentHashMap<>();
    private final BlockingQueue<Line> lines = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile long periodMillis;
    private volatile long periodStart = System.currentTimeMillis();
    private volatile boolean closed;

    private static final RequestLog SHARED = new RequestLog(60_000, LOG::isInfoEnabled);

    /** The process's request log, as its logger is one per process. */
    public static RequestLog shared() {
        return SHARED;
    }

    private final java.util.function.BooleanSupplier counting;

    /**
     * @param periodMillis how often the summary is written (a minute unless configured)
     * @param counting     whether requests are counted now (the logger at INFO or finer)
     */
    RequestLog(long periodMillis, java.util.function.BooleanSupplier counting) {
        this.periodMillis = periodMillis;
        this.counting = counting;
        this.writer = new Thread(this::write, "batchcall-request-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** How often the summary is written from the next one on ({@code BATCHCALL_REQUEST_LOG_SUMMARY_SECONDS}). */
    public void summarizeEvery(java.time.Duration period) {
        this.periodMillis = Math.max(1, period.toMillis());
        writer.interrupt();
    }

    /** Whether requests are counted at all (the logger at INFO or finer). */
    public boolean enabled() {
        return counting.getAsBoolean();
    }

    /** Called once per request when its response ends, on the event loop. */
    public void record(String method, String route, String path, int status, String code, long nanos, String organization) {
        if (!counting.getAsBoolean()) {
            return;
        }
        // the keys stay bounded whatever clients send: route templates are the server's, methods outside HTTP's own are one
        String counted = METHODS.contains(method) ? method : "OTHER";
        routes.computeIfAbsent(route, r -> new ConcurrentHashMap<>()).computeIfAbsent(counted, m -> new RouteStats()).add(status, nanos);
        if (LOG.isDebugEnabled() && !lines.offer(new Line(method, route, path, status, code, nanos, organization))) {
            dropped.incrementAndGet();
        }
    }

    /** How many route and method pairs are counted (bounded by the server's routes and HTTP's methods). */
    int keys() {
        return routes.values().stream().mapToInt(Map::size).sum();
    }

    private void write() {
        long next = System.currentTimeMillis() + periodMillis;
        while (!closed) {
            try {
                Line line = lines.poll(Math.max(1, next - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line != null) {
                    line(line);
                }
                if (System.currentTimeMillis() >= next) {
                    summarize();
                    next = System.currentTimeMillis() + periodMillis;
                }
            } catch (InterruptedException e) {
                // closed, or the period changed: the loop reads both again
                next = Math.min(next, System.currentTimeMillis() + periodMillis);
            } catch (RuntimeException e) {
                LOG.warn("request log: {}", e.toString());
            }
        }
    }

    private static void line(Line l) {
        String path = l.path() == null ? "" : l.path().length() > 200 ? l.path().substring(0, 200) + "…" : l.path();
        double ms = Math.round(l.nanos() / 1e5) / 10.0;
        LOG.atDebug().addKeyValue("method", l.method()).addKeyValue("route", l.route()).addKeyValue("path", path)
                .addKeyValue("status", l.status()).addKeyValue("ms", ms).addKeyValue("organization", l.organization())
                .addKeyValue("code", l.code())
                .log("{} {} {} {}{} {} ms org={}", l.method(), l.route(), path, l.status(), l.code() == null ? "" : " " + l.code(), ms,
                        l.organization());
    }

    /** Writes one line per route and method that saw requests since the last summary, and starts the next period. */
    void summarize() {
        long now = System.currentTimeMillis();
        double seconds = Math.max(0.001, (now - periodStart) / 1000.0);
        periodStart = now;
        long lost = dropped.getAndSet(0);
        for (var route : routes.entrySet()) {
            for (var method : route.getValue().entrySet()) {
                RouteStats s = method.getValue();
                s.interval = s.micros.getIntervalHistogram(s.interval);
                long count = s.interval.getTotalCount();
                if (count == 0) {
                    continue;
                }
                long ok = s.s2xx.sumThenReset();
                long redirects = s.s3xx.sumThenReset();
                long client = s.s4xx.sumThenReset();
                long server = s.s5xx.sumThenReset();
                double p50 = s.interval.getValueAtPercentile(50) / 1000.0;
                double p99 = s.interval.getValueAtPercentile(99) / 1000.0;
                double max = s.interval.getMaxValue() / 1000.0;
                LOG.atInfo().addKeyValue("method", method.getKey()).addKeyValue("route", route.getKey()).addKeyValue("requests", count)
                        .addKeyValue("periodSeconds", Math.round(seconds)).addKeyValue("status2xx", ok).addKeyValue("status3xx", redirects)
                        .addKeyValue("status4xx", client).addKeyValue("status5xx", server).addKeyValue("p50Ms", p50)
                        .addKeyValue("p99Ms", p99).addKeyValue("maxMs", max)
                        .log(String.format(Locale.ROOT, "%s %s: %d requests in %.0f s (2xx %d, 3xx %d, 4xx %d, 5xx %d), p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                                method.getKey(), route.getKey(), count, seconds, ok, redirects, client, server, p50, p99, max));
            }
        }
        if (lost > 0) {
            LOG.atInfo().addKeyValue("droppedLines", lost).log("{} request lines dropped (more than {} waiting to be written)", lost, QUEUE);
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }
}
