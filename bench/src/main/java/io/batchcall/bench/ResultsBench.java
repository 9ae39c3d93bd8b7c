package io.batchcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.BufferedWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures of CONTRACT §13 on the real server jar (child process, -Xmx512m), embedded and on
 * PostgreSQL: a 1M-contact campaign dialing through the zero-latency simulated dialer, measured in
 * three consecutive phases of the same job — no webhook endpoint, an endpoint subscribed to every event
 * (a receiver in this JVM answering 200), the endpoint deleted again — for the dispatch rate and the
 * events delivered per second; then 1,000 Server-Sent-Events watchers of one changing job against none,
 * for the server's CPU.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.ResultsBench [path/to/batchcall.jar]</pre>
 * Knobs: BENCH_CONTACTS (1000000), BENCH_PHASE_SECONDS (20), BENCH_WATCHERS (1000), BENCH_SKIP_PG, BENCH_SKIP_EMBEDDED.
 */
public final class ResultsBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String KEY = ServerProcess.KEY;

    private final int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONTACTS", "1000000"));
    private final int phaseSeconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_PHASE_SECONDS", "20"));
    private final int watchers = Integer.parseInt(System.getenv().getOrDefault("BENCH_WATCHERS", "1000"));
    private final List<String[]> rows = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private Path jar;
    private Path work;

    public static void main(String[] args) throws Exception {
        ResultsBench bench = new ResultsBench();
        bench.jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/batchcall.jar");
        bench.work = Files.createTempDirectory("batchcall-results-bench");
        bench.run();
        System.exit(0); // the receiver's and the SSE client's threads are not daemons
    }

    private void run() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            received.incrementAndGet();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        Path csv = csv();
        try {
            if (System.getenv("BENCH_SKIP_EMBEDDED") == null) {
                try (ServerProcess server = ServerProcess.start(jar, work.resolve("embedded"), Map.of())) {
                    campaign(server, "embedded (SQLite)", csv, hookUrl);
                    watchers(server, "embedded (SQLite)");
                }
            }
            if (System.getenv("BENCH_SKIP_PG") == null) {
                try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
                    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                        s.execute("create database bench_results");
                    }
                    Map<String, String> env = Map.of("BATCHCALL_DB_URL", pg.getJdbcUrl("postgres", "bench_results"),
                            "BATCHCALL_DB_USER", "postgres", "BATCHCALL_DB_PASSWORD", "postgres");
                    try (ServerProcess server = ServerProcess.start(jar, work.resolve("pg"), env)) {
                        campaign(server, "PostgreSQL", csv, hookUrl);
                        watchers(server, "PostgreSQL");
                    }
                }
            }
        } finally {
            receiver.stop(0);
        }
        System.out.println();
        System.out.println("| store | measurement | result | note |");
        System.out.println("|---|---|---|---|");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
    }

    private Path csv() throws Exception {
        Path csv = work.resolve("contacts.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("phone,name\n");
            for (int i = 1; i <= contacts; i++) {
                w.write("+1415" + String.format("%07d", i) + ",Contact " + i + "\n");
            }
        }
        return csv;
    }

    /** The 1M campaign in three phases: no endpoint, an endpoint for every event, none again. */
    private void campaign(ServerProcess server, String store, Path csv, String hookUrl) throws Exception {
        String boundary = "results" + System.nanoTime();
        String head = field(boundary, "name", "results") + field(boundary, "fromPhoneNumberId", "pn_bench")
                + field(boundary, "concurrentCallLimit", "1000")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n";
        HttpResponse<String> created = HTTP.send(request(server, "/batch/create").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head), HttpRequest.BodyPublishers.ofFile(csv),
                        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"))).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create failed: " + created.body());
        }
        String job = JSON.readTree(created.body()).get("batchJobId").asText();
        Thread.sleep(3000); // the campaign gets going
        double plain = phase(server, store, job, "dispatch, no webhook endpoint", false);
        // the outbox alone: every event recorded, the endpoint unreachable (a refused connection, retried after 30 s)
        HttpResponse<String> dead = HTTP.send(request(server, "/batch/webhooks").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:9/hooks\"}")).build(), HttpResponse.BodyHandlers.ofString());
        double outboxOnly = phase(server, store, job, "dispatch, an unreachable endpoint subscribed to all 8 events (outbox writes only)", false);
        HTTP.send(request(server, "/batch/webhooks/" + JSON.readTree(dead.body()).get("id").asText()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> hook = HTTP.send(request(server, "/batch/webhooks").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + hookUrl + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String hookId = JSON.readTree(hook.body()).get("id").asText();
        double hooked = phase(server, store, job, "dispatch, an endpoint subscribed to all 8 events", true);
        HTTP.send(request(server, "/batch/jobs/" + job + "/pause").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000);
        phase(server, store, job, "job paused: the webhook backlog alone", true);
        HTTP.send(request(server, "/batch/webhooks/" + hookId).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        HTTP.send(request(server, "/batch/jobs/" + job + "/resume").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000);
        double again = phase(server, store, job, "dispatch, endpoint deleted again", false);
        row(store, "dispatch rate with the outbox only / without", String.format(Locale.ROOT, "%.0f %%", 100 * outboxOnly / ((plain + again) / 2)),
                "what recording the events costs dialing, without sending them");
        row(store, "dispatch rate with webhooks / without", String.format(Locale.ROOT, "%.0f %%", 100 * hooked / ((plain + again) / 2)),
                "target ≥ 80 %; without = mean of the phases before and after");
        HTTP.send(request(server, "/batch/jobs/" + job + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        exportParsedBack(server, store, job);
    }

    /** The cancelled job (completed and cancelled contacts) exported as CSV, parsed back by commons-csv, against the detail's figures. */
    private void exportParsedBack(ServerProcess server, String store, String job) throws Exception {
        JsonNode detail;
        do { // the calls in flight at the cancel end first
            Thread.sleep(500);
            detail = JSON.readTree(HTTP.send(request(server, "/batch/jobs/" + job + "?contactsPageSize=1").build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } while (detail.get("statusBreakdown").get("dialing").asLong() > 0);
        long peak0 = server.peakHeap();
        long t = System.nanoTime();
        HttpResponse<java.io.InputStream> r = HTTP.send(request(server, "/batch/jobs/" + job + "/contacts.csv").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Map<String, Long> counts = new java.util.TreeMap<>();
        long rows = 0;
        try (var parser = org.apache.commons.csv.CSVParser.builder()
                .setReader(new java.io.InputStreamReader(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .setFormat(org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            for (var record : parser) {
                counts.merge(record.get("status"), 1L, Long::sum);
                rows++;
            }
        }
        double s = (System.nanoTime() - t) / 1e9;
        Map<String, Long> expected = new java.util.TreeMap<>();
        detail.get("statusBreakdown").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                expected.put(e.getKey(), e.getValue().asLong());
            }
        });
        row(store, "export of the cancelled " + rows + "-contact job as CSV, parsed back by commons-csv in the bench",
                String.format(Locale.ROOT, "%.0f rows/s", rows / s),
                String.format(Locale.ROOT, "%.1f s; statuses %s %s the detail's %s; server heap peak %.0f MB (before: %.0f MB)", s, counts,
                        counts.equals(expected) ? "equal" : "DIFFER FROM", expected, server.peakHeap() / 1e6, peak0 / 1e6));
    }

    /** One phase: contacts processed per second, and webhook requests answered per second when {@code hooks}. */
    private double phase(ServerProcess server, String store, String job, String what, boolean hooks) throws Exception {
        long p0 = processed(server, job);
        long r0 = received.get();
        double cpu0 = server.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(phaseSeconds * 1000L);
        long p1 = processed(server, job);
        long r1 = received.get();
        double cpu1 = server.cpuSeconds();
        double s = (System.nanoTime() - t0) / 1e9;
        double rate = (p1 - p0) / s;
        row(store, what + " (" + phaseSeconds + " s of a " + contacts + "-contact job, limit 1000)",
                String.format(Locale.ROOT, "%.0f contacts/s", rate),
                String.format(Locale.ROOT, "server CPU %.2f cores%s", (cpu1 - cpu0) / s,
                        hooks ? String.format(Locale.ROOT, "; webhook requests answered 200: %.0f/s", (r1 - r0) / s) : ""));
        return rate;
    }

    /** 1,000 SSE watchers of one job that changes every second, against none: the server's CPU. */
    private void watchers(ServerProcess server, String store) throws Exception {
        StringBuilder body = new StringBuilder("{\"name\":\"watched\",\"fromPhoneNumberId\":\"pn\",\"concurrentCallLimit\":2,\"maxAttempts\":1,\"contacts\":[");
        for (int i = 1; i <= 200_000; i++) {
            body.append(i > 1 ? "," : "").append("{\"phone\":\"+1650").append(String.format("%07d", i)).append("\"}");
        }
        String job = JSON.readTree(HTTP.send(request(server, "/batch/create").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("batchJobId").asText();
        Thread.sleep(3000);
        double idle = cpu(server, phaseSeconds);
        row(store, "server CPU, a changing job (limit 2), no watchers", String.format(Locale.ROOT, "%.2f cores", idle), phaseSeconds + " s, /proc stat");
        AtomicLong events = new AtomicLong();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        HttpClient sse = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(4)).build();
        for (int i = 0; i < watchers; i++) {
            streams.add(sse.sendAsync(request(server, "/batch/jobs/" + job + "/events").header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            if (line.startsWith("event:")) {
                                events.incrementAndGet();
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    })));
        }
        Thread.sleep(5000); // all connected
        long e0 = events.get();
        double watched = cpu(server, phaseSeconds);
        long e1 = events.get();
        row(store, watchers + " SSE watchers of that job", String.format(Locale.ROOT, "%.2f cores", watched),
                String.format(Locale.ROOT, "target < 1 core; %.0f events/s received in all (%.2f per watcher per second)",
                        (e1 - e0) / (double) phaseSeconds, (e1 - e0) / (double) phaseSeconds / watchers));
        streams.forEach(f -> f.cancel(true));
        HTTP.send(request(server, "/batch/jobs/" + job + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double cpu(ServerProcess server, int seconds) throws InterruptedException {
        double c0 = server.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return (server.cpuSeconds() - c0) / ((System.nanoTime() - t0) / 1e9);
    }

    private static long processed(ServerProcess server, String job) throws Exception {
        JsonNode d = JSON.readTree(HTTP.send(request(server, "/batch/jobs/" + job + "?contactsPageSize=1").build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return d.get("contactsProcessed").asLong();
    }

    private static HttpRequest.Builder request(ServerProcess server, String path) {
        return HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", "Bearer " + KEY);
    }

    private static String field(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private void row(String store, String what, String value, String note) {
        rows.add(new String[] {store, what, value, note});
        System.out.println("[bench] " + store + " | " + what + " | " + value + " | " + note);
    }
}
