package io.batchcall.application.service;

import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.CreateJob;
import io.batchcall.application.port.in.RetryRequest;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.ManageResults;
import io.batchcall.application.port.out.ContactPages;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.batchcall.domain.job.BatchJob;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Export, retry the failed, delete (CONTRACT §13). */
public final class ResultsService implements ManageResults {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultsService.class);

    private static final int PAGE = 2000;

    private final JobRecords jobs;
    private final ContactPages pages;
    private final CreateBatchJobService create;

    public ResultsService(JobRecords jobs, ContactPages pages, CreateBatchJobService create) {
        this.jobs = jobs;
        this.pages = pages;
        this.create = create;
    }

    @Override
    public Either<BatchJobError, Export> export(String organizationId, String jobId, Set<ContactStatus> statuses) {
        return jobs.find(organizationId, jobId)
                .toEither((BatchJobError) new BatchJobError.JobNotFound(jobId))
                .map(snapshot -> new Export() {
                    @Override
                    public JobSnapshot job() {
                        return snapshot;
                    }

                    @Override
                    public List<Contact> next(long afterSeq, int limit) {
                        return pages.contactsAfter(jobId, afterSeq, limit).filter(c -> statuses.isEmpty() || statuses.contains(c.status()));
                    }

                    @Override
                    public long positionAfter(long afterSeq, int limit) {
                        return afterSeq + limit;
                    }
                });
    }

    @Override
    public Either<BatchJobError, CreatedJob> retry(RetryRequest request) {
        String organizationId = request.organizationId();
        String jobId = request.batchJobId();
        Option<JobSnapshot> found = jobs.find(organizationId, jobId);
        if (found.isEmpty()) {
            return Either.left(new BatchJobError.JobNotFound(jobId));
        }
        BatchJob parent = found.get().job();
        if (!parent.status().isFinal()) {
            return Either.left(new BatchJobError.InvalidStatus("invalid_status",
                    "Only a completed, cancelled or failed job can be retried; this one is " + parent.status().wire()));
        }
        Set<ContactStatus> wanted = request.statuses().getOrElse(parent.retryPolicy().retryableStatuses());
        String name = request.name().getOrNull();
        Set<ContactStatus> keep = wanted;
        // the parent's settings, already checked: the new job is made of them as they are
        var command = new CreateJob(organizationId, name != null ? name : Texts.truncate(parent.name() + " (retry)", BatchJob.MAX_NAME_LENGTH),
                parent.description(), parent.agentId(), parent.fromPhoneNumberId(), parent.concurrentCallLimit(), parent.retryPolicy(),
                Option.none(), Option.none(), parent.callingWindow(), parent.machineAnswerOutcome(), parent.callers(), parent.outcomeRules(),
                Option.none(), parent.requireConsent()); // a retry of a job that requires consent requires it too (CONTRACT §17)
        Either<BatchJobError, CreatedJob> created = create.create(command, ContactRows.of(new Matching(jobId, keep)), Option.of(jobId));
        if (created.isLeft() && created.getLeft().code().equals("no_valid_contacts")) {
            return Either.left(new InvalidInput("nothing_to_retry", "No contact of this job ended in " + keep.map(ContactStatus::wire).mkString(", ")
                    + " (or every such number is now suppressed)"));
        }
        return created;
    }

    /** The parent's contacts in the wanted statuses, read page by page as the create consumes them. */
    private final class Matching implements Iterator<ContactRow> {
        private final String jobId;
        private final Set<ContactStatus> keep;
        private final ArrayDeque<ContactRow> ready = new ArrayDeque<>();
        private long after;
        private long row;
        private boolean done;

        Matching(String jobId, Set<ContactStatus> keep) {
            this.jobId = jobId;
            this.keep = keep;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !done) {
                List<Contact> page = pages.contactsAfter(jobId, after, PAGE);
                done = page.size() < PAGE;
                after += PAGE;
                for (Contact c : page) {
                    if (keep.contains(c.status())) {
                        ready.add(new ContactRow(++row, c.phoneNumber(), c.contactData()));
                    }
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public ContactRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }

    @Override
    public Either<BatchJobError, String> delete(String organizationId, String jobId) {
        for (int i = 0; i < 3; i++) {
            Option<JobSnapshot> found = jobs.find(organizationId, jobId);
            if (found.isEmpty()) {
                return Either.left(new BatchJobError.JobNotFound(jobId));
            }
            BatchJob job = found.get().job();
            if (!job.status().isFinal()) {
                return Either.left(new BatchJobError.InvalidStatus("invalid_status",
                        "Only a completed, cancelled or failed job can be deleted; this one is " + job.status().wire()));
            }
            if (jobs.delete(job)) {
                LOG.info("job {} of {} deleted", jobId, organizationId);
                return Either.right(jobId);
            }
        }
        return Either.left(new BatchJobError.JobNotFound(jobId));
    }
}
