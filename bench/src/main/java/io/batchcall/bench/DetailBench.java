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
 * the real jar (-Xmx512m) with a 1M-contact job on the embedded store, then on PostgreSQL, measured by
 * {@link DetailLoad}, {@code BENCH_RUNS} rounds (3): each figure is printed per round with its spread.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.DetailBench [path/to/batchcall.jar]</pre>
 * Environment: BENCH_CONTACTS (1000000), BENCH_SECONDS per run (8), BENCH_RUNS (3), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED,
 * BENCH_GENERATORS_ONLY (compare the generators, then stop), BENCH_DETAIL_CACHE_MB (the server's BATCHCALL_DETAIL_CACHE_MB;
 * 0: no answer kept, every request reads the store), BENCH_RUNNING (1: the job is started before the load, with 200
 * simulated calls of 0.5 s in flight — a running campaign, written every few milliseconds — instead of scheduled).
 */
public final class DetailBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "8"));
    private final int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/batchcall.jar");
        new DetailBench().run(jar);
        System.exit(0);
    }

    private void run(Path jar) throws Exception {
        Path csv = csv();
        try (DetailLoad detail = new DetailLoad(contacts, seconds, runs, this::line)) {
            run(jar, csv, detail);
        }
        System.out.println();
        report.forEach(System.out::println);
    }

    /** BENCH_DETAIL_CACHE_MB=0 runs the server with no detail answers kept: every request reads (as a running job's do). */
    private static final String CACHE_MB = System.getenv("BENCH_DETAIL_CACHE_MB");
    private static final boolean RUNNING = "1".equals(System.getenv("BENCH_RUNNING"));
    private static final String NOT_KEPT = ("0".equals(CACHE_MB) ? ", answers not kept" : "")
            + (RUNNING ? ", running job (200 calls of 0.5 s in flight)" : "");

    private static Map<String, String> env(Map<String, String> store) {
        Map<String, String> env = new java.util.HashMap<>(store);
        if (CACHE_MB != null) {
            env.put("BATCHCALL_DETAIL_CACHE_MB", CACHE_MB);
        }
        if (RUNNING) {
            env.put("BATCHCALL_SIM_CALL_SECONDS", "0.5");
        }
        return env;
    }

    private void run(Path jar, Path csv, DetailLoad detail) throws Exception {
        if (System.getenv("BENCH_SKIP_EMBEDDED") == null) {
            try (ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("detail-embedded"), env(Map.of()))) {
                detail.measure(server, upload(server, csv), "embedded (SQLite)" + NOT_KEPT);
            }
        }
        if (System.getenv("BENCH_SKIP_PG") == null) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("create database bench_detail");
                }
                Map<String, String> env = Map.of("BATCHCALL_DB_URL", pg.getJdbcUrl("postgres", "bench_detail"), "BATCHCALL_DB_USER", "postgres",
                        "BATCHCALL_DB_PASSWORD", "postgres");
                try (ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("detail-pg"), env(env))) {
                    detail.measure(server, upload(server, csv), "PostgreSQL" + NOT_KEPT);
                }
            }
        }
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
                + "\r\nContent-Disposition: form-data; name=\"concurrentCallLimit\"\r\n\r\n200\r\n--" + boundary
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
        String job = JSON.readTree(r.body()).get("batchJobId").asText();
        if (RUNNING) {
            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/batch/jobs/" + job + "/start"))
                    .header("Authorization", "Bearer " + ServerProcess.KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 200) {
                throw new IllegalStateException("start answered " + started.statusCode() + ": " + started.body());
            }
        }
        return job;
    }
}
