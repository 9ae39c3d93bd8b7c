package io.batchcall.bench;

import io.vertx.core.Vertx;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Job detail against a static route of the same size, measured with load that saturates the server: the
 * generators compared on the static route ({@code wrk} and the bench's Vert.x client), then every variant at 64
 * and 8 connections with {@code wrk} when installed, interleaved, {@code runs} rounds. Also the fixed cost of a
 * detail request (pages of 1 and 10 contacts, and {@code GET /health}). Used by {@link DetailBench} and {@link BenchMain}.
 */
final class DetailLoad implements AutoCloseable {

    /** Where the figures go: (store, what, value). */
    interface Sink {
        void line(String store, String what, String value);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int contacts;
    private final int seconds;
    private final int runs;
    private final boolean wrk = HttpLoad.wrkInstalled();
    private final Vertx vertx = Vertx.vertx();
    private final Sink sink;

    DetailLoad(int contacts, int seconds, int runs, Sink sink) {
        this.contacts = contacts;
        this.seconds = seconds;
        this.runs = runs;
        this.sink = sink;
        if (!wrk) {
            System.out.println("wrk is not installed (apt-get install wrk): the bench's Vert.x generator is used alone, and the check that it"
                    + " reaches 80 % of wrk cannot be made");
        }
    }

    void measure(ServerProcess server, String job, String store) throws Exception {
        int deepest = (contacts + 49) / 50;
        String base = server.base() + "/batch/jobs/" + job + "?contactsPageSize=50&contactsPage=";
        int bytes = HTTP.send(HttpLoad.request(base + "1", true), HttpResponse.BodyHandlers.ofByteArray()).body().length;
        String stat = server.base() + "/bench/static?bytes=" + bytes;
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("static route (" + bytes + " B)", stat);
        variants.put("detail page 1", base + "1");
        variants.put("detail page " + deepest, base + deepest);
        variants.put("detail page 1, contactStatus=pending", base + "1&contactStatus=pending");
        variants.put("detail page " + deepest + ", contactStatus=pending,queued,completed", base + deepest + "&contactStatus=pending,queued,completed");
        // the fixed cost of a detail request: the same page with 1 and 10 contacts, and the cheapest route
        variants.put("detail page 1 of 1 contact", server.base() + "/batch/jobs/" + job + "?contactsPageSize=1");
        variants.put("detail page 1 of 10 contacts", server.base() + "/batch/jobs/" + job + "?contactsPageSize=10");
        variants.put("GET /health", server.base() + "/health");
        for (String url : variants.values()) { // warm every variant
            load(url, 64, 3);
        }
        // and the bench's own generator, in this JVM: 3 s left its first measured round under 80 % of wrk (its JIT still
        // warming) in every run of this session's benches; 10 s, about what wrk's variants give the server
        HttpLoad.vertx(vertx, stat, null, 64, 10);
        // the generators on the static route
        for (int round = 1; round <= runs; round++) {
            HttpLoad.Result own = HttpLoad.vertx(vertx, stat, null, 64, seconds);
            if (wrk) {
                HttpLoad.Result w = HttpLoad.wrk(stat, null, 64, seconds);
                line(store, "generators on the static route, round " + round, w.text() + " | " + own.text()
                        + String.format(Locale.ROOT, " | own/wrk %.0f %%", 100 * own.rps() / w.rps()));
            } else {
                line(store, "generator on the static route, round " + round, own.text());
            }
        }
        if (System.getenv("BENCH_GENERATORS_ONLY") != null) {
            return;
        }
        for (int connections : new int[] {64, 8}) {
            Map<String, List<HttpLoad.Result>> results = new LinkedHashMap<>();
            for (int round = 1; round <= runs; round++) {
                for (var v : variants.entrySet()) {
                    results.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(load(v.getValue(), connections, seconds));
                }
            }
            List<HttpLoad.Result> statics = results.values().iterator().next();
            for (var e : results.entrySet()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < e.getValue().size(); i++) {
                    HttpLoad.Result r = e.getValue().get(i);
                    sb.append(String.format(Locale.ROOT, "%s%,.0f req/s (%.0f %% of static), p99 %.2f ms%s", i == 0 ? "" : "; ", r.rps(),
                            100 * r.rps() / statics.get(i).rps(), r.p99Millis(), r.non2xx() == 0 ? "" : " NON-2XX " + r.non2xx()));
                }
                line(store, e.getKey() + ", " + connections + " connections, " + runs + " rounds", sb.toString());
            }
            List<List<HttpLoad.Result>> all = new ArrayList<>(results.values());
            line(store, "deepest / first page p99, unfiltered, " + connections + " connections", ratios(all.get(2), all.get(1)));
            line(store, "deepest / first page p99, filtered, " + connections + " connections", ratios(all.get(4), all.get(3)));
        }
        line(store, "server heap after GC (peak of samples)", server.peakHeapAfterGc() / 1_000_000 + " MB");
    }

    /** p99 of {@code deep} over p99 of {@code first}, round by round (the older goal: ≤ 1.5). */
    private static String ratios(List<HttpLoad.Result> deep, List<HttpLoad.Result> first) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < deep.size(); i++) {
            r.add(String.format(Locale.ROOT, "%.2f", deep.get(i).p99Millis() / first.get(i).p99Millis()));
        }
        return String.join(" / ", r);
    }

    private HttpLoad.Result load(String url, int connections, int secs) throws Exception {
        String bearer = url.contains("/bench/static") || url.endsWith("/health") ? null : ServerProcess.KEY;
        return wrk ? HttpLoad.wrk(url, bearer, connections, secs) : HttpLoad.vertx(vertx, url, bearer, connections, secs);
    }

    private void line(String store, String what, String value) {
        sink.line(store, what, value);
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
