package io.batchcall.application.service;

import io.batchcall.application.port.in.AddContacts;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.support.ReadAhead;
import io.batchcall.application.port.out.IdempotencyKeys;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.Suppressions;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.window.PhoneZones;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.function.Function;

/**
 * Contacts added to a job that is not final (CONTRACT §16): the rows checked as a create's ({@link ValidRows}, numbered
 * after the job's last contact, the job's numbers skipped as {@code duplicate_in_job}), then stored by the store in one
 * step — all or nothing. Under an Idempotency-Key the answer is kept and replayed as a create's (CONTRACT §12).
 */
public final class AddContactsService implements AddContacts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AddContactsService.class);

    private final JobRecords jobs;
    private final Suppressions suppressions;
    private final TimeSource time;
    private final EngineSettings settings;
    private final IdempotencyKeys idempotency;
    private final PhoneZones phoneZones = PhoneZones.bundled();

    private final io.batchcall.application.port.out.Consents consents;

    public AddContactsService(JobRecords jobs, Suppressions suppressions, io.batchcall.application.port.out.Consents consents, TimeSource time,
                              EngineSettings settings, IdempotencyKeys idempotency) {
        this.jobs = jobs;
        this.suppressions = suppressions;
        this.consents = consents;
        this.time = time;
        this.settings = settings;
        this.idempotency = idempotency;
    }

    @Override
    public Either<BatchJobError, Answer> add(Command command, ContactRows rows, Function<Added, String> answer) {
        if (command.key().isEmpty() || command.dryRun()) {
            return add(command, rows).map(added -> new Answer(answer.apply(added), false));
        }
        return KeptAnswers.answer(idempotency, command.organizationId(), command.key().get(), command.requestHash(), time.now(),
                () -> add(command, rows).map(answer)).map(a -> new Answer(a._1, a._2));
    }

    private Either<BatchJobError, Added> add(Command command, ContactRows rows) {
        Option<JobSnapshot> found = jobs.find(command.organizationId(), command.batchJobId());
        if (found.isEmpty()) {
            return Either.left(new BatchJobError.JobNotFound(command.batchJobId()));
        }
        var job = found.get().job();
        if (job.status().isFinal()) {
            return Either.left(finalJob(job.status().wire()));
        }
        Instant now = time.now();
        long before = found.get().breakdown().total();
        ValidRows valid = new ValidRows(rows, job, Option.none(), now, suppressions, consents, phoneZones, settings.maxContactsPerJob(), before,
                phones -> jobs.numbersInJob(job.id(), phones));
        try {
            if (command.dryRun()) {
                long kept = 0;
                while (valid.hasNext()) {
                    valid.next();
                    kept++;
                }
                return Either.right(new Added(true, kept, before + kept, valid.skippedCount, valid.skippedInOrder()));
            }
            Option<Long> added;
            // the rows are checked (parsed, looked up among the job's and the suppressed numbers) on their own thread while
            // the store writes the ones checked before; closed, the checker has counted every skipped row
            try (ReadAhead<NewContact> checked = new ReadAhead<>(valid, ValidRows.SUPPRESSION_BATCH, 40,
                    "batchcall-add-checker")) {
                added = jobs.addContacts(job, checked);
            }
            if (added.isEmpty()) {
                return Either.left(finalJob("final"));
            }
            LOG.info("job {} of {}: {} added, {} skipped", job.id(), job.organizationId(), Texts.count(added.get(), "contact"),
                    Texts.count(valid.skippedCount, "row"));
            long total = jobs.find(command.organizationId(), command.batchJobId()).map(s -> s.breakdown().total()).getOrElse(before + added.get());
            return Either.right(new Added(false, added.get(), total, valid.skippedCount, valid.skippedInOrder()));
        } catch (CreateBatchJobService.Abandoned e) {
            return Either.left(e.error);
        }
    }

    private static BatchJobError finalJob(String status) {
        return new BatchJobError.InvalidStatus("invalid_status", "Batch job is " + status + "; contacts can be added to a pending, scheduled, "
                + "running or paused job");
    }
}
