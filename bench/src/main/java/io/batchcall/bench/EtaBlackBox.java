package io.batchcall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The completion estimate checked black-box (issue 31): the packaged jar on the real clock with the simulated
 * dialer, one campaign per scenario (call lengths of seconds and of sub-seconds, wide and narrow, retries), the
 * detail read every 200 ms as a user watching it would. At 10/25/50/75/90/95 % progress it prints the model's
 * ({@code estimatedCompletionTime}) and the contract baseline's error as a share of the time then remaining, and how
 * often {@code estimatedCompletionTimeLow}–{@code High} held the true end. {@link EtaAccuracy} is the wide sweep on
 * a simulated clock; this is what a user sees.
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.EtaBlackBox bootstrap/target/batchcall.jar [repeats] [scenario-substring]</pre>
 */
public final class EtaBlackBox {

    static final double[] POINTS = {0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A campaign: the simulated dialer's call length and outcomes (server-wide), and the job's settings. */
    record Scenario(String name, double callSeconds, String outcomes, int contacts, int concurrency, int maxAttempts, int retryDelaySeconds) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("seconds: ~3 s calls, 20 at once, 3 attempts 15 s apart", 3, "completed=60,no_answer=20,busy=10,failed=10", 300, 20, 3, 15),
            new Scenario("sub-second: ~0.4 s calls, 10 at once, 3 attempts 5 s apart", 0.4, "completed=40,no_answer=30,failed=30", 400, 10, 3, 5),
            new Scenario("narrow: ~2 s calls, 3 at once, 2 attempts 30 s apart", 2, "completed=60,no_answer=20,busy=10,failed=10", 80, 3, 2, 30),
            new Scenario("seconds, retry-heavy: ~1.5 s calls, 15 at once, 4 attempts 10 s apart", 1.5, "completed=30,no_answer=50,failed=20", 300, 15, 4, 10));

    /** One read of the detail: when, how far, and the three estimates (epoch ms; -1 when absent). */
    record Sample(long at, double progress, long model, long low, long high, long baseline) {
    }

    record Run(Scenario scenario, long end, List<Sample> samples) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/batchcall.jar");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String only = args.length > 2 ? args[2] : "";
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (Scenario s : SCENARIOS) {
                if (s.name().contains(only)) {
                    Run run = run(jar, s, 42 + r);
                    runs.add(run);
                    if (System.getenv("ETA_TRACE") != null) {
                        // each read: seconds since the first, progress, and the time left as the model, the baseline and the truth say
                        long t0 = run.samples().get(0).at();
                        run.samples().forEach(x -> System.out.printf(Locale.ROOT, "trace %.1f %.3f model %.1f baseline %.1f true %.1f%n",
                                (x.at() - t0) / 1000.0, x.progress(), (x.model() - x.at()) / 1000.0, (x.baseline() - x.at()) / 1000.0,
                                (run.end() - x.at()) / 1000.0));
                    }
                    report(List.of(run), s.name() + " (seed " + (42 + r) + ", " + run.samples().size() + " reads, "
                            + String.format(Locale.ROOT, "%.1f s", (run.end() - run.samples().get(0).at()) / 1000.0) + ")");
                }
            }
        }
        if (runs.size() > 1) {
            report(runs, "all " + runs.size() + " campaigns");
        }
        System.exit(0);
    }

    static Run run(Path jar, Scenario s, long seed) throws Exception {
        Path dir = Files.createTempDirectory("eta-blackbox");
        try (ServerProcess server = ServerProcess.start(jar, dir, Map.of("BATCHCALL_SIM_CALL_SECONDS", Double.toString(s.callSeconds()),
                "BATCHCALL_SIM_OUTCOMES", s.outcomes(), "BATCHCALL_SIM_SEED", Long.toString(seed), "BATCHCALL_TICK_MILLIS", "100"))) {
            String job = create(server, s);
            List<Sample> samples = new ArrayList<>();
            HttpRequest read = HttpLoad.request(server.base() + "/batch/jobs/" + job + "?contactsPageSize=1", true);
            while (true) {
                long at = System.currentTimeMillis();
                JsonNode d = JSON.readTree(HTTP.send(read, HttpResponse.BodyHandlers.ofString()).body());
                String status = d.get("status").asText();
                if (d.path("completedAt").isTextual()) {
                    return new Run(s, Instant.parse(d.get("completedAt").asText()).toEpochMilli(), samples);
                }
                if (!"running".equals(status)) {
                    Thread.sleep(50);
                    continue;
                }
                samples.add(new Sample(at, d.get("contactsProcessed").asDouble() / d.get("totalContacts").asDouble(),
                        millis(d, "estimatedCompletionTime"), millis(d, "estimatedCompletionTimeLow"), millis(d, "estimatedCompletionTimeHigh"),
                        millis(d, "baselineEstimatedCompletionTime")));
                Thread.sleep(Math.max(0, 200 - (System.currentTimeMillis() - at)));
            }
        }
    }

    private static long millis(JsonNode d, String field) {
        return d.path(field).isTextual() ? Instant.parse(d.get(field).asText()).toEpochMilli() : -1;
    }

    private static String create(ServerProcess server, Scenario s) throws Exception {
        StringBuilder body = new StringBuilder("{\"name\":\"eta\",\"fromPhoneNumberId\":\"pn\",\"concurrentCallLimit\":" + s.concurrency()
                + ",\"maxAttempts\":" + s.maxAttempts() + ",\"retryDelaySeconds\":" + s.retryDelaySeconds()
                + ",\"retryableStatuses\":[\"no_answer\",\"busy\",\"timeout\"],\"contacts\":[");
        for (int i = 0; i < s.contacts(); i++) {
            body.append(i > 0 ? "," : "").append("{\"phone\":\"+1415").append(String.format("%07d", i)).append("\"}");
        }
        body.append("]}");
        return server.create(body.toString());
    }

    /** The errors at one progress point over some runs: means of |estimate − end| / time left, signed bias, interval hits. */
    record PointErrors(double point, double model, double baseline, double bias, int inside, int reads) {
    }

    /** At each of {@link #POINTS}, the first read at or past it in each run. */
    static List<PointErrors> atPoints(List<Run> runs) {
        List<PointErrors> out = new ArrayList<>();
        for (double point : POINTS) {
            double model = 0;
            double bias = 0;
            double baseline = 0;
            int n = 0;
            int inside = 0;
            for (Run run : runs) {
                for (Sample s : run.samples()) {
                    if (s.progress() >= point && s.model() >= 0 && s.baseline() >= 0) {
                        double remaining = Math.max(1, run.end() - s.at());
                        model += Math.abs(s.model() - run.end()) / remaining;
                        bias += (s.model() - run.end()) / remaining;
                        baseline += Math.abs(s.baseline() - run.end()) / remaining;
                        inside += s.low() <= run.end() && run.end() <= s.high() ? 1 : 0;
                        n++;
                        break;
                    }
                }
            }
            out.add(new PointErrors(point, model / Math.max(1, n), baseline / Math.max(1, n), bias / Math.max(1, n), inside, n));
        }
        return out;
    }

    /** The share of all reads whose {@code Low}–{@code High} held the true end. */
    static double coverage(List<Run> runs) {
        long all = 0;
        long inside = 0;
        for (Run run : runs) {
            for (Sample s : run.samples()) {
                if (s.model() >= 0) {
                    all++;
                    inside += s.low() <= run.end() && run.end() <= s.high() ? 1 : 0;
                }
            }
        }
        return all == 0 ? 0 : (double) inside / all;
    }

    /** The first read at or past each progress point: mean errors over the runs, and the interval's coverage over every read. */
    static void report(List<Run> runs, String title) {
        System.out.println();
        System.out.println("### " + title);
        System.out.println("| progress | model error | baseline error | model / baseline | model in [low, high] | model bias (+ late) |");
        System.out.println("|---|---|---|---|---|---|");
        for (PointErrors e : atPoints(runs)) {
            System.out.printf(Locale.ROOT, "| %.0f %% | %.1f %% | %.1f %% | %.2f | %d of %d | %+.1f %% |%n", e.point() * 100, 100 * e.model(),
                    100 * e.baseline(), e.model() / e.baseline(), e.inside(), e.reads(), 100 * e.bias());
        }
        System.out.printf(Locale.ROOT, "interval held the true end in %.1f %% of the reads%n", 100 * coverage(runs));
    }
}
