package io.batchcall.application.service;

import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.CreateBatchJob;
import io.batchcall.application.port.in.ManageConsents;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.port.out.Consents;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.consent.Consent;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The consent records' use cases (CONTRACT §17); an upload is recorded a thousand numbers at a time. */
public final class ConsentService implements ManageConsents {

    private static final int BATCH = 1000;

    private final Consents consents;
    private final TimeSource time;

    public ConsentService(Consents consents, TimeSource time) {
        this.consents = consents;
        this.time = time;
    }

    @Override
    public Either<BatchJobError, Granted> grant(Grant grant) {
        return Consent.of(grant.phoneNumber(), grant.source(), grant.grantedAt(), grant.text(), time.now()).map(consent -> {
            long fresh = consents.grant(grant.organizationId(), List.of(consent));
            Consent kept = consents.records(grant.organizationId(), consent.phoneNumber(), 1).get(0);
            return new Granted(kept, fresh > 0);
        });
    }

    @Override
    public Either<BatchJobError, Added> grantAll(String organizationId, ContactRows rows, String defaultSource) {
        List<SkippedRow> skipped = new ArrayList<>();
        long skippedCount = 0;
        long added = 0;
        long total = 0;
        List<Consent> batch = new ArrayList<>(BATCH);
        Instant now = time.now();
        while (rows.hasNext()) {
            Either<BatchJobError, ContactRow> read = rows.next();
            if (read.isLeft()) {
                return Either.left(read.getLeft());
            }
            ContactRow row = read.get();
            Map<String, Object> data = row.contactData();
            Object source = data.getOrDefault("source", null);
            Either<BatchJobError, Consent> consent = Consent.of(row.phone(),
                    source == null || String.valueOf(source).isBlank() ? defaultSource : String.valueOf(source),
                    text(data.get("grantedAt")), text(data.get("text")), now);
            if (consent.isLeft()) {
                skippedCount++;
                if (skipped.size() < CreateBatchJob.MAX_REPORTED_SKIPS) {
                    String code = consent.getLeft().code();
                    String reason = code.equals("invalid_phone_number") ? (row.phone() == null || row.phone().isBlank() ? "missing_phone" : "invalid_phone")
                            : code;
                    skipped.add(new SkippedRow(row.row(), Texts.truncate(row.phone(), 64), reason));
                }
                continue;
            }
            batch.add(consent.get());
            if (batch.size() == BATCH) {
                added += consents.grant(organizationId, batch);
                total += batch.size();
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            added += consents.grant(organizationId, batch);
            total += batch.size();
        }
        if (total == 0) {
            return Either.left(new BatchJobError.InvalidInput("no_valid_numbers",
                    "No valid row: each needs an E.164 phone and a source (a column, or the form field 'source')"));
        }
        return Either.right(new Added(added, total - added, skippedCount, skipped));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public Either<BatchJobError, Shown> lookup(String organizationId, PhoneNumber number) {
        List<Consent> records = consents.records(organizationId, number.value(), MAX_RECORDS);
        return Either.right(new Shown(number.value(), !records.isEmpty() && records.get(0).active(), records));
    }

    @Override
    public Either<BatchJobError, Consent> revoke(String organizationId, PhoneNumber number) {
        if (!consents.revoke(organizationId, number.value(), time.now())) {
            return Either.left(new BatchJobError.NotFound("consent_not_found", "No consent in force for " + number.value()));
        }
        return Either.right(consents.records(organizationId, number.value(), 1).get(0));
    }
}
