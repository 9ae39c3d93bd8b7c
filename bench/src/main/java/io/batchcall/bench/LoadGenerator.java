package io.batchcall.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The bench's HTTP load: {@code threads} java.net.http clients sending one request again and again, latencies in an HdrHistogram. */
final class LoadGenerator {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LoadGenerator() {
    }

    /** What one variant measured. */
    record Load(long count, double seconds, Histogram latency, int errors) {
        double rps() {
            return count / seconds;
        }

        double p(double q) {
            return latency.getValueAtPercentile(q) / 1000.0;
        }
    }

    static HttpRequest request(String url, boolean auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (auth) {
            b.header("Authorization", "Bearer " + ServerProcess.KEY);
        }
        return b.build();
    }

    static Load runFor(HttpRequest request, Duration d, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + d.toNanos();
        long start = System.nanoTime();
        List<Future<long[]>> parts = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram h = new Histogram(60_000_000L, 3);
            histograms.add(h);
            parts.add(pool.submit(() -> {
                long n = 0;
                long errors = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    h.recordValue(Math.min(60_000_000L, (System.nanoTime() - t0) / 1000));
                    n++;
                    if (r.statusCode() != 200) {
                        errors++;
                    }
                }
                return new long[] {n, errors};
            }));
        }
        long count = 0;
        long errors = 0;
        for (Future<long[]> f : parts) {
            long[] r = f.get();
            count += r[0];
            errors += r[1];
        }
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Histogram all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        return new Load(count, secs, all, (int) errors);
    }


    static Load merge(Load a, Load b) {
        Histogram h = a.latency().copy();
        h.add(b.latency());
        return new Load(a.count() + b.count(), a.seconds() + b.seconds(), h, a.errors() + b.errors());
    }
}
