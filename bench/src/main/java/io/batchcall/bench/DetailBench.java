package io.batchcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Job detail against a static route of the same size, with load that saturates the server (issue 15):
 * the real jar (-Xmx512m, request log off) with a 1M-contact job on the embedded store, then on
 * PostgreSQL. First the generators are compared on the static route — {@code wrk} and the bench's
 * Vert.x client — then every detail variant runs at 64 and at 8 connections with the saturating
 * generator ({@code wrk} when installed), interleaved with the static route, {@code BENCH_RUNS} rounds
 * (3): each figure is printed per round with its spread.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.DetailBench [path/to/batchcall.jar]</pre>
 * Environment: BENCH_CONTACTS (1000000), BENCH_SECONDS per run (8), BENCH_RUNS (3), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED,
 * BENCH_GENERATORS_ONLY (compare the generators, then stop).
 */
public final class DetailBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "8"));
    private final int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));
    private final boolean wrk = HttpLoad.wrkInstalled();
    private final Vertx vertx = Vertx.vertx();
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/batchcall.jar");
        new DetailBench().run(jar);
        System.exit(0);
    }

    private void run(Path jar) throws Exception {
        if (!wrk) {
            System.out.println("wrk is not installed (apt-get install wrk): the bench's Vert.x generator is used alone, and the check that it"
                    + " reaches 80 % of wrk cannot be made");
        }
        Path csv = csv();
        Map<String, String> quiet = Map.of("BATCHCALL_REQUEST_LOG", "false");
        if (System.getenv("BENCH_SKIP_EMBEDDED") == null) {
            try (ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("detail-embedded"), quiet)) {
                measure(server, upload(server, csv), "embedded (SQLite)");
            }
        }
        if (System.getenv("BENCH_SKIP_PG") == null) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create database bench_detail");
                }
                Map<String, String> env = new LinkedHashMap<>(quiet);
                env.putAll(Map.of("BATCHCALL_DB_URL", pg.getJdbcUrl("postgres", "bench_detail"), "BATCHCALL_DB_USER", "postgres",
                        "BATCHCALL_DB_PASSWORD", "postgres"));
                try (ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("detail-pg"), env)) {
                    measure(server, upload(server, csv), "PostgreSQL");
                }
            }
        }
        System.out.println();
        report.forEach(System.out::println);
        vertx.close().await();
    }

    private void measure(ServerProcess server, String job, String store) throws Exception {
        int deepest = (contacts + 49) / 50;
        String base = server.base() + "/batch/jobs/" + job + "?contactsPageSize=50&contactsPage=";
        int bytes = HTTP.send(LoadGenerator.request(base + "1", true), HttpResponse.BodyHandlers.ofByteArray()).body().length;
        String stat = server.base() + "/bench/static?bytes=" + bytes;
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("static route (" + bytes + " B)", stat);
        variants.put("detail page 1", base + "1");
        variants.put("detail page " + deepest, base + deepest);
        variants.put("detail page 1, contactStatus=pending", base + "1&contactStatus=pending");
        variants.put("detail page " + deepest + ", contactStatus=pending,queued,completed", base + deepest + "&contactStatus=pending,queued,completed");
        for (String url : variants.values()) { // warm every variant
            load(url, 64, 3);
        }
        HttpLoad.vertx(vertx, stat, null, 64, 3); // and the bench's own generator
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
        }
        line(store, "server heap after GC (peak of samples)", server.peakHeapAfterGc() / 1_000_000 + " MB");
    }

    private HttpLoad.Result load(String url, int connections, int secs) throws Exception {
        String bearer = url.contains("/bench/static") ? null : ServerProcess.KEY;
        return wrk ? HttpLoad.wrk(url, bearer, connections, secs) : HttpLoad.vertx(vertx, url, bearer, connections, secs);
    }

    private void line(String store, String what, String value) {
        String l = "| " + store + " | " + what + " | " + value + " |";
        System.out.println(l);
        report.add(l);
    }

    private Path csv() throws Exception {
        Path csv = Files.createTempFile("detail", ".csv");
        try (var w = Files.newBufferedWriter(csv)) {
            w.write("phone,name,tier,note\n");
            for (int i = 0; i < contacts; i++) {
                w.write("+1415" + String.format("%07d", i) + ",Contact " + i + ",gold,a note of some length\n");
            }
        }
        return csv;
    }

    private static String upload(ServerProcess server, Path csv) throws Exception {
        String boundary = "----detail" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\ndetail\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"fromPhoneNumberId\"\r\n\r\npn\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"scheduledStartTime\"\r\n\r\n2099-01-01T00:00:00Z\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/batch/create"))
                .header("Authorization", "Bearer " + ServerProcess.KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), HttpRequest.BodyPublishers.ofFile(csv),
                        HttpRequest.BodyPublishers.ofByteArray(tail))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode body = JSON.readTree(r.body());
        return body.get("batchJobId").asText();
    }
}
