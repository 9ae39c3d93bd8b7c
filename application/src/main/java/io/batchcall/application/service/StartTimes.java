package io.batchcall.application.service;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Reads a scheduledStartTime: ISO-8601 with offset, or a local date-time in an IANA time zone. */
final class StartTimes {

    private StartTimes() {
    }

    /** The latest accepted start: the end of year 9999 (four-digit ISO years; no arithmetic on it overflows). */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Parses a start time; it must lie between 1970-01-01 and 9999-12-31. */
    static Either<BatchJobError, Option<Instant>> parseBounded(String raw, String timezone) {
        return parse(raw, timezone).flatMap(t -> t.isDefined() && (t.get().isBefore(Instant.EPOCH) || t.get().isAfter(LATEST))
                ? Either.left(new BatchJobError.InvalidInput("invalid_scheduled_time",
                        "scheduledStartTime must lie between 1970-01-01 and 9999-12-31"))
                : Either.right(t));
    }

    private static Either<BatchJobError, Option<Instant>> parse(String raw, String timezone) {
        ZoneId zone;
        if (timezone != null && timezone.length() > 64) {
            return Either.left(new BatchJobError.InvalidInput("invalid_timezone", "timezone must be an IANA zone id such as Europe/Paris"));
        }
        try {
            zone = timezone == null || timezone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            return Either.left(new BatchJobError.InvalidInput("invalid_timezone",
                    "timezone must be an IANA zone id such as Europe/Paris; got '" + io.batchcall.domain.contact.Texts.truncate(timezone, 64) + "'"));
        }
        if (raw == null || raw.isBlank()) {
            return Either.right(Option.none()); // the zone is checked all the same: it is the job's zone for contacts without their own
        }
        String s = raw.trim();
        if (s.length() > 64) {
            return Either.left(new BatchJobError.InvalidInput("invalid_scheduled_time", "scheduledStartTime is not an ISO-8601 time"));
        }
        try {
            return Either.right(Option.of(OffsetDateTime.parse(s).toInstant()));
        } catch (DateTimeException withOffset) {
            try {
                return Either.right(Option.of(LocalDateTime.parse(s).atZone(zone).toInstant()));
            } catch (DateTimeException local) {
                return Either.left(new BatchJobError.InvalidInput("invalid_scheduled_time",
                        "scheduledStartTime must be ISO-8601, e.g. 2030-01-31T09:00:00Z or 2030-01-31T09:00:00 with a timezone"));
            }
        }
    }
}
