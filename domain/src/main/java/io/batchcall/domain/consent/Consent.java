package io.batchcall.domain.consent;

import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A record that a number agreed to be called (CONTRACT §17): where the consent came from ({@code source}: a form, a
 * call, a contract), when it was given, the words agreed to, and — once revoked — when. A revocation closes the record
 * and keeps it; a later consent for the number is a new record.
 *
 * @param recordedAt when this server recorded it (its clock), the order of a number's records
 */
public record Consent(String phoneNumber, String source, Instant grantedAt, Option<String> text, Instant recordedAt,
                      Option<Instant> revokedAt) {

    public static final int MAX_SOURCE_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 2000;
    /** How far ahead of this server's clock a grantedAt may lie (another machine's clock): beyond it, a typo. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Whether the number may be called on this record: not revoked. */
    public boolean active() {
        return revokedAt.isEmpty();
    }

    /** This record revoked at {@code at}. */
    public Consent revoked(Instant at) {
        return new Consent(phoneNumber, source, grantedAt, text, recordedAt, Option.of(at));
    }

    /**
     * A consent as sent: {@code phoneNumber} E.164 ({@code invalid_phone_number}), {@code source} 1–200 characters
     * ({@code invalid_source}), {@code grantedAt} ISO-8601 with an offset, not after now (absent: now;
     * {@code invalid_granted_at}), {@code text} at most 2,000 characters ({@code invalid_text}).
     */
    public static Either<BatchJobError, Consent> of(String phoneNumber, String source, String grantedAt, String text, Instant now) {
        Either<String, PhoneNumber> phone = PhoneNumber.parse(phoneNumber == null ? null : phoneNumber.trim());
        if (phone.isLeft()) {
            return invalid("invalid_phone_number", "phoneNumber must be E.164 such as +14155550123");
        }
        if (source == null || source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
            return invalid("invalid_source", "source is required: where the consent was given (a form, a call), 1–"
                    + MAX_SOURCE_LENGTH + " characters");
        }
        Instant granted = now;
        if (grantedAt != null && !grantedAt.isBlank()) {
            try {
                granted = grantedAt.length() > 64 ? null : OffsetDateTime.parse(grantedAt.trim()).toInstant();
            } catch (DateTimeException e) {
                granted = null;
            }
            if (granted == null || granted.isAfter(now.plus(CLOCK_SKEW)) || granted.isBefore(Instant.parse("1970-01-01T00:00:00Z"))) {
                return invalid("invalid_granted_at", "grantedAt must be ISO-8601 with an offset, such as 2026-01-31T18:00:00Z, and not in the future");
            }
        }
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            return invalid("invalid_text", "text must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return Either.right(new Consent(phone.get().value(), source.strip(), granted, Option.of(text).filter(t -> !t.isBlank()), now,
                Option.none()));
    }

    private static Either<BatchJobError, Consent> invalid(String code, String message) {
        return Either.left(new BatchJobError.InvalidInput(code, message));
    }
}
