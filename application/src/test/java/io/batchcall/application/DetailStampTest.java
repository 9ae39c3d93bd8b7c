package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.BatchJobQueryService;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.ContactStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A detail answer is stamped so that an adapter may serve it again without reading, and the stamp says
 * "still current" only while that is true: no write to the job since, and time alone has not moved it.
 */
class DetailStampTest {

    private final EngineHarness h = new EngineHarness(new InMemoryBatchJobs(), EngineSettings.DEFAULTS);

    private JobDetail detail(String jobId) {
        return io.batchcall.application.port.in.DetailQuery.parse(h.org, jobId, null, null, null).flatMap(h.engine.detail::detail).get();
    }

    private boolean current(String jobId, JobDetail d) {
        return h.engine.detail.isCurrent(jobId, d.stamp().get());
    }

    @Test
    void aQuietJobsAnswerStaysCurrentUntilTheJobIsWritten() {
        String id = h.create(3, 2, 1, List.of(), 60).job().id();
        JobDetail first = detail(id);
        assertThat(first.stamp().isDefined()).isTrue();
        assertThat(first.stamp().get().unchangedUntil()).isEqualTo(Instant.MAX);
        h.advance(Duration.ofDays(3));
        assertThat(current(id, first)).as("time alone does not move a job that is not running").isTrue();
        String other = h.create(3, 2, 1, List.of(), 60).job().id();
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.start(h.org, other));
        assertThat(current(id, first)).as("another job's writes").isTrue();

        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.start(h.org, id));
        assertThat(current(id, first)).isFalse();
        assertThat(detail(id).view().job().status().wire()).isEqualTo("running");
    }

    @Test
    void aRunningJobsAnswerIsServedAgainForATenthOfASecondAtMostAndNeverAfterAWrite() {
        String id = h.create(4, 2, 1, List.of(), 60).job().id();
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.start(h.org, id));
        h.engine.dispatcher.tick();
        List<DialRequest> calls = h.dialer.requests();
        h.end(calls.get(0), "completed", 200);
        h.advance(Duration.ofSeconds(30));
        Instant asked = h.clock.now();
        JobDetail d = detail(id);
        assertThat(d.view().estimatedCompletionTime().isDefined()).isTrue();
        assertThat(d.stamp().map(DetailStamp::unchangedUntil)).as("its estimate follows the clock")
                .contains(asked.plus(BatchJobQueryService.ESTIMATE_KEPT));
        h.advance(BatchJobQueryService.ESTIMATE_KEPT.minusMillis(1));
        assertThat(current(id, d)).isTrue();
        h.advance(Duration.ofMillis(1));
        assertThat(current(id, d)).isFalse();

        JobDetail fresh = detail(id);
        assertThat(current(id, fresh)).isTrue();
        h.end(calls.get(1), "completed", 200); // a call event: the job is written
        assertThat(current(id, fresh)).as("a write ends it at once").isFalse();
        assertThat(detail(id).view().progress().statusBreakdown().count(ContactStatus.COMPLETED)).isEqualTo(2);
    }

    @Test
    void aWaitingRetryTimeBoundsHowLongAnAnswerStaysCurrent() {
        String id = h.create(1, 1, 3, List.of("busy"), 600).job().id();
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.start(h.org, id));
        h.engine.dispatcher.tick();
        h.end(h.dialer.requests().get(0), "busy", 486);
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.pause(h.org, id)); // a paused job has no estimate; its queued contact waits for its retry time
        JobDetail d = detail(id);
        Instant retryAt = d.contacts().head().nextRetryAt().get();
        assertThat(d.contacts().head().status()).isEqualTo(ContactStatus.QUEUED);
        assertThat(d.nextCallableAt().head()).contains(retryAt);
        assertThat(d.stamp().map(DetailStamp::unchangedUntil)).contains(retryAt);
        h.clock.set(retryAt.minusMillis(1));
        assertThat(current(id, d)).isTrue();
        h.clock.set(retryAt);
        assertThat(current(id, d)).as("the contact is callable now: its next-callable time is gone").isFalse();
        assertThat(detail(id).nextCallableAt().head()).isEmpty();
    }

    @Test
    void aWindowedJobWithWaitingContactsIsNotStamped() {
        var window = new CreateBatchJobCommand.CallingWindowInput("09:00", "20:00", null, null);
        var command = new CreateBatchJobCommand(h.org, "windowed", null, null, "pn-1", null, null, null, null, null, null, window);
        String id = io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(new ContactRow(1, "+14155550100", Map.of())).iterator()))).get().job().id();
        assertThat(detail(id).stamp()).as("its next opening follows the clock").isEmpty();
    }
}
