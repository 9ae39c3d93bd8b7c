package io.batchcall.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.ConcurrentHistogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load that can saturate the server: {@code wrk} (Debian package {@code wrk}) when it is installed,
 * and the bench's own generator, a Vert.x HttpClient with one connection per concurrent request and no
 * pipelining. Both report requests/s and latency percentiles of 2xx answers.
 */
final class HttpLoad {

    /** What one run measured. */
    record Result(String generator, int connections, double rps, double p50Millis, double p99Millis, long non2xx) {
        String text() {
            return String.format(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms (%s, %d connections%s)", rps, p50Millis, p99Millis,
                    generator, connections, non2xx == 0 ? "" : ", " + non2xx + " non-2xx");
        }
    }

    private HttpLoad() {
    }

    /** One GET for a probe or a sampler (java.net.http), with the bench's key when {@code auth}. */
    static java.net.http.HttpRequest request(String url, boolean auth) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(url));
        if (auth) {
            b.header("Authorization", "Bearer " + ServerProcess.KEY);
        }
        return b.build();
    }

    static boolean wrkInstalled() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** wrk with 2 threads, {@code connections} connections, for {@code seconds}. */
    static Result wrk(String url, String bearer, int connections, int seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (bearer != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + bearer));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = String.join("\n", r.lines().toList());
        }
        p.waitFor();
        double rps = number(out, "Requests/sec:\\s+([\\d.]+)");
        Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        return new Result("wrk", connections, rps, latency(out, "50%"), latency(out, "99%"), non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no " + regex + ":\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    /** A latency line of wrk's distribution ("99%   12.34ms") in milliseconds. */
    private static double latency(String out, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no " + percentile + " latency:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    /**
     * The bench's own generator: {@code connections} request loops over as many pooled connections, no
     * pipelining, spread over one event loop per core; bodies are read and dropped, as wrk does.
     */
    static Result vertx(Vertx vertx, String url, String bearer, int connections, int seconds) throws Exception {
        URI uri = URI.create(url);
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setPipelining(false).setKeepAlive(true)
                .setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort()), new PoolOptions().setHttp1MaxSize(connections));
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(path);
        if (bearer != null) {
            options.putHeader("Authorization", "Bearer " + bearer);
        }
        ConcurrentHistogram latency = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<io.vertx.core.Context> contexts = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            contexts.add(vertx.getOrCreateContext()); // from a thread outside Vert.x: a new context on the next event loop
        }
        for (int i = 0; i < connections; i++) {
            contexts.get(i % loops).runOnContext(v -> loop(client, options, end, latency, ok, bad, done));
        }
        done.await();
        double secs = (System.nanoTime() - start) / 1e9;
        client.close().await();
        return new Result("vert.x client", connections, ok.get() / secs, latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, bad.get());
    }

    private static void loop(HttpClient client, RequestOptions options, long end, ConcurrentHistogram latency, AtomicLong ok,
                             AtomicLong bad, CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long t0 = System.nanoTime();
        client.request(options).compose(req -> req.send().compose(resp -> {
                    resp.handler(chunk -> { });
                    return resp.end().map(v -> resp.statusCode());
                }))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result() / 100 == 2) {
                        latency.recordValue(Math.min(60_000_000L, (System.nanoTime() - t0) / 1000));
                        ok.incrementAndGet();
                    } else {
                        bad.incrementAndGet();
                    }
                    loop(client, options, end, latency, ok, bad, done);
                });
    }
}
