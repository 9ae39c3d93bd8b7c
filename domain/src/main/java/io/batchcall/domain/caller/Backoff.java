package io.batchcall.domain.caller;

/**
 * A caller id's back-off after a provider refused a dial as rate-limited (CONTRACT §14): its effective rate halved
 * (not below {@link CallerId#MIN_RATE}) at each refusal — at most once a second, so the refusals of one burst count
 * once — held for at least the provider's {@code Retry-After}, then climbing back by a tenth of its limit per 10 s
 * without refusals. Back at its limit, the back-off is over.
 *
 * @param rate         the rate set by the last refusal
 * @param untilMicros  no recovery before this instant (the refusal plus the provider's Retry-After)
 * @param sinceMicros  the last refusal that halved the rate
 */
public record Backoff(double rate, long untilMicros, long sinceMicros) {

    /** The rate an id with no {@code callsPerSecond} is taken to have when first refused: the highest default carriers sell. */
    public static final double ASSUMED_LIMIT = 5.0;
    static final long STEP_MICROS = 10_000_000L;

    /** The effective rate at {@code nowMicros} for an id whose limit is {@code limit}. */
    public double effective(double limit, long nowMicros) {
        if (nowMicros < untilMicros) {
            return rate;
        }
        long steps = (nowMicros - untilMicros) / STEP_MICROS;
        return Math.min(limit, rate + steps * limit / 10);
    }

    /** Whether the id is back at its limit at {@code nowMicros} (the back-off can be forgotten). */
    public boolean overAt(double limit, long nowMicros) {
        return effective(limit, nowMicros) >= limit;
    }

    /** When the rate is back at {@code limit} if no refusal comes, in microseconds. */
    public long recoveredAtMicros(double limit) {
        long steps = (long) Math.ceil(Math.max(0, limit - rate) / (limit / 10));
        return untilMicros + steps * STEP_MICROS;
    }

    /** The back-off after a refusal at {@code nowMicros} ({@code current}: none when the id was not backing off). */
    public static Backoff refused(java.util.Optional<Backoff> current, double limit, long nowMicros, long retryAfterMicros) {
        long until = nowMicros + Math.max(retryAfterMicros, 1_000_000L);
        if (current.isPresent() && nowMicros - current.get().sinceMicros() < 1_000_000L) {
            // the same burst: held longer, not halved again
            return new Backoff(current.get().rate(), Math.max(current.get().untilMicros(), until), current.get().sinceMicros());
        }
        double from = current.map(b -> b.effective(limit, nowMicros)).orElse(limit);
        return new Backoff(Math.max(CallerId.MIN_RATE, from / 2), until, nowMicros);
    }
}
