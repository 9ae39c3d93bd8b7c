package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.Pacing;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.caller.CallerId;
import io.batchcall.domain.caller.DialWindow;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The engine paced (CONTRACT §14): dials follow the caller id's rate, the detail says how fast and what holds the job back. */
class PacingTest {

    private EngineHarness harness(Option<Double> orgRate) {
        InMemoryBatchJobs store = new InMemoryBatchJobs();
        EngineHarness h = new EngineHarness(store, EngineSettings.DEFAULTS.withPacing(orgRate, Duration.ofMillis(100)));
        return h;
    }

    /**
     * Passes every 100 ms of the manual clock. A dial granted for later in a pass is sent after that much real time
     * (the engine's delayed executor): each pass waits as long on the real clock, and the last one a little more.
     */
    private static List<DialRequest> run(EngineHarness h, int ticks) {
        List<DialRequest> all = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            h.engine.dispatcher.tick();
            sleep(100);
            all.addAll(h.dialer.drain());
            h.advance(Duration.ofMillis(100));
        }
        sleep(250);
        all.addAll(h.dialer.drain());
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCallerIdsRateBindsTheJobAndTheDetailSaysSo() {
        EngineHarness h = harness(Option.none());
        h.engine.callerIds.register(CallerId.of(h.org, "pn-1", "+14155550100", 2.0, null).get());
        String job = h.create(100, 50, 1, List.of(), 60).job().id();
        List<DialRequest> dials = run(h, 30); // 3 s at 2/s
        assertThat(dials).hasSizeBetween(6, 7).allMatch(r -> r.fromPhoneNumberId().equals("pn-1"));
        Pacing pacing = h.detail(job).pacing();
        assertThat(pacing.limitedBy()).isEqualTo(Pacing.LimitedBy.CALLER_ID_RATE);
        assertThat(pacing.dialsPerSecond()).as("dials over the last 10 s, of which 3 s dialing at 2/s").isCloseTo(0.6, within(0.15));
    }

    @Test
    void theOrganizationsRateBindsBeforeTheNumbers() {
        EngineHarness h = harness(Option.of(1.0));
        String job = h.create(100, 50, 1, List.of(), 60).job().id();
        assertThat(run(h, 25)).hasSizeBetween(3, 4);
        assertThat(h.detail(job).pacing().limitedBy()).isEqualTo(Pacing.LimitedBy.ORG_RATE);
    }

    @Test
    void theJobsOwnConcurrencyAndAJobThatIsNotRunning() {
        EngineHarness h = harness(Option.none());
        String job = h.create(10, 2, 1, List.of(), 60).job().id();
        run(h, 2);
        assertThat(h.detail(job).pacing().limitedBy()).isEqualTo(Pacing.LimitedBy.JOB_CONCURRENCY);
        String idle = h.create(10, 2, 1, List.of(), 60).job().id();
        h.engine.jobs.act(io.batchcall.application.port.in.JobAction.cancel(h.org, idle));
        assertThat(h.detail(idle).pacing()).isEqualTo(Pacing.IDLE);
    }

    @Test
    void theDialWindowSlidesOverTenSeconds() {
        Instant t0 = Instant.parse("2026-03-01T09:00:00Z");
        DialWindow w = DialWindow.NONE.plus(t0, 50).plus(t0.plusSeconds(9), 50);
        assertThat(w.perSecond(t0.plusMillis(9_999))).isCloseTo(10.0, within(0.01));
        assertThat(w.perSecond(t0.plusSeconds(15))).as("half the last bucket still in the window").isCloseTo(5.0, within(0.01));
        assertThat(w.perSecond(t0.plusSeconds(25))).isZero();
    }

    @Test
    void whenEveryNumberRestsTheWaitingContactsSayUntilWhen() {
        EngineHarness h = harness(Option.none());
        h.engine.callerIds.register(CallerId.of(h.org, "pn-1", "+14155550100", null, 2).get());
        String job = h.create(5, 50, 1, List.of(), 60).job().id();
        assertThat(run(h, 3)).hasSize(2);
        var detail = h.detail(job);
        assertThat(detail.pacing().limitedBy()).isEqualTo(Pacing.LimitedBy.DAILY_CAP);
        Instant midnight = Instant.parse("2026-03-02T00:00:00Z");
        assertThat(detail.contacts().zip(detail.nextCallableAt()).filter(t -> t._1.status() == io.batchcall.domain.contact.ContactStatus.PENDING)
                .map(t -> t._2)).hasSize(3).allMatch(next -> next.contains(midnight));
        assertThat(h.engine.callerIds.get(h.org, "pn-1").get().state()).isEqualTo(io.batchcall.application.port.in.ManageCallerIds.State.RESTING);
    }
}
