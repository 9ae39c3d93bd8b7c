package io.batchcall.application.service;

import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJob;
import io.batchcall.application.port.in.ManageSuppressions;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.port.out.Suppressions;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The suppression list's use cases; numbers are added a thousand at a time. */
public final class SuppressionService implements ManageSuppressions {

    private static final int BATCH = 1000;

    private final Suppressions suppressions;
    private final TimeSource time;

    public SuppressionService(Suppressions suppressions, TimeSource time) {
        this.suppressions = suppressions;
        this.time = time;
    }

    @Override
    public Either<BatchJobError, Added> add(String organizationId, ContactRows numbers, Option<String> why) {
        Set<String> seen = new HashSet<>();
        List<SkippedRow> skipped = new ArrayList<>();
        long skippedCount = 0;
        long added = 0;
        long present = 0;
        List<String> batch = new ArrayList<>(BATCH);
        {
            while (numbers.hasNext()) {
                Either<BatchJobError, ContactRow> read = numbers.next();
                if (read.isLeft()) {
                    return Either.left(read.getLeft());
                }
                ContactRow row = read.get();
                String raw = row.phone() == null ? null : row.phone().trim();
                Either<String, PhoneNumber> phone = PhoneNumber.parse(raw);
                String problem = phone.isLeft() ? (raw == null || raw.isEmpty() ? "missing_phone" : "invalid_phone")
                        : seen.add(phone.get().value()) ? null : "duplicate_phone";
                if (problem != null) {
                    skippedCount++;
                    if (skipped.size() < CreateBatchJob.MAX_REPORTED_SKIPS) {
                        skipped.add(new SkippedRow(row.row(), Texts.truncate(row.phone(), 64), problem));
                    }
                    continue;
                }
                batch.add(phone.get().value());
                if (batch.size() == BATCH) {
                    long n = suppressions.suppress(organizationId, batch, why, time.now());
                    added += n;
                    present += batch.size() - n;
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            long n = suppressions.suppress(organizationId, batch, why, time.now());
            added += n;
            present += batch.size() - n;
        }
        if (added + present == 0) {
            return Either.left(new InvalidInput("no_valid_numbers", "No valid number: phone numbers must be E.164 such as +14155550123"));
        }
        return Either.right(new Added(added, present, skippedCount, skipped));
    }

    @Override
    public Either<BatchJobError, Option<Suppressions.Suppression>> lookup(String organizationId, PhoneNumber number) {
        return Either.right(suppressions.suppression(organizationId, number.value()));
    }

    @Override
    public Either<BatchJobError, Page> list(String organizationId, PageRequest p) {
        var result = suppressions.suppressions(organizationId, p);
        return Either.right(new Page(result._1, result._2, p.page(), p.pageSize()));
    }

    @Override
    public Either<BatchJobError, String> remove(String organizationId, PhoneNumber number) {
        String p = number.value();
        return suppressions.unsuppress(organizationId, p) ? Either.right(p) : Either.left(new BatchJobError.NotSuppressed(p));
    }
}
