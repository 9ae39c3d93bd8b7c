package io.batchcall.domain;

import io.batchcall.domain.eta.CampaignEta;
import io.batchcall.domain.window.CallingWindow;
import io.vavr.collection.List;
import io.vavr.control.Option;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The campaign estimator's invariants. */
class CampaignEtaTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static CampaignEta.Inputs inputs(long pending, long queued, long dialing, int concurrency, long ended, double seconds,
                                             long retryable, int maxAttempts, long delay) {
        return new CampaignEta.Inputs(NOW, pending, queued, dialing, concurrency, ended, seconds, 0, retryable, maxAttempts, delay,
                queued > 0 ? Option.of(NOW.plusSeconds(delay)) : Option.none(), t -> 1);
    }

    @Property(tries = 300)
    void neverBeforeNowAndTheIntervalHoldsThePoint(@ForAll @LongRange(max = 1_000_000) long pending, @ForAll @LongRange(max = 10_000) long queued,
                                                   @ForAll @IntRange(max = 1000) int dialing, @ForAll @IntRange(min = 1, max = 1000) int concurrency,
                                                   @ForAll @LongRange(max = 100_000) long ended, @ForAll @IntRange(min = 1, max = 600) int meanSeconds,
                                                   @ForAll @IntRange(min = 1, max = 10) int maxAttempts, @ForAll @IntRange(max = 86_400) int delay) {
        var estimate = CampaignEta.estimate(inputs(pending, queued, dialing, concurrency, ended, (double) ended * meanSeconds,
                ended / 3, maxAttempts, delay));
        if (pending + queued + dialing == 0) {
            assertThat(estimate).as("nothing open: no estimate").isEmpty();
            return;
        }
        assertThat(estimate.get().point()).isAfterOrEqualTo(NOW);
        assertThat(estimate.get().low()).isAfterOrEqualTo(NOW).isBeforeOrEqualTo(estimate.get().point());
        assertThat(estimate.get().high()).isAfterOrEqualTo(estimate.get().point());
    }

    @Property(tries = 300)
    void moreWorkNeverFinishesSooner(@ForAll @LongRange(min = 1, max = 500_000) long pending, @ForAll @LongRange(min = 1, max = 500_000) long more,
                                     @ForAll @IntRange(min = 1, max = 1000) int concurrency, @ForAll @IntRange(min = 1, max = 5) int maxAttempts) {
        Instant fewer = CampaignEta.estimate(inputs(pending, 0, 0, concurrency, 1000, 60_000, 300, maxAttempts, 600)).get().point();
        Instant most = CampaignEta.estimate(inputs(pending + more, 0, 0, concurrency, 1000, 60_000, 300, maxAttempts, 600)).get().point();
        assertThat(most).isAfterOrEqualTo(fewer);
    }

    @Test
    void aClosedWindowPushesTheEstimateToTheNextOpening() {
        CallingWindow w = CallingWindow.of("09:00", "17:00", null, null).get();
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        // 12:00 UTC is 21:00 in Tokyo: closed until 09:00 JST (00:00 UTC)
        var in = new CampaignEta.Inputs(NOW, 10, 0, 0, 10, 100, 6000, 0, 0, 1, 0, Option.none(),
                t -> w.isOpen(t, List.of(tokyo)) ? 1 : 0);
        Instant point = CampaignEta.estimate(in).get().point();
        assertThat(point).isAfterOrEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
        assertThat(point).isBefore(Instant.parse("2026-06-02T00:20:00Z")); // ten 60-second calls, ten at a time
        var open = new CampaignEta.Inputs(NOW, 10, 0, 0, 10, 100, 6000, 0, 0, 1, 0, Option.none(), t -> 1);
        assertThat(CampaignEta.estimate(open).get().point()).isBefore(NOW.plusSeconds(600));
    }
}
