package io.batchcall.bench;

import io.batchcall.domain.eta.CampaignEta;
import io.batchcall.domain.window.CallingWindow;
import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The ETA accuracy harness (issue 12): seeded simulated campaigns on a simulated clock (no sleeping),
 * the engine's rules (concurrency, retries with a delay, calling windows per zone, a pause), and at
 * 10/25/50/75 % progress the estimate of {@link CampaignEta} and of the contract's baseline, against the
 * true completion time. Error = |estimate − true end| / (true end − start).
 *
 * <pre>java -cp bench/target/batchcall-bench.jar io.batchcall.bench.EtaAccuracy [campaigns] [seed]</pre>
 */
public final class EtaAccuracy {

    static final double[] POINTS = {0.10, 0.25, 0.50, 0.75};
    static final String[] FAMILIES = {"small, no window", "large, no window", "retry-heavy", "calling windows across zones", "paused once"};
    private static final Instant START = Instant.parse("2026-06-01T12:00:00Z"); // a Monday, noon UTC
    private static final List<List<ZoneId>> ZONE_SETS = List.of(
            List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"), ZoneId.of("America/Denver"), ZoneId.of("America/Los_Angeles")),
            List.of(ZoneId.of("Europe/London"), ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York")),
            List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("Australia/Sydney"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Europe/Berlin")),
            List.of(ZoneId.of("America/Los_Angeles")));

    /** One simulated campaign's settings. */
    record Scenario(String family, int contacts, int concurrency, double meanCallSeconds, double sigma, double success,
                    double retryable, int maxAttempts, long retryDelaySeconds, CallingWindow window, List<ZoneId> zones,
                    boolean pause, long seed) {
    }

    /** The estimates at each progress point and the true end. */
    record Outcome(Scenario scenario, double[] modelError, double[] baselineError, Duration trueDuration, double[] modelSigned) {
    }

    public static void main(String[] args) {
        int campaigns = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261129L;
        long t0 = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario s : scenarios(campaigns, seed)) {
            outcomes.add(run(s));
        }
        System.out.printf(Locale.ROOT, "%d campaigns (seed %d) simulated in %.1f s%n%n", outcomes.size(), seed, (System.nanoTime() - t0) / 1e9);
        System.out.println("| scenarios | progress | model MAPE | baseline MAPE | model / baseline |");
        System.out.println("|---|---|---|---|---|");
        for (int i = 0; i < POINTS.length; i++) {
            print("all " + outcomes.size(), i, outcomes);
        }
        for (String family : FAMILIES) {
            List<Outcome> f = outcomes.stream().filter(o -> o.scenario().family().equals(family)).toList();
            for (int i = 0; i < POINTS.length; i++) {
                print(family + " (" + f.size() + ")", i, f);
            }
        }
    }

    private static void print(String label, int point, List<Outcome> outcomes) {
        double model = mape(outcomes, point, true);
        double baseline = mape(outcomes, point, false);
        double bias = outcomes.stream().mapToDouble(o -> o.modelSigned()[point]).average().orElse(Double.NaN) * 100;
        System.out.printf(Locale.ROOT, "| %s | %.0f %% | %.1f %% | %.1f %% | %.2f |%s%n", label, POINTS[point] * 100, model, baseline, model / baseline,
                System.getenv("ETA_BIAS") == null ? "" : String.format(Locale.ROOT, " bias %+.1f %%", bias));
    }

    static double mape(List<Outcome> outcomes, int point, boolean model) {
        return outcomes.stream().mapToDouble(o -> model ? o.modelError()[point] : o.baselineError()[point]).average().orElse(Double.NaN) * 100;
    }

    /** A seeded mix of the five families. */
    static List<Scenario> scenarios(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String family = FAMILIES[i % FAMILIES.length];
            int contacts = switch (family) {
                case "small, no window" -> 100 + r.nextInt(1900);
                case "large, no window" -> 10_000 + r.nextInt(90_001);
                default -> 500 + r.nextInt(20_000);
            };
            int concurrency = switch (family) {
                case "small, no window" -> 2 + r.nextInt(19);
                case "large, no window" -> 50 + r.nextInt(951);
                default -> 5 + r.nextInt(200);
            };
            double meanCall = 5 + r.nextDouble() * 175;
            double sigma = 0.2 + r.nextDouble() * 0.9;
            boolean heavy = family.equals("retry-heavy");
            double success = heavy ? 0.25 + r.nextDouble() * 0.25 : 0.4 + r.nextDouble() * 0.45;
            double retryable = heavy ? 0.45 + r.nextDouble() * 0.3 : r.nextDouble() * (1 - success);
            retryable = Math.min(retryable, 1 - success);
            int maxAttempts = heavy ? 3 + r.nextInt(4) : 1 + r.nextInt(4);
            long delay = heavy ? 300 + r.nextInt(3301) : 30 + r.nextInt(1800);
            CallingWindow window = null;
            List<ZoneId> zones = List.of(ZoneId.of("UTC"));
            if (family.equals("calling windows across zones")) {
                int start = 8 + r.nextInt(3);
                window = CallingWindow.of(String.format("%02d:00", start), String.format("%02d:00", start + 8 + r.nextInt(5)), null, null).get();
                zones = ZONE_SETS.get(r.nextInt(ZONE_SETS.size()));
            }
            out.add(new Scenario(family, contacts, concurrency, meanCall, sigma, success, retryable, maxAttempts, delay, window, zones,
                    family.equals("paused once"), r.nextLong()));
        }
        return out;
    }

    private record Ending(double at, int contact, double length) {
    }

    /** Runs one campaign to its end on a simulated clock, estimating at each progress point. */
    static Outcome run(Scenario s) {
        SplittableRandom r = new SplittableRandom(s.seed());
        int n = s.contacts();
        int zonesCount = s.zones().size();
        int[] attempts = new int[n];
        List<ArrayDeque<Integer>> pending = new ArrayList<>();
        List<PriorityQueue<double[]>> queued = new ArrayList<>(); // {due, contact}
        for (int z = 0; z < zonesCount; z++) {
            pending.add(new ArrayDeque<>());
            queued.add(new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0])));
        }
        int[] zoneOf = new int[n];
        long[] remainingInZone = new long[zonesCount];
        for (int i = 0; i < n; i++) {
            zoneOf[i] = i % zonesCount;
            pending.get(zoneOf[i]).add(i);
            remainingInZone[zoneOf[i]]++;
        }
        PriorityQueue<Ending> calls = new PriorityQueue<>((a, b) -> Double.compare(a.at(), b.at()));
        double now = 0;
        long processed = 0;
        long attemptsEnded = 0;
        double attemptSeconds = 0;
        long retries = 0;
        long queuedCount = 0;
        double pausedUntil = -1;
        boolean pausedOnce = false;
        double[][] estimates = new double[POINTS.length][];
        int nextPoint = 0;
        while (processed < n) {
            // fill the free slots with due contacts of open zones
            if (now >= pausedUntil) {
                boolean[] open = openAt(s, now);
                for (int z = 0; z < zonesCount && calls.size() < s.concurrency(); z++) {
                    if (!open[z]) {
                        continue;
                    }
                    while (calls.size() < s.concurrency()) {
                        PriorityQueue<double[]> q = queued.get(z);
                        Integer c;
                        if (!q.isEmpty() && q.peek()[0] <= now) {
                            c = (int) q.poll()[1];
                            queuedCount--;
                        } else if (!pending.get(z).isEmpty()) {
                            c = pending.get(z).poll();
                        } else {
                            break;
                        }
                        attempts[c]++;
                        double length = Math.max(1, s.meanCallSeconds() * Math.exp(s.sigma() * gaussian(r) - s.sigma() * s.sigma() / 2));
                        calls.add(new Ending(now + length, c, length));
                    }
                }
            }
            // the next thing that happens
            double next = Double.MAX_VALUE;
            if (!calls.isEmpty()) {
                next = calls.peek().at();
            }
            for (int z = 0; z < zonesCount; z++) {
                if (!queued.get(z).isEmpty()) {
                    next = Math.min(next, Math.max(now + 1, queued.get(z).peek()[0]));
                }
                if (remainingInZone[z] > 0 && s.window() != null && calls.size() < s.concurrency()) {
                    Option<Instant> opens = s.window().nextOpening(at(now + 1), List.of(s.zones().get(z)));
                    if (opens.isDefined()) {
                        next = Math.min(next, Math.max(now + 1, seconds(opens.get())));
                    }
                }
            }
            if (pausedUntil > now) {
                next = Math.min(next, pausedUntil);
            }
            if (next == Double.MAX_VALUE) {
                throw new IllegalStateException("stuck: " + s);
            }
            now = next;
            while (!calls.isEmpty() && calls.peek().at() <= now) {
                Ending e = calls.poll();
                attemptsEnded++;
                attemptSeconds += e.length();
                double roll = r.nextDouble();
                boolean retryable = roll >= s.success() && roll < s.success() + s.retryable();
                if (retryable) {
                    retries++; // a retryable outcome, whether or not attempts are left
                }
                if (retryable && attempts[e.contact()] < s.maxAttempts()) {
                    queued.get(zoneOf[e.contact()]).add(new double[] {e.at() + s.retryDelaySeconds(), e.contact()});
                    queuedCount++;
                } else {
                    processed++;
                    remainingInZone[zoneOf[e.contact()]]--;
                }
                while (nextPoint < POINTS.length && processed >= Math.ceil(POINTS[nextPoint] * n)) {
                    double nowAt = now;
                    double inFlight = calls.stream().mapToDouble(c -> nowAt - (c.at() - c.length())).sum();
                    // what the store would tell: each queued contact's due time and attempts left, and those of the calls in flight
                    java.util.List<CampaignEta.Waiting> waiting = new ArrayList<>();
                    queued.forEach(q -> q.forEach(w -> waiting.add(new CampaignEta.Waiting(at(w[0]), s.maxAttempts() - attempts[(int) w[1]]))));
                    int[] left = calls.stream().mapToInt(c -> s.maxAttempts() - attempts[c.contact()]).toArray();
                    estimates[nextPoint++] = estimate(s, now, processed, pending, queued, queuedCount, calls.size(), attemptsEnded,
                            attemptSeconds, inFlight, retries, remainingInZone, new CampaignEta.Work(waiting, left));
                }
            }
            if (s.pause() && !pausedOnce && processed >= 0.05 * n) {
                // paused at 5 % for as long again as the campaign had run: estimates from 10 % on see a paused past
                pausedOnce = true;
                pausedUntil = now + Math.max(600, now);
            }
        }
        double end = now;
        double[] model = new double[POINTS.length];
        double[] baseline = new double[POINTS.length];
        double[] signed = new double[POINTS.length];
        for (int i = 0; i < POINTS.length; i++) {
            double[] e = estimates[i] == null ? new double[] {end, end} : estimates[i];
            model[i] = Math.abs(e[0] - end) / end;
            signed[i] = (e[0] - end) / end;
            baseline[i] = Math.abs(e[1] - end) / end;
        }
        return new Outcome(s, model, baseline, Duration.ofSeconds((long) end), signed);
    }

    /** {model, baseline} estimates of the end, in simulated seconds. */
    private static double[] estimate(Scenario s, double now, long processed, List<ArrayDeque<Integer>> pending,
                                     List<PriorityQueue<double[]>> queued, long queuedCount, int dialing, long attemptsEnded,
                                     double attemptSeconds, double inFlightSeconds, long retries, long[] remainingInZone,
                                     CampaignEta.Work work) {
        long pendingCount = pending.stream().mapToLong(ArrayDeque::size).sum();
        double lastDue = queued.stream().flatMap(PriorityQueue::stream).mapToDouble(q -> q[0]).max().orElse(-1);
        long remaining = 0;
        for (long z : remainingInZone) {
            remaining += z;
        }
        long total = remaining;
        var in = new CampaignEta.Inputs(at(now), pendingCount, queuedCount, dialing, s.concurrency(), attemptsEnded, attemptSeconds,
                inFlightSeconds, retries, s.maxAttempts(), s.retryDelaySeconds(), lastDue < 0 ? Option.none() : Option.of(at(lastDue)),
                t -> {
                    if (s.window() == null || total == 0) {
                        return 1;
                    }
                    double open = 0;
                    for (int z = 0; z < remainingInZone.length; z++) {
                        if (remainingInZone[z] > 0 && s.window().isOpen(t, List.of(s.zones().get(z)))) {
                            open += remainingInZone[z];
                        }
                    }
                    return open / total;
                }, work);
        double model = CampaignEta.estimate(in).map(e -> seconds(e.point())).getOrElse(now);
        double baseline = now + now / processed * (s.contacts() - processed);
        return new double[] {model, baseline};
    }

    private static boolean[] openAt(Scenario s, double now) {
        int zones = s.zones().size();
        if (s.window() == null) {
            boolean[] all = new boolean[zones];
            java.util.Arrays.fill(all, true);
            return all;
        }
        boolean[] open = new boolean[zones];
        for (int z = 0; z < zones; z++) {
            open[z] = s.window().isOpen(at(now), List.of(s.zones().get(z)));
        }
        return open;
    }

    private static Instant at(double seconds) {
        return START.plusMillis((long) (seconds * 1000));
    }

    private static double seconds(Instant t) {
        return Duration.between(START, t).toMillis() / 1000.0;
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble());
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
