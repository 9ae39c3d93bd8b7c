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
    private static final int MAX_STEPS = 24 * 12 * 400;

    private CampaignEta() {
    }

    /**
     * What is known of a running campaign at {@code now}.
     *
     * @param openShare       the share (0–1) of the remaining contacts whose calling window is open at an
     *                        instant; {@code t -> 1} without windows
     * @param attemptsEnded   attempts with an outcome so far
     * @param attemptSeconds  their summed length (dial to outcome)
     * @param retriesQueued   how many of those outcomes were retryable (queued a retry, or would have with attempts left)
     * @param lastRetryDue    the latest nextRetryAt among queued contacts, if known
     */
    public record Inputs(Instant now, long pending, long queued, long dialing, int concurrency, long attemptsEnded,
                         double attemptSeconds, long retriesQueued, int maxAttempts, long retryDelaySeconds,
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
        double mean = (in.attemptSeconds() + PRIOR_WEIGHT * PRIOR_ATTEMPT_SECONDS) / (in.attemptsEnded() + PRIOR_WEIGHT);
        double p = Math.min(0.95, (in.retriesQueued() + 0.5) / (in.attemptsEnded() + 1.0));
        int m = Math.max(1, in.maxAttempts());
        double fresh = expectedAttempts(p, m);
        double again = m > 1 ? expectedAttempts(p, m - 1) : 0;
        double attempts = in.pending() * fresh + in.queued() * Math.max(1, again) + in.dialing() * (0.5 + p * again);
        // dialing time needed at full concurrency, spent at the rate the open share allows
        double need = attempts * mean / in.concurrency();
        Instant t = in.now();
        int steps = 0;
        while (need > 0 && steps++ < MAX_STEPS) {
            double share = clamp(in.openShare().applyAsDouble(t));
            double step = Math.min(STEP_SECONDS, share > 0 ? need / share : STEP_SECONDS);
            need -= step * share;
            t = t.plusMillis((long) Math.ceil(step * 1000));
        }
        // the retry chain of the last contacts: each further round waits the delay, then an attempt
        int rounds = 0;
        if (m > 1 && p > 0) {
            double survivors = open;
            while (rounds < m - 1 && survivors * p >= 0.5) {
                survivors *= p;
                rounds++;
            }
        }
        Instant chainStart = in.lastRetryDue().filter(d -> d.isAfter(in.now())).getOrElse(in.now());
        Instant chain = chainStart.plusMillis((long) ((rounds * (in.retryDelaySeconds() + mean) + mean) * 1000));
        chain = nextOpen(chain, in.openShare());
        Instant point = chain.isAfter(t) ? chain : t;
        double remaining = Duration.between(in.now(), point).toMillis();
        double spread = remaining * (0.08 + 1.5 / Math.sqrt(in.attemptsEnded() + 4.0));
        return Option.of(new Estimate(point, in.now().plusMillis((long) Math.max(0, remaining - spread)),
                point.plusMillis((long) spread)));
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
