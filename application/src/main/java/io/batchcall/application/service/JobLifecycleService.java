package io.batchcall.application.service;

import io.batchcall.application.port.in.ActOnJob;
import io.batchcall.application.port.in.JobAction;
import io.batchcall.application.port.in.JobActionResult;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.function.Function;

/** start, cancel, pause, resume, reschedule: a domain transition written with a compare-and-set on the status. */
public final class JobLifecycleService implements ActOnJob {

    private static final int CAS_ATTEMPTS = 5;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobLifecycleService.class);

    private final JobRecords jobs;
    private final TimeSource time;
    /** Where a paused or cancelled job's unanswered calls are stopped; null: nowhere (no dialer given). */
    private final ProviderCancels cancels;

    public JobLifecycleService(JobRecords jobs, TimeSource time) {
        this.jobs = jobs;
        this.time = time;
        this.cancels = null;
    }

    /** With the dialer that stops a paused or cancelled job's calls nobody answered yet (issue 27). */
    public JobLifecycleService(io.batchcall.application.port.out.BatchJobs store, TimeSource time,
                               io.batchcall.application.port.out.Dialer dialer, java.util.concurrent.Executor completions) {
        this.jobs = store;
        this.time = time;
        this.cancels = new ProviderCancels(store, dialer, new Attempts(store, store, time), time, completions);
    }

    @Override
    public Either<BatchJobError, JobActionResult> act(JobAction action) {
        String org = action.organizationId();
        String id = action.batchJobId();
        return switch (action.verb()) {
            case START -> start(org, id);
            case CANCEL -> stopCalls(cancel(org, id), true);
            case PAUSE -> stopCalls(apply(org, id, snapshot -> write(snapshot.job(), snapshot.job().pause())), false);
            case RESUME -> apply(org, id, snapshot -> write(snapshot.job(), snapshot.job().resume()));
            case RESCHEDULE -> apply(org, id, snapshot -> write(snapshot.job(), snapshot.job().reschedule(action.startAt().get(), time.now())));
        };
    }

    private Either<BatchJobError, JobActionResult> stopCalls(Either<BatchJobError, JobActionResult> done, boolean cancelled) {
        if (cancels != null) {
            done.forEach(r -> cancels.stopCallsOf(r.job(), cancelled));
        }
        return done;
    }

    private Either<BatchJobError, JobActionResult> start(String org, String id) {
        return apply(org, id, (snapshot) -> snapshot.job().start(time.now()).map(next -> {
            long waiting = snapshot.breakdown().count(ContactStatus.PENDING) + snapshot.breakdown().count(ContactStatus.QUEUED);
            return jobs.replace(snapshot.job(), next) ? Option.of(new JobActionResult(next, Option.of(waiting))) : Option.none();
        }));
    }

    private Either<BatchJobError, JobActionResult> cancel(String org, String id) {
        return apply(org, id, snapshot -> {
            Instant now = time.now();
            return snapshot.job().cancel(now).map(next -> jobs.replaceAndCancelOpen(snapshot.job(), next, now, Option.none())
                    .map(count -> new JobActionResult(next, Option.of(count))));
        });
    }

    private Either<BatchJobError, Option<JobActionResult>> write(BatchJob current, Either<BatchJobError, BatchJob> next) {
        return next.map(n -> jobs.replace(current, n) ? Option.of(new JobActionResult(n, Option.none())) : Option.none());
    }

    /**
     * Reads the job and applies the action; when another writer changed the job's status in between
     * (the compare-and-set answered none), reads again and re-decides on the fresh state.
     */
    private Either<BatchJobError, JobActionResult> apply(String org, String id,
                                                         Function<JobSnapshot, Either<BatchJobError, Option<JobActionResult>>> action) {
        for (int i = 0; i < CAS_ATTEMPTS; i++) {
            Option<JobSnapshot> snapshot = jobs.find(org, id);
            if (snapshot.isEmpty()) {
                return Either.left(new BatchJobError.JobNotFound(id));
            }
            Either<BatchJobError, Option<JobActionResult>> result = action.apply(snapshot.get());
            if (result.isLeft()) {
                return Either.left(result.getLeft());
            }
            if (result.get().isDefined()) {
                JobActionResult done = result.get().get();
                LOG.info("job {} of {}: {} → {}", id, org, snapshot.get().job().status().wire(), done.job().status().wire());
                return Either.right(done);
            }
        }
        throw new IllegalStateException("job " + id + " kept changing; gave up after " + CAS_ATTEMPTS + " attempts");
    }
}
