package io.batchcall.domain.eta;

import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * A completion estimate that knows the campaign (issue 12): the attempts still expected (from the retry
 * probability learned so far), the mean attempt time observed (with a prior before the first outcomes),
 * the concurrency available, the retry delay and the last retry already due, and the calling windows
 * (through the share of the remaining contacts callable at each moment). Pure: everything is passed in.
 *
 * <p>The point estimate walks forward from {@code now}, spending the dialing time the remaining attempts
 * need at the rate the open share allows; the retry chain of the last contacts (each round a delay and
 * an attempt) bounds it from below. The interval widens with the work left and narrows with the attempts
 * observed.
 */
public final class CampaignEta {

    /** Assumed attempt length before any outcome is known. */
    public static final double PRIOR_ATTEMPT_SECONDS = 30;
    /** How many observed attempts the prior weighs. */
    private static final double PRIOR_WEIGHT = 3;
    private static final long STEP_SECONDS = 300;
    /** Mean attempts the last calls in flight run past the capacity estimate. */
    private static final double TAIL = 1.0;
    private static final int MAX_STEPS = 24 * 12 * 400;
    private static final double MAX_WALK = 200;

    private CampaignEta() {
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
     */
    public record Inputs(Instant now, long pending, long queued, long dialing, int concurrency, long attemptsEnded,
                         double attemptSeconds, double inFlightSeconds, long retriesQueued, int maxAttempts, long retryDelaySeconds,
                         Option<Instant> lastRetryDue, ToDoubleFunction<Instant> openShare) {
    }

    /** A point estimate and an interval around it (p10–p90 intent). */
    public record Estimate(Instant point, Instant low, Instant high) {
    }

    public static Option<Estimate> estimate(Inputs in) {
        long open = in.pending() + in.queued() + in.dialing();
        if (open <= 0 || in.concurrency() <= 0) {
            return Option.none();
        }
        // the mean attempt: ended attempts, plus the calls in flight counted as half done (renewal estimate)
        double mean = (in.attemptSeconds() + in.inFlightSeconds() + PRIOR_WEIGHT * PRIOR_ATTEMPT_SECONDS)
                / (in.attemptsEnded() + 0.5 * in.dialing() + PRIOR_WEIGHT);
        double p = Math.min(0.95, (in.retriesQueued() + 0.5) / (in.attemptsEnded() + 1.0));
        int m = Math.max(1, in.maxAttempts());
        double fresh = expectedAttempts(p, m);
        double again = m > 1 ? expectedAttempts(p, m - 1) : 0;
        double attempts = in.pending() * fresh + in.queued() * Math.max(1, again) + in.dialing() * (0.5 + p * again);
        // all remaining attempts, and the first attempts of the pending contacts, at the rate the open share allows
        Instant all = walk(in.now(), attempts * mean / in.concurrency(), in.openShare());
        Instant firsts = walk(in.now(), (in.pending() + 0.5 * in.dialing()) * mean / in.concurrency(), in.openShare());
        // then the retry chains of the last contacts: each further round waits the delay, then an attempt
        int freshRounds = rounds(in.pending() + in.dialing(), p, m - 1);
        int queuedRounds = rounds(in.queued(), p, m - 2);
        double round = in.retryDelaySeconds() + mean;
        Instant afterFirsts = nextOpen(firsts.plusMillis((long) (freshRounds * round * 1000)), in.openShare());
        Instant lastDue = in.lastRetryDue().filter(d -> d.isAfter(in.now())).getOrElse(in.now());
        Instant afterQueued = in.queued() == 0 ? in.now()
                : nextOpen(lastDue.plusMillis((long) ((mean + queuedRounds * round) * 1000)), in.openShare());
        // the last calls placed run past the average: the longest of them ends about one mean attempt later
        Instant point = all.plusMillis((long) (mean * TAIL * 1000));
        for (Instant candidate : new Instant[] {afterFirsts, afterQueued}) {
            if (candidate.isAfter(point)) {
                point = candidate;
            }
        }
        double remaining = Duration.between(in.now(), point).toMillis();
        double spread = remaining * (0.08 + 1.5 / Math.sqrt(in.attemptsEnded() + 4.0));
        return Option.of(new Estimate(point, in.now().plusMillis((long) Math.max(0, remaining - spread)),
                point.plusMillis((long) spread)));
    }

    /** Spends {@code need} seconds of dialing at the rate the open share allows, from {@code from}. */
    private static Instant walk(Instant from, double need, ToDoubleFunction<Instant> openShare) {
        Instant t = from;
        int steps = 0;
        // at most about MAX_WALK steps whatever the size of the job: the cost of an estimate does not grow with it
        double stride = Math.max(STEP_SECONDS, need / MAX_WALK);
        while (need > 0 && steps++ < MAX_STEPS) {
            double share = clamp(openShare.applyAsDouble(t));
            double step = Math.min(stride, share > 0 ? need / share : stride);
            need -= step * share;
            t = t.plusMillis((long) Math.ceil(step * 1000));
        }
        return t;
    }

    /** Retry rounds until fewer than half a contact is expected to be left, at most {@code max}. */
    private static int rounds(double contacts, double p, int max) {
        int rounds = 0;
        double survivors = contacts;
        while (rounds < max && survivors * p >= 0.5) {
            survivors *= p;
            rounds++;
        }
        return rounds;
    }

    /** Expected attempts of a contact with {@code attemptsLeft} attempts when each attempt is retried with probability p. */
    static double expectedAttempts(double p, int attemptsLeft) {
        double sum = 0;
        double pk = 1;
        for (int k = 0; k < attemptsLeft; k++) {
            sum += pk;
            pk *= p;
        }
        return sum;
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
