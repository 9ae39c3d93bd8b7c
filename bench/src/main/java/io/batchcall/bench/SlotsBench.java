package io.batchcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slots kept full (issue 15): the real jar on the embedded store (-Xmx512m, default dispatcher tick of
 * 100 ms), a campaign of {@code BENCH_SLOTS_CONTACTS} contacts with concurrentCallLimit 200, simulated
 * calls of 0.5 s on average, retries on (25 % no_answer, 15 % busy; 3 attempts, 1 s apart). The job's
 * {@code statusBreakdown.dialing} is sampled every 100 ms: its average over a phase, divided by 200, is
 * the share of slots kept busy. One phase alone, one with 16 connections reading the job's detail
 * (page 1, 50 contacts) as fast as they can. {@code BENCH_RUNS} runs (3), each on a fresh server.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.SlotsBench [path/to/batchcall.jar]</pre>
 */
public final class SlotsBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int SLOTS = 200;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/batchcall.jar");
        int contacts = Integer.parseInt(System.getenv().getOrDefault("BENCH_SLOTS_CONTACTS", "100000"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_PHASE_SECONDS", "30"));
        int runs = Integer.parseInt(System.getenv().getOrDefault("BENCH_RUNS", "3"));
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("batchcall-slots");
            try (ServerProcess server = ServerProcess.start(jar, dir, Map.of("BATCHCALL_SIM_CALL_SECONDS", "0.5",
                    "BATCHCALL_SIM_OUTCOMES", "completed=60,no_answer=25,busy=15", "BATCHCALL_TICK_MILLIS", "100"))) {
                String job = create(server, contacts);
                Thread.sleep(3000); // the campaign reaches its pace
                Phase alone = phase(server, job, seconds, 0);
                Phase read = phase(server, job, seconds, 16);
                for (var p : List.of(Map.entry("alone", alone), Map.entry("16 readers", read))) {
                    String line = String.format(Locale.ROOT, "run %d, %-10s: average in flight %.1f of %d (%.1f %%), min %d; %.0f contacts/s "
                                    + "finished; readers %.0f req/s, p99 %.1f ms; server heap after GC %d MB", run, p.getKey(),
                            p.getValue().avgInFlight, SLOTS, 100 * p.getValue().avgInFlight / SLOTS, p.getValue().minInFlight,
                            p.getValue().finishedPerSecond, p.getValue().readsPerSecond,
                            p.getValue().readP99Millis, server.peakHeapAfterGc() / 1_000_000);
                    System.out.println(line);
                    lines.add(line);
                }
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
        System.exit(0);
    }

    record Phase(double avgInFlight, long minInFlight, double finishedPerSecond, double readsPerSecond,
                 double readP99Millis) {
    }

    private static String create(ServerProcess server, int contacts) throws Exception {
        StringBuilder body = new StringBuilder("{\"name\":\"slots\",\"fromPhoneNumberId\":\"pn\",\"concurrentCallLimit\":" + SLOTS
                + ",\"maxAttempts\":3,\"retryDelaySeconds\":1,\"contacts\":[");
        for (int i = 0; i < contacts; i++) {
            body.append(i > 0 ? "," : "").append("{\"phone\":\"+1415").append(String.format("%07d", i)).append("\"}");
        }
        body.append("]}");
        return server.create(body.toString());
    }

    private static JsonNode detail(ServerProcess server, String job) throws Exception {
        return JSON.readTree(HTTP.send(HttpLoad.request(server.base() + "/batch/jobs/" + job + "?contactsPageSize=1", true),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Phase phase(ServerProcess server, String job, int seconds, int readers) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        org.HdrHistogram.ConcurrentHistogram readLatency = new org.HdrHistogram.ConcurrentHistogram(60_000_000L, 3);
        List<Thread> threads = new ArrayList<>();
        HttpRequest page = HttpLoad.request(server.base() + "/batch/jobs/" + job + "?contactsPageSize=50", true);
        for (int i = 0; i < readers; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    try {
                        HTTP.send(page, HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        return;
                    }
                    readLatency.recordValue(Math.min(60_000_000L, (System.nanoTime() - t0) / 1000));
                    reads.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        JsonNode first = detail(server, job);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        long samples = 0;
        double sum = 0;
        long min = Long.MAX_VALUE;
        JsonNode last = first;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            last = detail(server, job);
            long dialing = last.get("statusBreakdown").get("dialing").asLong();
            sum += dialing;
            min = Math.min(min, dialing);
            samples++;
            long wait = 100 - (System.nanoTime() - t0) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        if (!last.get("status").asText().equals("running")) {
            throw new IllegalStateException("the campaign ended during the phase: use more contacts (BENCH_SLOTS_CONTACTS)");
        }
        double finished = (last.get("contactsProcessed").asLong() - first.get("contactsProcessed").asLong()) / secs;
        return new Phase(sum / samples, min, finished, reads.get() / secs,
                readers == 0 ? 0 : readLatency.getValueAtPercentile(99) / 1000.0);
    }
}
