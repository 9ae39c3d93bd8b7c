package io.batchcall.domain.contact;

import io.vavr.control.Either;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code attempts} dials of one number per organization within any rolling {@code window}
 * (CONTRACT §11, {@code BATCHCALL_NUMBER_ATTEMPT_CAP}, e.g. {@code 7/7d}). A contact over the cap waits.
 */
public record AttemptCap(int attempts, Duration window) {

    public AttemptCap {
        if (attempts < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("attempts ≥ 1 within a positive window");
        }
    }

    /** {@code N/Md}, {@code N/Mh} or {@code N/Mm} (days, hours, minutes). */
    public static Either<String, AttemptCap> parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (!s.matches("\\d{1,6}/\\d{1,5}[dhm]")) {
            return Either.left("an attempt cap is N/Md, N/Mh or N/Mm, e.g. 7/7d");
        }
        String[] parts = s.split("/");
        int n = Integer.parseInt(parts[0]);
        long amount = Long.parseLong(parts[1].substring(0, parts[1].length() - 1));
        Duration window = switch (parts[1].charAt(parts[1].length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (n < 1 || window.isZero()) {
            return Either.left("an attempt cap needs at least 1 attempt in a window longer than 0");
        }
        return Either.right(new AttemptCap(n, window));
    }

    /** Whether one more dial at {@code now} stays within the cap, given the dials counted since {@link #since}. */
    public boolean allowsAnother(long dialsInWindow) {
        return dialsInWindow < attempts;
    }

    /** Dials at or after this instant count against the cap at {@code now}. */
    public Instant since(Instant now) {
        return now.minus(window);
    }
}
