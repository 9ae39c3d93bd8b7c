package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.memory.SequentialIds;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.port.out.DialResult;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole campaigns driven step by step; subclasses run the same on other stores. */
public class CampaignTest {

    protected BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    private EngineHarness harness(int orgCap) {
        return new EngineHarness(newStore(), EngineSettings.DEFAULTS.withOrganizationConcurrency(orgCap)
                .withAttemptDeadline(Duration.ofMinutes(5)));
    }

    @Test
    void aCampaignWithRetriesRunsToCompletionWithExactFigures() {
        EngineHarness h = harness(50);
        String job = h.create(6, 3, 3, List.of("no_answer", "busy", "timeout"), 60).job().id();
        h.engine.dispatcher.tick();
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.RUNNING);
        List<DialRequest> first = h.dialer.drain();
        assertThat(first).extracting(DialRequest::contactId).containsExactly(
                Contact.idFor(job, 1), Contact.idFor(job, 2), Contact.idFor(job, 3));
        assertThat(first).allMatch(r -> r.attempt() == 1 && r.fromPhoneNumberId().equals("pn-1") && r.agentId().equals("agent-1"));

        h.advance(Duration.ofSeconds(10));
        h.end(first.get(0), "completed", null);
        h.end(first.get(1), null, 486);          // busy → queued, retry at +60 s
        h.end(first.get(2), null, 404);          // invalid_number → terminal
        JobDetail d = h.detail(job);
        assertThat(d.contacts().get(1).status()).isEqualTo(ContactStatus.QUEUED);
        assertThat(d.contacts().get(1).errorCode()).contains("486");
        assertThat(d.contacts().get(1).nextRetryAt()).contains(h.clock.now().plusSeconds(60));
        assertThat(d.view().estimatedCompletionTime()).isNotEmpty();

        h.engine.dispatcher.tick();
        List<DialRequest> second = h.dialer.drain();
        assertThat(second).extracting(DialRequest::contactId).containsExactly(
                Contact.idFor(job, 4), Contact.idFor(job, 5), Contact.idFor(job, 6));
        second.forEach(r -> h.end(r, "completed", null));

        h.advance(Duration.ofSeconds(59));
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).isEmpty();
        h.advance(Duration.ofSeconds(1));
        h.engine.dispatcher.tick();
        List<DialRequest> retry = h.dialer.drain();
        assertThat(retry).hasSize(1);
        assertThat(retry.get(0).attempt()).isEqualTo(2);
        h.end(retry.get(0), "completed", null);

        JobDetail done = h.detail(job);
        assertThat(done.view().job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.view().job().completedAt()).isNotEmpty();
        assertThat(done.view().estimatedCompletionTime()).isEmpty();
        var p = done.view().progress();
        assertThat(p.totalContacts()).isEqualTo(6);
        assertThat(p.contactsProcessed()).isEqualTo(6);
        assertThat(p.successfulCalls()).isEqualTo(5);
        assertThat(p.failedCalls()).isEqualTo(1);
        assertThat(done.contacts().get(1).attemptCount()).isEqualTo(2);
    }

    @Test
    void attemptsAreExhaustedAtMaxAttempts() {
        EngineHarness h = harness(50);
        String job = h.create(1, 1, 2, List.of("no_answer"), 0).job().id();
        for (int i = 0; i < 4; i++) {
            h.engine.dispatcher.tick();
            h.dialer.drain().forEach(r -> h.end(r, "no_answer", null));
        }
        Contact c = h.detail(job).contacts().get(0);
        assertThat(c.status()).isEqualTo(ContactStatus.NO_ANSWER);
        assertThat(c.attemptCount()).isEqualTo(2);
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void pauseStopsNewDialsAndResumeContinues() {
        EngineHarness h = harness(50);
        String job = h.create(4, 2, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> inFlight = h.dialer.drain();
        assertThat(h.engine.pause.pause(h.org, job).get().job().status()).isEqualTo(JobStatus.PAUSED);
        inFlight.forEach(r -> h.end(r, "completed", null));
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).isEmpty();
        assertThat(h.count(job, ContactStatus.COMPLETED)).isEqualTo(2);
        h.engine.resume.resume(h.org, job).get();
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).hasSize(2);
    }

    @Test
    void aJobWhoseLastCallEndedWhilePausedCompletesOnResume() {
        EngineHarness h = harness(50);
        String job = h.create(2, 2, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> inFlight = h.dialer.drain();
        h.engine.pause.pause(h.org, job).get();
        inFlight.forEach(r -> h.end(r, "completed", null));
        h.engine.dispatcher.tick();
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.PAUSED);
        h.engine.resume.resume(h.org, job).get();
        assertThat(h.engine.dispatcher.tick().jobsCompleted()).isEqualTo(1);
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void cancelWithCallsInFlightLetsThemFinishWithoutRetry() {
        EngineHarness h = harness(50);
        String job = h.create(5, 2, 3, List.of("no_answer"), 0).job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> inFlight = h.dialer.drain();
        var cancelled = h.engine.cancel.cancel(h.org, job).get();
        assertThat(cancelled.contactsAffected()).contains(3L);
        h.end(inFlight.get(0), "no_answer", null);
        h.end(inFlight.get(1), "completed", null);
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).isEmpty();
        JobDetail d = h.detail(job);
        assertThat(d.view().job().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(d.contacts().get(0).status()).isEqualTo(ContactStatus.NO_ANSWER);
        assertThat(d.view().progress().contactsProcessed()).isEqualTo(5);
        assertThat(d.view().progress().statusBreakdown().count(ContactStatus.CANCELLED)).isEqualTo(3);
    }

    @Test
    void repeatedAndStaleEvents() {
        EngineHarness h = harness(50);
        String job = h.create(1, 1, 3, List.of("busy"), 0).job().id();
        h.engine.dispatcher.tick();
        DialRequest r = h.dialer.drain().get(0);
        h.end(r, "busy", null);
        var again = h.engine.callEvents.record(h.org, new CallEvent(job, r.contactId(), 1, "ended", "completed", null, 3, null, null));
        assertThat(again.get().duplicate()).isTrue();
        assertThat(h.count(job, ContactStatus.QUEUED)).isEqualTo(1);
        var never = h.engine.callEvents.record(h.org, new CallEvent(job, r.contactId(), 2, "ended", "completed", null, 3, null, null));
        assertThat(never.getLeft()).isInstanceOf(BatchJobError.StaleAttempt.class);
        h.engine.dispatcher.tick();
        DialRequest second = h.dialer.drain().get(0);
        assertThat(second.attempt()).isEqualTo(2);
        var late = h.engine.callEvents.record(h.org, new CallEvent(job, r.contactId(), 1, "ended", "completed", null, 3, null, null));
        assertThat(late.get().duplicate()).isTrue();
        var otherOrg = h.engine.callEvents.record("intruder", new CallEvent(job, r.contactId(), 2, "ended", "completed", null, 3, null, null));
        assertThat(otherOrg.getLeft()).isInstanceOf(BatchJobError.JobNotFound.class);
        var connected = h.engine.callEvents.record(h.org, new CallEvent(job, r.contactId(), 2, "connected", null, null, null, "lk-7", null));
        assertThat(connected.get().contact().roomName()).contains("lk-7");
        h.end(second, "completed", null);
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void anAttemptWithNoOutcomeIsClosedAtTheDeadline() {
        EngineHarness h = harness(50);
        String job = h.create(2, 2, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> placed = h.dialer.drain();
        h.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(h.engine.dispatcher.tick().attemptsExpired()).isEqualTo(2);
        JobDetail d = h.detail(job);
        assertThat(d.contacts()).allMatch(c -> c.status() == ContactStatus.FAILED
                && c.failureReason().get().contains("outcome not reported"));
        assertThat(d.view().job().status()).isEqualTo(JobStatus.COMPLETED);
        // the real outcome, arriving after the deadline closed the attempt, is stale: not taken for a repeat of it
        var late = h.engine.callEvents.record(h.org, new CallEvent(job, placed.get(0).contactId(), 1, "ended", "completed", null, 30, null, null));
        assertThat(late.getLeft()).isInstanceOf(BatchJobError.StaleAttempt.class);
        assertThat(h.detail(job).contacts().get(0).status()).isEqualTo(ContactStatus.FAILED);
    }

    @Test
    void aFatalRefusalArrivingWhileThePausedJobWaitsClosesOnlyThatAttempt() {
        EngineHarness h = harness(50);
        java.util.List<java.util.concurrent.CompletableFuture<DialResult>> pending = new java.util.ArrayList<>();
        Dialer slow = r -> {
            var f = new java.util.concurrent.CompletableFuture<DialResult>();
            pending.add(f);
            return f;
        };
        BatchCallEngine engine = new BatchCallEngine(h.store, slow, h.clock, new SequentialIds("bj_p" + System.nanoTime() + "_"),
                EngineSettings.DEFAULTS);
        String job = engine.create.create(new io.batchcall.application.port.in.CreateBatchJobCommand(h.org, "P", null, null, "pn",
                1, 1, List.of(), 0L, null, null), List.of(new io.batchcall.application.port.in.ContactRow(1, "+14155550101", java.util.Map.of()),
                new io.batchcall.application.port.in.ContactRow(2, "+14155550102", java.util.Map.of())).iterator()).get().job().id();
        engine.dispatcher.tick();
        assertThat(pending).hasSize(1);
        assertThat(engine.pause.pause(h.org, job).isRight()).isTrue();
        pending.get(0).complete(new DialResult.JobFatal("caller ID rejected"));
        JobDetail d = engine.detail.detail(h.org, job, null, null, null).get();
        assertThat(d.view().job().status()).as("running → failed only (CONTRACT §3)").isEqualTo(JobStatus.PAUSED);
        assertThat(d.contacts().get(0).status()).isEqualTo(ContactStatus.CARRIER_ERROR);
        assertThat(d.contacts().get(0).failureReason().get()).contains("caller ID rejected");
        assertThat(d.contacts().get(1).status()).isEqualTo(ContactStatus.PENDING);
    }

    @Test
    void aWebhookRefusalIsACarrierErrorAndAFatalErrorFailsTheJob() {
        EngineHarness h = harness(50);
        h.dialer.answerWith(r -> new DialResult.AttemptFailed(new AttemptResult(ContactStatus.CARRIER_ERROR,
                io.vavr.control.Option.of("503"), io.vavr.control.Option.of("webhook answered 503"),
                io.vavr.control.Option.none(), io.vavr.control.Option.none())));
        String job = h.create(1, 1, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        assertThat(h.detail(job).contacts().get(0).status()).isEqualTo(ContactStatus.CARRIER_ERROR);

        h.dialer.answerWith(r -> new DialResult.JobFatal("caller ID rejected"));
        String doomed = h.create(3, 1, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        JobDetail d = h.detail(doomed);
        assertThat(d.view().job().status()).isEqualTo(JobStatus.FAILED);
        assertThat(d.view().progress().statusBreakdown().count(ContactStatus.CANCELLED)).isEqualTo(3);
        assertThat(d.contacts()).allMatch(c -> c.failureReason().get().contains("caller ID rejected"));
    }

    @Test
    void scheduledJobsStartAtTheirTime() {
        EngineHarness h = harness(50);
        var command = new io.batchcall.application.port.in.CreateBatchJobCommand(h.org, "Later", null, null, "pn", 1, 1, null,
                null, "2026-03-01T10:00:00", "Europe/Paris"); // 09:00Z, which is the clock's start
        var later = new io.batchcall.application.port.in.CreateBatchJobCommand(h.org, "Later", null, null, "pn", 1, 1, null,
                null, "2026-03-01T12:00:00+01:00", null); // 11:00Z
        String now = h.engine.create.create(command, List.of(new io.batchcall.application.port.in.ContactRow(1, "+14155550100", java.util.Map.of())).iterator()).get().job().id();
        String job = h.engine.create.create(later, List.of(new io.batchcall.application.port.in.ContactRow(1, "+14155550100", java.util.Map.of())).iterator()).get().job().id();
        assertThat(h.detail(now).view().job().status()).isEqualTo(JobStatus.PENDING);
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.SCHEDULED);
        h.engine.dispatcher.tick();
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.SCHEDULED);
        h.advance(Duration.ofHours(2));
        h.engine.dispatcher.tick();
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(h.detail(job).view().job().actualStartTime()).contains(h.clock.now());
    }

    @Test
    void theOrganizationCapHoldsAcrossJobs() {
        EngineHarness h = harness(4);
        String a = h.create(10, 3, 1, List.of(), 0).job().id();
        String b = h.create(10, 3, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        assertThat(h.count(a, ContactStatus.DIALING) + h.count(b, ContactStatus.DIALING)).isEqualTo(4);
    }
}
