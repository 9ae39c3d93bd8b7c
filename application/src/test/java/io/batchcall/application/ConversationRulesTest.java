package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.ScheduleCallback;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §15's rules through the engine: dispositions that decide (final, opt-out), callbacks from an event or by hand
 * (due on time, never earlier, at the window's next opening, outside maxAttempts, limited by maxCallbacks), the job kept
 * open while a callback is pending.
 */
public class ConversationRulesTest {

    /** The store the rules run on; the persistence module runs the same tests on SQLite and PostgreSQL. */
    protected io.batchcall.application.port.out.BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    private EngineHarness harness;
    private EngineHarness h;

    @org.junit.jupiter.api.BeforeEach
    void harness() {
        harness = new EngineHarness(newStore(), EngineSettings.DEFAULTS.withAttemptDeadline(Duration.ofDays(40)));
        h = harness;
    }

    private String job(int contacts, Integer maxCallbacks, CreateBatchJobCommand.CallingWindowInput window, String zone) {
        var command = new CreateBatchJobCommand(h.org, "Rules", null, null, "pn", 5, 2, List.of("no_answer"), 60L, null, null, window,
                null, null, null, null, List.of("wrong_person"), List.of("do_not_call"), maxCallbacks);
        List<ContactRow> rows = new ArrayList<>();
        for (int i = 1; i <= contacts; i++) {
            rows.add(new ContactRow(i, String.format("+1212555%04d", 100 + i + (int) (System.nanoTime() % 5000)),
                    zone == null ? Map.of() : Map.of("timezone", zone)));
        }
        return io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator()))).get().job().id();
    }

    private List<DialRequest> dial() {
        h.engine.dispatcher.tick();
        return h.dialer.drain();
    }

    private void ended(DialRequest r, String outcome, String disposition, String callbackAt) {
        var recorded = h.engine.callEvents.record(h.org, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", outcome, null, 20,
                null, null, false, disposition, null, null, callbackAt).get());
        assertThat(recorded.isRight()).as(String.valueOf(recorded)).isTrue();
    }

    private Contact contact(String job, int seq) {
        return h.detail(job).contacts().get(seq - 1);
    }

    @Test
    void finalAndOptOutDispositionsEndTheContactAndAnOptOutSuppressesTheNumber() {
        String job = job(3, null, null, null);
        List<DialRequest> calls = dial();
        ended(calls.get(0), "no_answer", "wrong_person", null);
        ended(calls.get(1), "completed", "do_not_call", null);
        ended(calls.get(2), "no_answer", "call_later", null);
        assertThat(contact(job, 1).status()).as("a final disposition ends it though no_answer is retried").isEqualTo(ContactStatus.NO_ANSWER);
        assertThat(contact(job, 1).nextRetryAt()).isEmpty();
        assertThat(contact(job, 2).status()).isEqualTo(ContactStatus.COMPLETED);
        var suppression = h.store.suppression(h.org, calls.get(1).phoneNumber());
        assertThat(suppression.isDefined()).isTrue();
        assertThat(suppression.get().reason()).contains("opt_out:do_not_call");
        assertThat(h.store.suppression(h.org, calls.get(0).phoneNumber())).as("final, not opt-out").isEmpty();
        assertThat(contact(job, 3).status()).as("any other disposition: the retry policy").isEqualTo(ContactStatus.QUEUED);
    }

    @Test
    void aCallbackFromTheEventIsDialedOnTimeOutsideTheAttemptsAndKeepsTheJobOpen() {
        String job = job(1, null, null, null);
        DialRequest first = dial().get(0);
        Instant at = h.clock.now().plus(Duration.ofHours(2));
        ended(first, "completed", "call_later", at.atOffset(java.time.ZoneOffset.ofHours(-5)).toString());
        Contact waiting = contact(job, 1);
        assertThat(waiting.status()).as("queued for the callback, not completed").isEqualTo(ContactStatus.QUEUED);
        assertThat(waiting.nextRetryAt()).contains(at);
        assertThat(waiting.maxAttempts()).as("a callback is not one of maxAttempts").isEqualTo(3);
        h.advance(Duration.ofMinutes(119));
        assertThat(dial()).as("never earlier").isEmpty();
        assertThat(h.detail(job).view().job().status()).as("open while the callback is pending").isEqualTo(JobStatus.RUNNING);
        h.advance(Duration.ofMinutes(1));
        List<DialRequest> callback = dial();
        assertThat(callback).hasSize(1);
        assertThat(callback.get(0).attempt()).isEqualTo(2);
        ended(callback.get(0), "completed", "interested", null);
        assertThat(contact(job, 1).status()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(h.detail(job).view().job().status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void aLocalCallbackIsInTheContactsZoneAndWaitsForItsWindowToOpen() {
        // the window 09:00-17:00 in New York; a callback asked for 20:00 there is dialed at the next opening, 09:00 the next day
        String job = job(1, null, new CreateBatchJobCommand.CallingWindowInput("09:00", "17:00", null, null), "America/New_York");
        h.clock.set(Instant.parse("2026-03-02T15:00:00Z")); // 10:00 in New York
        DialRequest first = dial().get(0);
        ended(first, "completed", "call_later", "2026-03-02T20:00");
        assertThat(contact(job, 1).nextRetryAt()).contains(Instant.parse("2026-03-03T01:00:00Z")); // 20:00 EST
        h.clock.set(Instant.parse("2026-03-03T01:05:00Z"));
        assertThat(dial()).as("the window is closed at 20:05").isEmpty();
        h.clock.set(Instant.parse("2026-03-03T13:59:00Z"));
        assertThat(dial()).as("08:59").isEmpty();
        h.clock.set(Instant.parse("2026-03-03T14:00:00Z"));
        assertThat(dial()).as("09:00, the next opening").hasSize(1);
        assertThat(timeline(job, 1).waits()).as("the wait for the window, from the callback's time to the opening")
                .containsExactly(new io.batchcall.application.port.in.GetContactTimeline.Wait(Instant.parse("2026-03-03T01:00:00Z"),
                        io.vavr.control.Option.of(Instant.parse("2026-03-03T14:00:00Z")), "calling_window"));
    }

    @Test
    void theCompletionEstimateCountsAPendingCallback() {
        String job = job(2, null, null, null);
        List<DialRequest> calls = dial();
        Instant at = h.clock.now().plus(Duration.ofHours(2));
        ended(calls.get(0), "completed", null, null);
        ended(calls.get(1), "completed", "call_later", at.toString());
        assertThat(h.detail(job).view().estimatedCompletionTime().get()).as("not before the callback, two hours ahead")
                .isAfterOrEqualTo(at);
    }

    private io.batchcall.application.port.in.GetContactTimeline.Timeline timeline(String job, int seq) {
        return h.engine.timeline.timeline(io.batchcall.application.port.in.GetContactTimeline.Query.of(h.org, job, job + "-c" + seq).get()).get();
    }

    /**
     * A contact over its number's cap is passed over pass after pass: that is one wait ({@code number_cap}), not one per
     * pass, open while it lasts and ended by the attempt that follows it; a machine answer counts in {@code voicemails}.
     */
    @Test
    void aContactOverItsNumbersCapWaitsOnceUntilItsNextAttempt() {
        h = new EngineHarness(newStore(), EngineSettings.DEFAULTS.withAttemptDeadline(Duration.ofDays(40))
                .withNumberAttemptCap(io.vavr.control.Option.of(io.batchcall.domain.contact.AttemptCap.parse("1/1d").get())));
        String job = job(1, null, null, null);
        h.clock.set(Instant.parse("2026-03-02T15:00:00Z"));
        DialRequest first = dial().get(0);
        var machine = h.engine.callEvents.record(h.org, CallEvent.of(first.batchJobId(), first.contactId(), first.attempt(), "ended",
                "no_answer", null, 20, null, null, false, null, null, "machine", null).get());
        assertThat(machine.isRight()).as(String.valueOf(machine)).isTrue();
        for (int pass = 1; pass <= 5; pass++) {
            h.clock.set(Instant.parse("2026-03-02T15:02:00Z").plusSeconds(pass));
            assertThat(dial()).as("over the cap of 1 a day").isEmpty();
        }
        var waiting = timeline(job, 1);
        assertThat(waiting.waits()).extracting(io.batchcall.application.port.in.GetContactTimeline.Wait::reason).containsExactly("number_cap");
        assertThat(waiting.waits().get(0).at()).isEqualTo(Instant.parse("2026-03-02T15:02:01Z"));
        assertThat(waiting.waits().get(0).until()).as("still waiting").isEmpty();
        assertThat(waiting.voicemails()).isEqualTo(1);

        h.clock.set(Instant.parse("2026-03-03T15:00:01Z"));
        assertThat(dial()).as("a day later").hasSize(1);
        var dialed = timeline(job, 1);
        assertThat(dialed.waits()).hasSize(1);
        assertThat(dialed.waits().get(0).until()).as("ended by the attempt that followed").contains(Instant.parse("2026-03-03T15:00:01Z"));
    }

    @Test
    void callbacksByHandAreLimitedAndRefusedForAContactInACallOrTooFarAhead() {
        String job = job(2, 1, null, null);
        List<DialRequest> calls = dial();
        String c1 = calls.get(0).contactId();
        var inCall = h.engine.callbacks.schedule(ScheduleCallback.Command.of(h.org, job, c1, "2026-03-01T12:00:00Z").get());
        assertThat(inCall.getLeft().code()).isEqualTo("contact_in_call");
        ended(calls.get(0), "completed", null, null);
        ended(calls.get(1), "completed", "interested", "2026-03-01T11:00:00Z"); // the event's callback: the one this job allows
        assertThat(contact(job, 2).status()).isEqualTo(ContactStatus.QUEUED);
        var far = h.engine.callbacks.schedule(ScheduleCallback.Command.of(h.org, job, c1, "2026-04-15T12:00:00Z").get());
        assertThat(far.getLeft()).isInstanceOf(BatchJobError.InvalidInput.class);
        assertThat(far.getLeft().code()).isEqualTo("invalid_callback");
        var ok = h.engine.callbacks.schedule(ScheduleCallback.Command.of(h.org, job, c1, "2026-03-01T12:00:00Z").get());
        assertThat(ok.get().status()).isEqualTo(ContactStatus.QUEUED);
        assertThat(ok.get().nextRetryAt()).contains(Instant.parse("2026-03-01T12:00:00Z"));
        var again = h.engine.callbacks.schedule(ScheduleCallback.Command.of(h.org, job, c1, "2026-03-01T13:00:00Z").get());
        assertThat(again.getLeft().code()).as("maxCallbacks 1").isEqualTo("callback_limit");
        assertThat(ScheduleCallback.Command.of(h.org, job, c1, "noon").getLeft().code()).isEqualTo("invalid_callback");
        assertThat(h.engine.callbacks.schedule(ScheduleCallback.Command.of("intruder", job, c1, "2026-03-01T12:00:00Z").get()).getLeft().code())
                .isEqualTo("job_not_found");
        assertThat(h.engine.callbacks.schedule(ScheduleCallback.Command.of(h.org, job, job + "-c9", "2026-03-01T12:00:00Z").get())
                .getLeft().code()).isEqualTo("contact_not_found");
    }
}
