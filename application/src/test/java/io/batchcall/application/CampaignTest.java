package io.batchcall.application;

import io.batchcall.application.memory.SequentialIds;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.JobDetail;
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
public class CampaignTest extends DispatchReportsTest {

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
        assertThat(h.engine.jobs.act(io.batchcall.application.port.in.JobAction.pause(h.org, job)).get().job().status()).isEqualTo(JobStatus.PAUSED);
        inFlight.forEach(r -> h.end(r, "completed", null));
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).isEmpty();
        assertThat(h.count(job, ContactStatus.COMPLETED)).isEqualTo(2);
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.resume(h.org, job)).get();
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).hasSize(2);
    }

    @Test
    void aJobWhoseLastCallEndedWhilePausedCompletesOnResume() {
        EngineHarness h = harness(50);
        String job = h.create(2, 2, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> inFlight = h.dialer.drain();
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.pause(h.org, job)).get();
        inFlight.forEach(r -> h.end(r, "completed", null));
        h.engine.dispatcher.tick();
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.PAUSED);
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.resume(h.org, job)).get();
        assertThat(h.engine.dispatcher.tick().jobsCompleted()).isEqualTo(1);
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void cancelWithCallsInFlightLetsThemFinishWithoutRetry() {
        EngineHarness h = harness(50);
        String job = h.create(5, 2, 3, List.of("no_answer"), 0).job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> inFlight = h.dialer.drain();
        var cancelled = h.engine.jobs.act(io.batchcall.application.port.in.JobAction.cancel(h.org, job)).get();
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
        var again = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(job, r.contactId(), 1, "ended", "completed", null, 3, null, null).get());
        assertThat(again.get().duplicate()).isTrue();
        assertThat(h.count(job, ContactStatus.QUEUED)).isEqualTo(1);
        var never = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(job, r.contactId(), 2, "ended", "completed", null, 3, null, null).get());
        assertThat(never.getLeft()).isInstanceOf(BatchJobError.StaleAttempt.class);
        h.engine.dispatcher.tick();
        DialRequest second = h.dialer.drain().get(0);
        assertThat(second.attempt()).isEqualTo(2);
        var late = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(job, r.contactId(), 1, "ended", "completed", null, 3, null, null).get());
        assertThat(late.get().duplicate()).isTrue();
        var otherOrg = h.engine.callEvents.record("intruder", io.batchcall.application.port.in.CallEvent.of(job, r.contactId(), 2, "ended", "completed", null, 3, null, null).get());
        assertThat(otherOrg.getLeft()).isInstanceOf(BatchJobError.JobNotFound.class);
        var connected = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(job, r.contactId(), 2, "connected", null, null, null, "lk-7", null).get());
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
        var late = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(job, placed.get(0).contactId(), 1, "ended", "completed", null, 30, null, null).get());
        assertThat(late.getLeft()).isInstanceOf(BatchJobError.StaleAttempt.class);
        assertThat(h.detail(job).contacts().get(0).status()).isEqualTo(ContactStatus.FAILED);
    }

    /**
     * Past its deadline an attempt is looked up at the provider: a call it still has is left open and asked about again
     * every 30 s, and closed failed only once it outlived a second deadline; a call it says ended closes with that outcome.
     */
    @Test
    void anOverdueAttemptIsLookedUpAtTheProviderBeforeItIsClosed() {
        EngineHarness h = harness(50);
        String job = h.create(2, 2, 1, List.of(), 0).job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> placed = h.dialer.drain();
        h.dialer.lookUpWith(call -> call.equals(placed.get(0).roomName())
                ? new io.batchcall.application.port.out.CallLookup.Ended(new io.batchcall.domain.contact.AttemptResult(ContactStatus.BUSY,
                        io.vavr.control.Option.of("486"), io.vavr.control.Option.none(), io.vavr.control.Option.none(), io.vavr.control.Option.none()))
                : new io.batchcall.application.port.out.CallLookup.Live());
        h.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(h.engine.dispatcher.tick().attemptsExpired()).as("the ended one").isEqualTo(1);
        assertThat(h.detail(job).contacts().get(0).status()).as("as the provider recorded it").isEqualTo(ContactStatus.BUSY);
        assertThat(h.detail(job).contacts().get(1).status()).as("still live at the provider").isEqualTo(ContactStatus.DIALING);
        h.engine.dispatcher.tick();
        assertThat(h.dialer.lookedUp()).as("asked once per 30 s, not every pass").hasSize(2);
        h.advance(Duration.ofSeconds(31));
        h.engine.dispatcher.tick();
        assertThat(h.dialer.lookedUp()).hasSize(3);
        h.advance(Duration.ofMinutes(5));
        assertThat(h.engine.dispatcher.tick().attemptsExpired()).as("outlived a second deadline").isEqualTo(1);
        assertThat(h.detail(job).contacts().get(1).status()).isEqualTo(ContactStatus.FAILED);
        assertThat(h.detail(job).contacts().get(1).failureReason().get()).contains("the provider still had the call");
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
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
        String job = io.batchcall.application.port.in.CreateJob.of(new io.batchcall.application.port.in.CreateBatchJobCommand(h.org, "P", null, null, "pn",
                1, 1, List.of(), 0L, null, null)).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(new io.batchcall.application.port.in.ContactRow(1, "+14155550101", java.util.Map.of()),
                new io.batchcall.application.port.in.ContactRow(2, "+14155550102", java.util.Map.of())).iterator()))).get().job().id();
        engine.dispatcher.tick();
        assertThat(pending).hasSize(1);
        assertThat(engine.jobs.act(io.batchcall.application.port.in.JobAction.pause(h.org, job)).isRight()).isTrue();
        pending.get(0).complete(new DialResult.JobFatal("caller ID rejected"));
        JobDetail d = io.batchcall.application.port.in.DetailQuery.parse(h.org, job, null, null, null).flatMap(engine.detail::detail).get();
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
        String now = io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(new io.batchcall.application.port.in.ContactRow(1, "+14155550100", java.util.Map.of())).iterator()))).get().job().id();
        String job = io.batchcall.application.port.in.CreateJob.of(later).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(new io.batchcall.application.port.in.ContactRow(1, "+14155550100", java.util.Map.of())).iterator()))).get().job().id();
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

    @Test
    void callingWindowsHoldAcrossANightAWeekendAndADstChangeInSeveralZones() {
        EngineHarness h = new EngineHarness(newStore(), EngineSettings.DEFAULTS.withAttemptDeadline(Duration.ofHours(1)));
        h.clock.set(java.time.Instant.parse("2026-03-07T12:00:00Z")); // Saturday; the US moves to summer time on Sunday 03-08
        var window = new io.batchcall.application.port.in.CreateBatchJobCommand.CallingWindowInput("09:00", "20:00",
                List.of("mon", "tue", "wed", "thu", "fri"), List.of("2026-03-10"));
        var command = new io.batchcall.application.port.in.CreateBatchJobCommand(h.org, "Windows", null, null, "pn", 3, 2,
                List.of("no_answer"), 6 * 3600L, null, null, window);
        java.util.List<io.batchcall.application.port.in.ContactRow> rows = new java.util.ArrayList<>();
        String[][] people = {{"+12125550101", null}, {"+12125550102", null}, {"+14155550103", null}, {"+14155550104", null},
                {"+447700900001", "Europe/London"}, {"+447700900002", "Europe/London"}, {"+819012345678", "Asia/Tokyo"},
                {"+61412345678", "Australia/Sydney"}, {"+12082000000", null}};
        for (int i = 0; i < people.length; i++) {
            java.util.Map<String, Object> data = people[i][1] == null ? java.util.Map.of() : java.util.Map.of("timezone", people[i][1]);
            rows.add(new io.batchcall.application.port.in.ContactRow(i + 1, people[i][0], data));
        }
        String job = io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator()))).get().job().id();
        io.batchcall.domain.window.CallingWindow w = io.batchcall.domain.window.CallingWindow.of("09:00", "20:00",
                List.of("mon", "tue", "wed", "thu", "fri"), List.of("2026-03-10")).get();
        java.util.Map<String, java.util.List<java.time.Instant>> dialedAt = new java.util.HashMap<>();
        java.util.Map<String, Contact> byId = new java.util.HashMap<>();
        h.detail(job).contacts().forEach(c -> byId.put(c.id(), c));
        for (int tick = 0; tick < 6 * 24 * 12; tick++) { // six days, a pass every 5 minutes
            h.engine.dispatcher.tick();
            for (DialRequest r : h.dialer.drain()) {
                java.time.Instant now = h.clock.now();
                Contact c = byId.get(r.contactId());
                assertThat(w.isOpen(now, io.batchcall.domain.window.Callable.zonesOf(c)))
                        .as(c.phoneNumber() + " in " + c.timezone().get() + " dialed at " + now).isTrue();
                dialedAt.computeIfAbsent(r.contactId(), k -> new java.util.ArrayList<>()).add(now);
                // London answers only on the second attempt, whose retry falls due at night: it must wait for the morning
                h.end(r, c.timezone().get().equals("Europe/London") && r.attempt() == 1 ? "no_answer" : "completed", null);
            }
            h.advance(Duration.ofMinutes(5));
        }
        JobDetail d = h.detail(job);
        // New York, Los Angeles, London, Sydney all called; Tokyo too; 1208 2… (Boise & Los Angeles) inside both windows
        assertThat(d.contacts()).allMatch(c -> c.status() == ContactStatus.COMPLETED);
        assertThat(d.view().job().status()).isEqualTo(JobStatus.COMPLETED);
        // New York opens at 09:00 EDT on Monday (13:00 UTC), not at the winter 14:00 UTC
        assertThat(dialedAt.get(byId.values().stream().filter(c -> c.phoneNumber().equals("+12125550101")).findFirst().get().id()).get(0))
                .isEqualTo(java.time.Instant.parse("2026-03-09T13:00:00Z"));
        // the London retries were due at night and waited; nobody is called on the blackout date (Tuesday 03-10 locally)
        for (var e : dialedAt.entrySet()) {
            Contact c = byId.get(e.getKey());
            for (java.time.Instant at : e.getValue()) {
                assertThat(at.atZone(io.batchcall.domain.window.Callable.zonesOf(c).head()).toLocalDate())
                        .isNotEqualTo(java.time.LocalDate.parse("2026-03-10"));
            }
        }
    }

    @Test
    void aNumberSuppressedAfterCreateIsBlockedAndAnOptOutSuppressesTheNumber() {
        EngineHarness h = harness(50);
        String job = h.create(3, 1, 1, List.of(), 0).job().id();
        String second = h.detail(job).contacts().get(1).phoneNumber();
        h.store.suppress(h.org, List.of(second), io.vavr.control.Option.of("asked"), h.clock.now());
        h.engine.dispatcher.tick();
        DialRequest first = h.dialer.drain().get(0);
        var optOut = io.batchcall.application.port.in.CallEvent.of(job, first.contactId(), 1, "ended", "completed", null, 20, null, null, true).get();
        h.engine.callEvents.record(h.org, optOut).get();
        assertThat(h.store.suppression(h.org, first.phoneNumber()).get().reason()).contains("opt-out");
        for (int i = 0; i < 3; i++) {
            h.engine.dispatcher.tick();
            h.dialer.drain().forEach(r -> h.end(r, "completed", null));
        }
        JobDetail d = h.detail(job);
        assertThat(d.contacts().get(1).status()).isEqualTo(ContactStatus.BLOCKED);
        assertThat(d.contacts().get(1).errorCode()).contains("suppressed");
        assertThat(d.contacts().get(1).attemptCount()).isZero();
        assertThat(d.view().job().status()).isEqualTo(JobStatus.COMPLETED);
        // a later job skips both numbers at create
        var later = io.batchcall.application.port.in.CreateJob.of(new io.batchcall.application.port.in.CreateBatchJobCommand(h.org, "Later", null, null, "pn",
                1, 1, List.of(), 0L, null, null)).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(new io.batchcall.application.port.in.ContactRow(1, second, java.util.Map.of()),
                new io.batchcall.application.port.in.ContactRow(2, first.phoneNumber(), java.util.Map.of()),
                new io.batchcall.application.port.in.ContactRow(3, "+16465550199", java.util.Map.of())).iterator()))).get();
        assertThat(later.totalContacts()).isEqualTo(1);
        assertThat(later.skippedRows()).extracting(io.batchcall.application.port.in.SkippedRow::reason).containsExactly("suppressed", "suppressed");
    }

    @Test
    void oneNumberIsNeverInTwoCallsAndTheNumberCapHoldsAcrossJobs() {
        EngineHarness h = new EngineHarness(newStore(), EngineSettings.DEFAULTS
                .withNumberAttemptCap(io.vavr.control.Option.of(io.batchcall.domain.contact.AttemptCap.parse("2/1d").get())));
        var command = new io.batchcall.application.port.in.CreateBatchJobCommand(h.org, "Same number", null, null, "pn", 5, 3,
                List.of("no_answer"), 0L, null, null);
        String a = io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(new io.batchcall.application.port.in.ContactRow(1, "+16465550100", java.util.Map.of())).iterator()))).get().job().id();
        String b = io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(List.of(new io.batchcall.application.port.in.ContactRow(1, "+16465550100", java.util.Map.of())).iterator()))).get().job().id();
        h.engine.dispatcher.tick();
        List<DialRequest> firstPass = h.dialer.drain();
        assertThat(firstPass).as("the number is in one call at a time").hasSize(1);
        h.end(firstPass.get(0), "no_answer", null);
        h.engine.dispatcher.tick();
        List<DialRequest> secondPass = h.dialer.drain();
        assertThat(secondPass).hasSize(1);
        h.end(secondPass.get(0), "no_answer", null);
        // two dials of the number today: the cap (2 per day) holds every further dial, in either job, until tomorrow
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).isEmpty();
        h.advance(Duration.ofHours(25));
        h.engine.dispatcher.tick();
        assertThat(h.dialer.drain()).hasSize(1);
        assertThat(h.count(a, ContactStatus.QUEUED) + h.count(b, ContactStatus.QUEUED) + h.count(a, ContactStatus.PENDING)
                + h.count(b, ContactStatus.PENDING)).isEqualTo(1);
    }
}
