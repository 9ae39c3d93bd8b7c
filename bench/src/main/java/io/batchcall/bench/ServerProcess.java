package io.batchcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/** The real server jar in its own JVM with -Xmx512m. */
final class ServerProcess implements AutoCloseable {

    /** The API key the bench configures on every server it starts. */
    static final String KEY = "bench-key-00000000000001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final int port;
    private final java.util.concurrent.atomic.AtomicLong maxHeapUsed = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong maxHeapAfterGc = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Samples the server's used heap every 100 ms; the maximum is the reported peak. */
    private void sampleHeap() {
        sampler.scheduleWithFixedDelay(() -> {
            try {
                JsonNode jvm = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/health/jvm")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                maxHeapUsed.accumulateAndGet(jvm.get("heapUsedBytes").asLong(), Math::max);
                maxHeapAfterGc.accumulateAndGet(jvm.get("heapAfterLastGcBytes").asLong(), Math::max);
            } catch (Exception ignored) {
                // the next sample will tell
            }
        }, 0, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    static ServerProcess start(Path jar, Path dir, Map<String, String> extra) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        Map<String, String> env = new HashMap<>(Map.of("BATCHCALL_HTTP_PORT", Integer.toString(port), "BATCHCALL_DATA_DIR", dir.toString(),
                "BATCHCALL_API_KEYS", "bench:" + KEY, "BATCHCALL_BENCH_ROUTES", "true", "BATCHCALL_SIM_CALL_SECONDS", "0",
                "BATCHCALL_SIM_OUTCOMES", "completed=100", "BATCHCALL_ORG_CONCURRENCY", "1000", "BATCHCALL_TICK_MILLIS", "10"));
        // the request log: off unless BENCH_REQUEST_LOG names a mode (summary, the server's default; lines; off)
        env.put("BATCHCALL_REQUEST_LOG", System.getenv().getOrDefault("BENCH_REQUEST_LOG", "off"));
        env.putAll(extra);
        pb.environment().putAll(env);
        ServerProcess server = new ServerProcess(pb.start(), port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    server.sampleHeap();
                    return server;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException("server did not start; see " + dir.resolve("server.log"));
    }

    /** CPU seconds the server process has used so far (user + system, from /proc). */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the server's CPU time", e);
        }
    }

    /** Creates a job from a JSON body (the bench's key) and returns its id; anything but 201 stops the bench. */
    String create(String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/batch/create"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("batchJobId").asText();
    }

    String base() {
        return "http://localhost:" + port;
    }

    long peakHeap() {
        return maxHeapUsed.get();
    }

    long peakHeapAfterGc() {
        return maxHeapAfterGc.get();
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        process.destroy();
        process.waitFor();
    }
}
