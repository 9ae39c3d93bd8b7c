package io.batchcall.application.port.in;

import io.batchcall.domain.consent.Consent;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

import java.util.List;

/**
 * An organization's consent records (CONTRACT §17): record one (JSON) or many (CSV), look a number up with its records,
 * revoke (kept as a record with {@code revokedAt}). Jobs created with {@code requireConsent} dial only numbers whose
 * latest record is in force.
 */
public interface ManageConsents {

    /** Records a number's listed at most. */
    int MAX_RECORDS = 50;

    /** One consent recorded: the record as kept, and whether the number had none in force before (201) or it was updated (200). */
    record Granted(Consent consent, boolean created) {
    }

    /** An upload recorded: numbers newly consented, numbers whose record in force was updated, rows skipped. */
    record Added(long added, long updated, long skippedCount, List<SkippedRow> skippedRows) {
    }

    /** A number looked up: whether it is consented now, and its records, newest first. */
    record Shown(String phoneNumber, boolean consented, List<Consent> records) {
    }

    /** A number as sent in a path or query: E.164 (surrounding spaces ignored), else {@code invalid_phone_number}. */
    static Either<BatchJobError, PhoneNumber> number(String raw) {
        return ManageSuppressions.number(raw);
    }

    /** A consent as sent (JSON): checked against the engine's clock by {@link Consent#of} when it is recorded. */
    record Grant(String organizationId, String phoneNumber, String source, String grantedAt, String text) {
    }

    /** Records the consent, once {@link Consent#of} accepted it. */
    Either<BatchJobError, Granted> grant(Grant grant);

    /**
     * Records the rows of a CSV: a phone column, and {@code source}, {@code grantedAt}, {@code text} columns ({@code source}
     * may instead be given once for all rows); each row checked as {@link Consent#of} checks one, bad rows skipped with the
     * code as reason. No valid row: {@code no_valid_numbers}.
     */
    Either<BatchJobError, Added> grantAll(String organizationId, ContactRows rows, String defaultSource);

    Either<BatchJobError, Shown> lookup(String organizationId, PhoneNumber number);

    /** Revokes the number's consent in force; {@code consent_not_found} (404) when it has none. */
    Either<BatchJobError, Consent> revoke(String organizationId, PhoneNumber number);
}
