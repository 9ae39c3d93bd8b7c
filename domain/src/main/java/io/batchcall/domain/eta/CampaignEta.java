package io.batchcall.domain.eta;

import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * A completion estimate that knows the campaign (issues 12, 31): the attempt length learned in wall-clock time (a
 * prior that gives way after a handful of outcomes, so sub-second calls are seen as such), the retry probability
 * learned so far, the concurrency and the calling windows (the share of the remaining contacts callable at each
 * moment), and what the store knows of each open contact: when each queued one falls due and how many attempts it
 * has left, and how many the calls in flight have left. Pure: everything is passed in.
 *
 * <p>The estimate runs the campaign forward as a fluid: contacts ready to dial fill the free slots; calls in flight
 * end at the rate an attempt of the learned length allows (memoryless: {@code n} calls in flight are done after
 * about {@code L·ln 2n}); each ended attempt with attempts left comes back after the retry delay with the learned
 * probability; queued contacts join when they fall due. The campaign ends when fewer than half a contact is
 * expected in a call or ready, and fewer than one waiting for a further round. Whole busy stretches are taken in steps proportional to the work left, so the cost does not
 * grow with the job (a few hundred steps). The interval widens with the time left and narrows with the attempts
 * observed.
 */
public final class CampaignEta {

    /** Assumed attempt length before any outcome is known. */
    public static final double PRIOR_ATTEMPT_SECONDS = 30;
    /** How many observed attempts the prior weighs before the first one; it decays as 1/(1+n)², gone after a handful. */
    private static final double PRIOR_WEIGHT = 3;
    private static final long STEP_SECONDS = 300;
    private static final int MAX_STEPS = 24 * 12 * 400;
    /** Busy stretches are walked in about this many steps of the work left (a step never shorter than a quarter attempt). */
    private static final double STRIDES = 50;
    private static final int MAX_SIMULATION_STEPS = 20_000;
    /** Queued contacts are poured in this many groups by due time (each at the latest due time it holds). */
    private static final int BUCKETS = 128;
    /**
     * A further retry round is counted once at least this many contacts are expected in it. One, not a half: whether a
     * round comes at all is a coin toss at the end of a campaign, and a round expected but not coming costs the
     * estimate a retry delay against a short time left, more than the round coming unexpected costs against a long one.
     */
    private static final double RETRY_ROUND_MASS = 1.0;

    private CampaignEta() {
    }

    /** A queued contact as the store holds it: when it falls due, and the attempts it has left (at least 1). */
    public record Waiting(Instant due, int attemptsLeft) {
    }

    /**
     * What the store knows of the open contacts beyond their counts: the queued ones (when each falls due) and the
     * ones in a call (the attempts each has left after the call), each list all of them or a sample standing for all.
     * {@link #UNKNOWN} when the store tells nothing: queued contacts then fall due evenly until the latest due time.
     */
    public record Work(java.util.List<Waiting> queued, int[] dialingAttemptsLeft) {
        public static final Work UNKNOWN = new Work(java.util.List.of(), new int[0]);
    }

    /**
     * What is known of a running campaign at {@code now}.
     *
     * @param openShare       the share (0–1) of the remaining contacts whose calling window is open at an
     *                        instant; {@code t -> 1} without windows
     * @param attemptsEnded   attempts with an outcome so far
     * @param attemptSeconds  their summed length (dial to outcome)
     * @param inFlightSeconds the summed time the attempts in flight have lasted so far (short calls end
     *                        first: without them the mean is biased low early in a campaign)
     * @param retriesQueued   how many of those outcomes were retryable (queued a retry, or would have with attempts left)
     * @param lastRetryDue    the latest nextRetryAt among queued contacts, if known
     * @param work            each open contact's due time and attempts left, as far as the store tells them
     */
    public record Inputs(Instant now, long pending, long queued, long dialing, int concurrency, long attemptsEnded,
                         double attemptSeconds, double inFlightSeconds, long retriesQueued, int maxAttempts, long retryDelaySeconds,
                         Option<Instant> lastRetryDue, ToDoubleFunction<Instant> openShare, Work work) {

        public Inputs(Instant now, long pending, long queued, long dialing, int concurrency, long attemptsEnded,
                      double attemptSeconds, double inFlightSeconds, long retriesQueued, int maxAttempts, long retryDelaySeconds,
                      Option<Instant> lastRetryDue, ToDoubleFunction<Instant> openShare) {
            this(now, pending, queued, dialing, concurrency, attemptsEnded, attemptSeconds, inFlightSeconds, retriesQueued, maxAttempts,
                    retryDelaySeconds, lastRetryDue, openShare, Work.UNKNOWN);
        }
    }

    /** A point estimate and an interval around it (p10–p90 intent). */
    public record Estimate(Instant point, Instant low, Instant high) {
    }

    /** The mean attempt length in seconds: ended attempts, the calls in flight counted as half done, and a prior that gives way. */
    static double attemptSeconds(Inputs in) {
        double n = in.attemptsEnded();
        double prior = PRIOR_WEIGHT / ((1 + n) * (1 + n));
        double mean = (in.attemptSeconds() + in.inFlightSeconds() + prior * PRIOR_ATTEMPT_SECONDS) / (n + 0.5 * in.dialing() + prior);
        return Math.max(0.001, mean);
    }

    public static Option<Estimate> estimate(Inputs in) {
        long open = in.pending() + in.queued() + in.dialing();
        if (open <= 0 || in.concurrency() <= 0) {
            return Option.none();
        }
        double mean = attemptSeconds(in);
        double p = Math.min(0.95, (in.retriesQueued() + 0.5) / (in.attemptsEnded() + 1.0));
        double end = new Fluid(in, mean, p).run();
        Instant point = in.now().plusMillis((long) Math.ceil(end * 1000));
        double remaining = end * 1000;
        // p10–p90 intent: the learned length and retry rate are uncertain early; the last calls' tail is uncertain by about half an attempt
        double spread = remaining * (0.10 + 1.0 / Math.sqrt(in.attemptsEnded() + 4.0)) + mean * 500;
        return Option.of(new Estimate(point, in.now().plusMillis((long) Math.max(0, remaining - spread)), point.plusMillis((long) spread)));
    }

    /** The campaign as a fluid of contacts by attempts left: ready, in a call, and waiting to fall due. */
    private static final class Fluid {
        private final Inputs in;
        private final double mean;
        private final double p;
        private final int m;
        /** ready[r]: ready to dial with r attempts left (r ≥ 1). */
        private final double[] ready;
        /** flight[r]: in a call, with r attempts left after it. */
        private final double[] flight;
        /**
         * Queued contacts as told, by when they fall due: {@link #BUCKETS} buckets over the span of their due times, each
         * poured at the latest due time it holds (never before a contact in it falls due).
         */
        private final double[][] queuedBuckets;
        private final double[] bucketAt;
        private int nextBucket;
        /** Retries made by the run, {at, contacts by attempts left}: appended in time order, poured from the head. */
        private final java.util.ArrayDeque<double[]> retries = new java.util.ArrayDeque<>();
        private double waitingMass;
        private final double[] taken;

        Fluid(Inputs in, double mean, double p) {
            this.in = in;
            this.mean = mean;
            this.p = p;
            this.m = Math.max(1, Math.min(100, in.maxAttempts()));
            this.ready = new double[m + 1];
            this.flight = new double[m + 1];
            this.taken = new double[m + 1];
            ready[m] += in.pending();
            Work work = in.work() == null ? Work.UNKNOWN : in.work();
            long now = in.now().toEpochMilli();
            int n = work.queued().size();
            double[] at = new double[in.queued() <= 0 ? 0 : n > 0 ? n : 8];
            int[] left = new int[at.length];
            double each;
            if (in.queued() > 0 && n > 0) {
                each = (double) in.queued() / n;
                for (int i = 0; i < n; i++) {
                    Waiting w = work.queued().get(i);
                    at[i] = Math.max(0, (w.due().toEpochMilli() - now) / 1000.0);
                    left[i] = clamp(w.attemptsLeft(), 1, m);
                }
            } else if (in.queued() > 0) {
                // not told: they fall due evenly from now to the latest due time, with one attempt fewer than a fresh contact
                double last = in.lastRetryDue().map(d -> Math.max(0, (d.toEpochMilli() - now) / 1000.0)).getOrElse(0.0);
                each = in.queued() / 8.0;
                for (int i = 0; i < 8; i++) {
                    at[i] = last * (i + 1) / 8;
                    left[i] = Math.max(1, m - 1);
                }
            } else {
                each = 0;
            }
            double span = 0;
            for (double x : at) {
                span = Math.max(span, x);
            }
            int buckets = at.length == 0 ? 0 : BUCKETS;
            queuedBuckets = new double[buckets][];
            bucketAt = new double[buckets];
            for (int i = 0; i < at.length; i++) {
                int b = span <= 0 ? 0 : Math.min(buckets - 1, (int) (at[i] / span * buckets));
                if (queuedBuckets[b] == null) {
                    queuedBuckets[b] = new double[m + 1];
                }
                queuedBuckets[b][left[i]] += each;
                bucketAt[b] = Math.max(bucketAt[b], at[i]);
                waitingMass += each;
            }
            int[] dialing = work.dialingAttemptsLeft();
            if (in.dialing() > 0 && dialing.length > 0) {
                double share = (double) in.dialing() / dialing.length;
                for (int r : dialing) {
                    flight[clamp(r, 0, m - 1)] += share;
                }
            } else {
                flight[Math.max(0, m - 1)] += in.dialing();
            }
        }

        private long shareMinute = Long.MIN_VALUE;
        private double shareAt;

        /** The open share at {@code t}, asked once per minute of the run (a window opens and closes on minutes). */
        private double share(double t) {
            long minute = Math.floorDiv(in.now().toEpochMilli() + (long) (t * 1000), 60_000L);
            if (minute != shareMinute) {
                shareMinute = minute;
                shareAt = clamp(in.openShare().applyAsDouble(Instant.ofEpochMilli(minute * 60_000L)));
            }
            return shareAt;
        }

        /** Pours into the ready contacts everything due by {@code t}. */
        private void pour(double t) {
            while (nextBucket < queuedBuckets.length && (queuedBuckets[nextBucket] == null || bucketAt[nextBucket] <= t)) {
                add(queuedBuckets[nextBucket++]);
            }
            while (!retries.isEmpty() && retries.peekFirst()[0] <= t) {
                add(retries.pollFirst());
            }
        }

        private void add(double[] due) {
            if (due != null) {
                for (int r = 1; r <= m; r++) {
                    ready[r] += due[r];
                    waitingMass -= due[r];
                }
            }
        }

        /** When the next waiting contacts fall due, or infinity. */
        private double nextArrival() {
            int b = nextBucket;
            while (b < queuedBuckets.length && queuedBuckets[b] == null) {
                b++;
            }
            double next = b < queuedBuckets.length ? bucketAt[b] : Double.POSITIVE_INFINITY;
            return retries.isEmpty() ? next : Math.min(next, retries.peekFirst()[0]);
        }

        /** Seconds from now until less than half a contact is expected ready or in a call, and less than one in a further round. */
        double run() {
            double t = 0;
            double small = mean / 3;
            double before = Double.NaN; // contacts ready or in a call at the previous step, when nothing else was waiting
            double lastStep = 0;
            for (int steps = 0; steps < MAX_SIMULATION_STEPS; steps++) {
                pour(t);
                double r0 = sum(ready);
                double f0 = sum(flight);
                if (r0 + f0 < 0.5 && waitingMass < RETRY_ROUND_MASS) {
                    // the end falls inside the last step: where the open contacts crossed half a contact, not the step's
                    // end (a step is a third of an attempt at least, so a few more contacts could end up to a step sooner)
                    if (!Double.isNaN(before) && before > 0.5 && lastStep > 0) {
                        return t - lastStep * (0.5 - (r0 + f0)) / (before - (r0 + f0));
                    }
                    return t;
                }
                before = waitingMass < RETRY_ROUND_MASS ? r0 + f0 : Double.NaN;
                double share = share(t);
                double cap = in.concurrency() * share;
                if (f0 < 0.05 && (r0 < 0.05 || share <= 0)) {
                    // nothing in a call and nothing can start: on to the next contact falling due, or the next opening
                    double next = r0 >= 0.05 ? nextOpen(t) : nextArrival();
                    if (next <= t || Double.isInfinite(next)) {
                        return t;
                    }
                    Arrays.fill(flight, 0);
                    t = next;
                    before = Double.NaN;
                    continue;
                }
                double dt = cap > 0 ? Math.max(small, (r0 + f0) * mean / cap / STRIDES) : small;
                double throughput = cap * dt / mean;
                if (r0 >= throughput && f0 >= cap - 0.5 && cap > 0) {
                    // busy the whole step: the slots stay full and the ready contacts feed them
                    double[] taken = take(throughput, r0);
                    for (int r = 1; r <= m; r++) {
                        ended(r - 1, taken[r], t + dt / 2);
                    }
                } else {
                    double ends = 1 - Math.exp(-dt / mean);
                    for (int r = 0; r <= m; r++) {
                        double x = flight[r] * ends;
                        flight[r] -= x;
                        ended(r, x, t + dt / 2);
                    }
                    double free = Math.max(0, cap - sum(flight));
                    double start = Math.min(free, r0);
                    if (start > 0) {
                        double[] taken = take(start, r0);
                        for (int r = 1; r <= m; r++) {
                            flight[r - 1] += taken[r];
                        }
                    }
                }
                t += dt;
                lastStep = dt;
            }
            return t;
        }

        /**
         * Takes {@code n} of the {@code total} ready contacts in claim order: retries first (a queued contact was claimed
         * before, so it comes before every pending one in upload order), then fresh ones. Returns how many of each level.
         */
        private double[] take(double n, double total) {
            double[] taken = this.taken;
            double retries = total - ready[m];
            double fromRetries = Math.min(n, Math.max(0, retries));
            for (int r = 1; r < m; r++) {
                double x = retries > 0 ? ready[r] * fromRetries / retries : 0;
                ready[r] -= x;
                taken[r] = x;
            }
            double fresh = Math.min(ready[m], n - fromRetries);
            ready[m] -= fresh;
            taken[m] = fresh;
            return taken;
        }

        /** Attempts that ended at {@code at} with {@code attemptsLeft} left: the retryable share comes back after the delay. */
        private void ended(int attemptsLeft, double contacts, double at) {
            if (attemptsLeft < 1 || contacts <= 0) {
                return;
            }
            double due = at + in.retryDelaySeconds();
            double[] last = retries.peekLast();
            if (last == null || last[0] < due) {
                last = new double[m + 1];
                last[0] = due;
                retries.addLast(last);
            }
            last[attemptsLeft] += contacts * p;
            waitingMass += contacts * p;
        }

        private double nextOpen(double t) {
            Instant from = in.now().plusMillis((long) (t * 1000));
            Instant open = CampaignEta.nextOpen(from.plusSeconds(1), in.openShare());
            return t + Math.max(1, Duration.between(from, open).toMillis() / 1000.0);
        }
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }

    private static int clamp(int x, int lo, int hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    private static Instant nextOpen(Instant t, ToDoubleFunction<Instant> openShare) {
        Instant x = t;
        for (int i = 0; i < MAX_STEPS && clamp(openShare.applyAsDouble(x)) <= 0; i++) {
            x = x.plusSeconds(STEP_SECONDS);
        }
        return x;
    }

    private static double clamp(double share) {
        return Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
    }
}
