package io.batchcall.domain.caller;

import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A number an organization dials from, registered behind the {@code fromPhoneNumberId} its jobs name (CONTRACT §14),
 * with its optional limits: new calls per second, and dials per UTC day.
 */
public record CallerId(String organizationId, String id, PhoneNumber phoneNumber, Option<Double> callsPerSecond,
                       Option<Integer> dailyCap) {

    public static final double MIN_RATE = 0.1;
    public static final double MAX_RATE = 1000;
    public static final int MAX_DAILY_CAP = 1_000_000;

    /** Checks a registration: an id as long as a job's, an E.164 number, limits within their ranges. */
    public static Either<BatchJobError, CallerId> of(String organizationId, String id, String phoneNumber, Double callsPerSecond,
                                                     Integer dailyCap) {
        if (id == null || id.isBlank() || id.length() > BatchJob.MAX_ID_LENGTH) {
            return Either.left(new BatchJobError.InvalidInput("invalid_caller_id",
                    "A caller id is 1-" + BatchJob.MAX_ID_LENGTH + " characters"));
        }
        if (phoneNumber == null) {
            return Either.left(new BatchJobError.InvalidInput("missing_phone_number", "phoneNumber is required (E.164, e.g. +14155550100)"));
        }
        Either<String, PhoneNumber> phone = PhoneNumber.parse(phoneNumber);
        if (phone.isLeft()) {
            return Either.left(new BatchJobError.InvalidInput("invalid_phone_number",
                    "phoneNumber must be an E.164 number (+ and 8-15 digits), got " + quoted(phoneNumber)));
        }
        if (callsPerSecond != null && (callsPerSecond.isNaN() || callsPerSecond < MIN_RATE || callsPerSecond > MAX_RATE)) {
            return Either.left(new BatchJobError.InvalidInput("invalid_calls_per_second",
                    "callsPerSecond must be between " + MIN_RATE + " and " + (int) MAX_RATE));
        }
        if (dailyCap != null && (dailyCap < 1 || dailyCap > MAX_DAILY_CAP)) {
            return Either.left(new BatchJobError.InvalidInput("invalid_daily_cap", "dailyCap must be between 1 and " + MAX_DAILY_CAP));
        }
        return Either.right(new CallerId(organizationId, id, phone.get(), Option.of(callsPerSecond), Option.of(dailyCap)));
    }

    private static String quoted(String s) {
        return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }

    /** Whether its daily cap is reached by {@code dialsToday}. */
    public boolean restsAfter(long dialsToday) {
        return dailyCap.exists(cap -> dialsToday >= cap);
    }
}
