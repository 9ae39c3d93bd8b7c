package io.batchcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.adapter.persistence.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.postgresql.PGConnection;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run, one table: JMH figures for the domain hot paths, then the real server jar (run as a child
 * process with -Xmx512m) on the embedded database and on PostgreSQL: 1M-contact CSV import, a raw COPY
 * of the same rows, job-detail latency and throughput at page 1 and at the deepest page (filtered or
 * not) against a static route of the same size, dispatch throughput with a zero-latency simulated
 * dialer, and the server's peak heap.
 *
 * <pre>java -jar bench/target/batchcall-bench.jar [path/to/batchcall.jar]</pre>
 * Environment: BENCH_CONTACTS (1000000), BENCH_SECONDS per load run (10),
 * BENCH_DISPATCH_CONTACTS (20000), BENCH_DISPATCH_JOBS (3, one after the other), BENCH_IMPORTS (2), BENCH_SKIP_JMH, BENCH_SKIP_PG, BENCH_SKIP_DETAIL (DetailBench measures detail in more depth).
 */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = ServerProcess.KEY;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final List<String[]> rows = new ArrayList<>();
    /** Seconds of each store's raw insert of the same rows in this run: the import's ceiling. */
    private final Map<String, Double> ceilings = new java.util.HashMap<>();
    private final Path jar;
    private final Path work;
    private final int contacts;
    private final int seconds;
    private final int dispatchContacts;

    private BenchMain(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
        this.contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
        this.seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "10"));
        this.dispatchContacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_DISPATCH_CONTACTS", "20000"));
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/batchcall.jar");
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException("server jar not found: " + jar + " (run mvn -B package -DskipTests first)");
        }
        BenchMain bench = new BenchMain(jar, Files.createTempDirectory("batchcall-bench"));
        bench.run();
    }

    private void run() throws Exception {
        if (System.getenv("BENCH_SKIP_JMH") == null) {
            jmh();
        }
        Path csv = generateCsv();
        row("input", "CSV of " + contacts + " contacts", String.format(Locale.ROOT, "%.1f MB", Files.size(csv) / 1e6), "phone,name,tier,note");

        // ---------------------------------------------------------------- embedded (SQLite)
        java.util.List<String[]> stored = storedRows(csv); // read once for both raw inserts
        rawEmbedded(stored);
        try (ServerProcess server = ServerProcess.start(jar, work.resolve("embedded"), Map.of())) {
            String job = imports(server, csv, "embedded (SQLite)");
            export(server, job, "embedded (SQLite)");
            detailRuns(server, job, "embedded (SQLite)");
            dispatch(server, "embedded (SQLite)");
            heapRows("embedded (SQLite)", server);
        }
        // ---------------------------------------------------------------- the 0.1 jar (H2), same machine, same run
        String baseline = System.getenv("BENCH_BASELINE_JAR");
        if (baseline != null && !baseline.isBlank()) {
            try (ServerProcess server = ServerProcess.start(Path.of(baseline), work.resolve("baseline"), Map.of())) {
                String job = importCsv(server, csv, "embedded (H2, 0.1 jar)", "first after start");
                detailRuns(server, job, "embedded (H2, 0.1 jar)");
                dispatch(server, "embedded (H2, 0.1 jar)");
                heapRows("embedded (H2, 0.1 jar)", server);
            }
        }
        if (System.getenv("BENCH_SKIP_PG") != null) {
            print();
            deleteRecursively(work);
            return;
        }

        // ---------------------------------------------------------------- PostgreSQL
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            rawCopy(pg, stored);
            Map<String, String> env = Map.of("BATCHCALL_DB_URL", database(pg, "bench_server"), "BATCHCALL_DB_USER", "postgres",
                    "BATCHCALL_DB_PASSWORD", "postgres");
            try (ServerProcess server = ServerProcess.start(jar, work.resolve("pg"), env)) {
                String job = imports(server, csv, "PostgreSQL");
                detailRuns(server, job, "PostgreSQL");
                dispatch(server, "PostgreSQL");
                heapRows("PostgreSQL", server);
            }
        }
        print();
        deleteRecursively(work);
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The embedded ceiling: the same rows inserted into the same (Flyway-made) SQLite table by batched JDBC, nothing else. */
    private void rawEmbedded(java.util.List<String[]> rows) throws Exception {
        try (Database db = Database.embedded(work.resolve("raw-embedded")); Connection c = db.dataSource().getConnection();
             var ps = c.prepareStatement("insert into contact (job_id, seq, phone_number, contact_data, status, attempt_count, max_attempts, "
                     + "timezone) values (?, ?, ?, ?, 'pending', 0, 3, ?)")) {
            long t = System.nanoTime();
            c.setAutoCommit(false);
            for (int i = 0; i < rows.size(); i++) {
                ps.setString(1, "bj_raw");
                ps.setLong(2, i + 1);
                ps.setString(3, rows.get(i)[0]);
                ps.setString(4, rows.get(i)[1]);
                ps.setString(5, rows.get(i)[2]);
                ps.addBatch();
                if ((i + 1) % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
            double s = (System.nanoTime() - t) / 1e9;
            ceilings.put("embedded (SQLite)", s);
            row("embedded (SQLite)", "raw batched JDBC insert of the same " + rows.size() + " rows into the same table (ceiling)",
                    String.format(Locale.ROOT, "%.1f s", s), String.format(Locale.ROOT, "%.0f rows/s, no HTTP, no parsing, in the bench JVM", rows.size() / s));
        }
    }

    /**
     * The CSV's rows as the server stores them — phone, contact data as JSON, the zone(s) of the number's prefix — for
     * the raw inserts (the CSV's values need no JSON escaping).
     */
    private static java.util.List<String[]> storedRows(Path csv) throws IOException {
        java.util.List<String[]> rows = new ArrayList<>();
        var zones = io.batchcall.domain.window.PhoneZones.bundled();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", 4);
                rows.add(new String[] {f[0], "{\"name\":\"" + f[1] + "\",\"tier\":\"" + f[2] + "\",\"note\":\"" + f[3].substring(1, f[3].length() - 1) + "\"}",
                        io.batchcall.domain.window.ContactZones.resolve(io.vavr.control.Option.none(), f[0], io.vavr.control.Option.none(), zones).get()});
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- parts

    private void jmh() throws Exception {
        var options = new OptionsBuilder().include(DomainBenchmarks.class.getSimpleName()).forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .build();
        for (RunResult r : new Runner(options).run()) {
            String name = r.getParams().getBenchmark();
            row("domain (JMH)", name.substring(name.lastIndexOf('.') + 1),
                    String.format(Locale.ROOT, "%.1f ± %.1f ns/op", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()),
                    "1 fork, 2×1 s warm-up, 3×1 s measured");
        }
    }

    private Path generateCsv() throws IOException {
        Path csv = work.resolve("contacts.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("phone,name,tier,note\n");
            for (int i = 1; i <= contacts; i++) {
                w.write("+1415" + String.format("%07d", i) + ",Contact " + i + "," + (i % 3 == 0 ? "gold" : "silver")
                        + ",\"Customer since 20" + (10 + i % 15) + ", renewal due\"\n");
            }
        }
        return csv;
    }

    /**
     * The CSV imported {@code BENCH_IMPORTS} times (2) into the same server, each a new job: the first after start also
     * pays for the JIT compiling the import path. Returns the first job.
     */
    private String imports(ServerProcess server, Path csv, String store) throws Exception {
        int imports = Integer.parseInt(System.getenv().getOrDefault("BENCH_IMPORTS", "2"));
        String first = importCsv(server, csv, store, "first after start");
        for (int i = 2; i <= imports; i++) {
            importCsv(server, csv, store, "import " + i + " of " + imports);
        }
        return first;
    }

    private String importCsv(ServerProcess server, Path csv, String store, String which) throws Exception {
        String boundary = "bench" + System.nanoTime();
        String head = field(boundary, "name", "bench") + field(boundary, "fromPhoneNumberId", "pn_bench")
                + field(boundary, "scheduledStartTime", "2099-01-01T00:00:00Z")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/batch/create"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head), HttpRequest.BodyPublishers.ofFile(csv),
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"))).build();
        // while the import runs, call events keep arriving: each one needs the store's writer
        String probeJob = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/batch/create"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"probe\",\"fromPhoneNumberId\":\"pn\","
                        + "\"scheduledStartTime\":\"2099-01-01T00:00:00Z\",\"contacts\":[{\"phone\":\"+16505550000\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("batchJobId").asText();
        HttpRequest event = HttpRequest.newBuilder(URI.create(server.base() + "/batch/call-events"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"batchJobId\":\"" + probeJob + "\",\"contactId\":\"" + probeJob
                        + "-c1\",\"attempt\":1,\"type\":\"connected\"}")).build();
        Histogram events = new Histogram(3_600_000_000L, 3);
        java.util.concurrent.atomic.AtomicBoolean importing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread prober = new Thread(() -> {
            while (importing.get()) {
                long e0 = System.nanoTime();
                try {
                    HTTP.send(event, HttpResponse.BodyHandlers.discarding()); // 409 stale_attempt, after taking the writer
                    events.recordValue((System.nanoTime() - e0) / 1000);
                    Thread.sleep(10);
                } catch (Exception stop) {
                    return;
                }
            }
        });
        long t = System.nanoTime();
        prober.start();
        HttpResponse<String> r;
        try {
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            importing.set(false);
            prober.join();
        }
        double s = (System.nanoTime() - t) / 1e9;
        if (r.statusCode() != 201) {
            throw new IllegalStateException("import failed: " + r.statusCode() + " " + r.body());
        }
        JsonNode body = JSON.readTree(r.body());
        Double ceiling = ceilings.get(store);
        row(store, "import " + body.get("totalContacts").asLong() + " contacts (HTTP multipart CSV upload → stored; " + which + ")",
                String.format(Locale.ROOT, "%.1f s", s), String.format(Locale.ROOT, "%.0f contacts/s", contacts / s)
                        + (ceiling == null ? "" : String.format(Locale.ROOT, "; %.0f %% of the raw insert's speed in this run", 100 * ceiling / s)));
        row(store, "call event during that import (" + events.getTotalCount() + " sent, one at a time, 10 ms apart)",
                String.format(Locale.ROOT, "p99 %.1f ms", events.getValueAtPercentile(99) / 1000.0),
                String.format(Locale.ROOT, "p50 %.1f ms, max %.1f ms", events.getValueAtPercentile(50) / 1000.0, events.getMaxValue() / 1000.0));
        return body.get("batchJobId").asText();
    }

    /** Streams the job's CSV export to the bench (counting lines, keeping nothing). */
    private void export(ServerProcess server, String job, String store) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/batch/jobs/" + job + "/contacts.csv"))
                .header("Authorization", "Bearer " + KEY).build();
        long t = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        long lines = r.body().count();
        double s = (System.nanoTime() - t) / 1e9;
        row(store, "export " + (lines - 1) + " contacts as CSV (streamed, HTTP)", String.format(Locale.ROOT, "%.1f s", s),
                String.format(Locale.ROOT, "%.0f rows/s; server heap peak so far %s", (lines - 1) / s, mb(server.peakHeap())));
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    /**
     * Dispatch throughput, one job after the other ({@code BENCH_DISPATCH_JOBS}, 3): the first job also pays for the
     * JIT compiling the dispatch path (a 20,000-contact job lasts a few seconds); the later ones show what a
     * campaign that runs for minutes sees.
     */
    private void dispatch(ServerProcess server, String store) throws Exception {
        int jobs = Integer.parseInt(System.getenv().getOrDefault("BENCH_DISPATCH_JOBS", "3"));
        for (int i = 1; i <= jobs; i++) {
            dispatchOne(server, store, i == 1 ? "first job, JIT cold" : "job " + i + " of " + jobs);
        }
    }

    private void dispatchOne(ServerProcess server, String store, String which) throws Exception {
        StringBuilder body = new StringBuilder("{\"name\":\"dispatch\",\"fromPhoneNumberId\":\"pn\",\"concurrentCallLimit\":1000,"
                + "\"maxAttempts\":1,\"contacts\":[");
        for (int i = 1; i <= dispatchContacts; i++) {
            body.append(i > 1 ? "," : "").append("{\"phone\":\"+1650").append(String.format("%07d", i)).append("\"}");
        }
        body.append("]}");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/batch/create"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        String job = JSON.readTree(r.body()).get("batchJobId").asText();
        JsonNode detail;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        do {
            Thread.sleep(200);
            detail = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/batch/jobs/" + job + "?contactsPageSize=1"))
                    .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString()).body());
        } while (!detail.get("status").asText().equals("completed") && System.nanoTime() < deadline);
        double s = Duration.between(Instant.parse(detail.get("actualStartTime").asText()), Instant.parse(detail.get("completedAt").asText())).toMillis() / 1000.0;
        row(store, "dispatch " + dispatchContacts + " attempts, zero-latency simulated dialer, job limit 1000 (" + which + ")",
                String.format(Locale.ROOT, "%.0f attempts/s", dispatchContacts / s),
                String.format(Locale.ROOT, "%.2f s from actualStartTime to completedAt", s));
    }

    /** Detail against the static route, with load that saturates the server (as {@link DetailBench}, one round). */
    private void detailRuns(ServerProcess server, String job, String store) throws Exception {
        if (System.getenv("BENCH_SKIP_DETAIL") != null) {
            return;
        }
        try (DetailLoad detail = new DetailLoad(contacts, seconds, 1, (st, what, value) -> row(st, what, value, "wrk or the bench's Vert.x client"))) {
            detail.measure(server, job, store);
        }
    }

    private void rawCopy(EmbeddedPostgres pg, java.util.List<String[]> rows) throws Exception {
        // the same rows as the server stores them, as COPY text (prepared beforehand, not timed)
        Path copyFile = work.resolve("contacts.copy");
        try (BufferedWriter out = Files.newBufferedWriter(copyFile)) {
            long seq = 0;
            for (String[] row : rows) {
                out.write("bj_raw\t" + (++seq) + "\t" + row[0] + "\t" + row[1] + "\tpending\t0\t3\t" + row[2] + "\n");
            }
        }
        try (Database db = Database.open(database(pg, "bench_raw"), "postgres", "postgres", 2);
             Connection c = db.dataSource().getConnection(); Reader reader = Files.newBufferedReader(copyFile)) {
            long t = System.nanoTime();
            c.setAutoCommit(false);
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY contact (job_id, seq, phone_number, contact_data, status, attempt_count, max_attempts, timezone) FROM STDIN", reader, 1 << 20);
            c.commit();
            double s = (System.nanoTime() - t) / 1e9;
            c.setAutoCommit(true);
            try (Statement after = c.createStatement()) {
                // not timed: the vacuum, analyze and checkpoint a million new rows call for are done now, not by PostgreSQL's
                // background workers while the server's first import is measured
                after.execute("vacuum analyze contact");
                after.execute("checkpoint");
            }
            ceilings.put("PostgreSQL", s);
            row("PostgreSQL", "raw COPY of the same " + n + " rows into the same table (ceiling)", String.format(Locale.ROOT, "%.1f s", s),
                    String.format(Locale.ROOT, "%.0f rows/s, JDBC CopyManager, no HTTP, no parsing", n / s));
        }
    }

    private static String database(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    // ---------------------------------------------------------------- table

    private void heapRows(String store, ServerProcess server) {
        row(store, "server peak heap used (-Xmx512m)", mb(server.peakHeap()), "max of used heap (garbage included) sampled every 100 ms");
        row(store, "server peak heap after GC", mb(server.peakHeapAfterGc()), "max of the heap left by the last collection (live data), same samples");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    private void row(String store, String what, String value, String note) {
        rows.add(new String[] {store, what, value, note});
        System.out.println("[bench] " + store + " | " + what + " | " + value + " | " + note);
    }

    private void print() {
        System.out.println();
        System.out.println("| store | measurement | result | note |");
        System.out.println("|---|---|---|---|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }
}
