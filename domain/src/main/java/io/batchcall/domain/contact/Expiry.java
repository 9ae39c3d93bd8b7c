package io.batchcall.domain.contact;

import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A contact's {@code expiresAt} as uploaded (CONTRACT §16: a CSV column or a JSON field of the row): ISO-8601 with an
 * offset ({@code 2030-01-31T18:00:00Z}, {@code 2030-01-31T18:00:00-05:00}); past it, a contact not in a call is
 * cancelled with errorCode {@code expired}.
 */
public final class Expiry {

    /** The row field (CSV column) that carries it. */
    public static final String FIELD = "expiresAt";

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** The text read last and what it read as: an upload's rows mostly share one expiry (parsing costs microseconds). */
    private record Last(String text, Either<String, Option<Instant>> read) {
    }

    private static volatile Last last = new Last("", Either.right(Option.none()));

    private Expiry() {
    }

    /** None when absent or blank; else the instant, or why it does not read. */
    public static Either<String, Option<Instant>> parse(Object raw) {
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return Either.right(Option.none());
        }
        if (!(raw instanceof String text) || text.length() > 64) {
            return Either.left("expiresAt must be ISO-8601 with an offset, e.g. 2030-01-31T18:00:00Z");
        }
        Last seen = last;
        if (seen.text().equals(text)) {
            return seen.read();
        }
        Either<String, Option<Instant>> read = read(text);
        last = new Last(text, read);
        return read;
    }

    private static Either<String, Option<Instant>> read(String text) {
        try {
            Instant t = OffsetDateTime.parse(text.trim()).toInstant();
            if (t.isBefore(Instant.EPOCH) || t.isAfter(LATEST)) {
                return Either.left("expiresAt must lie between 1970 and 9999");
            }
            return Either.right(Option.of(t));
        } catch (DateTimeException e) {
            return Either.left("expiresAt must be ISO-8601 with an offset, e.g. 2030-01-31T18:00:00Z");
        }
    }
}
