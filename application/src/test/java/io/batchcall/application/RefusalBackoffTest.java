package io.batchcall.application;

import io.batchcall.application.service.RefusalBackoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalBackoffTest {

    private final AtomicReference<Double> draw = new AtomicReference<>(0.0);
    private final RefusalBackoff backoff = new RefusalBackoff(draw::get);
    private java.time.Instant now = java.time.Instant.parse("2026-12-03T10:00:00Z");

    /** A refusal two seconds after the last: not the same burst. */
    private Duration refused(String org, String id, Duration providerWait) {
        now = now.plusSeconds(2);
        return backoff.refused(org, id, now, providerWait);
    }

    @Test
    void refusalsInARowDoubleTheWaitWithHalfOfItDrawnAtRandom() {
        assertThat(refused("org", "main", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(refused("org", "main", Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        draw.set(0.5);
        assertThat(refused("org", "main", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
        draw.set(0.999);
        assertThat(refused("org", "main", Duration.ZERO)).isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
    }

    @Test
    void theRefusalsOfOneBurstCountOnce() {
        java.time.Instant burst = now;
        for (int i = 0; i < 10; i++) {
            assertThat(backoff.refused("org", "main", burst.plusMillis(i * 50), Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        }
        assertThat(backoff.refused("org", "main", burst.plusMillis(1500), Duration.ZERO)).as("a second later: the next burst")
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theWaitStopsGrowingAtFiveMinutes() {
        draw.set(0.999);
        Duration last = Duration.ZERO;
        for (int i = 0; i < 40; i++) {
            last = refused("org", "main", Duration.ZERO);
        }
        assertThat(last).isBetween(Duration.ofMinutes(4).plusSeconds(59), Duration.ofMinutes(5));
    }

    @Test
    void theProvidersRetryAfterIsTheLeastWait() {
        assertThat(refused("org", "main", Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anAcceptedDialStartsTheCountAgainForThatIdOnly() {
        refused("org", "main", Duration.ZERO);
        refused("org", "main", Duration.ZERO);
        refused("org", "other", Duration.ZERO);
        backoff.accepted("org", "main");
        assertThat(refused("org", "main", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(refused("org", "other", Duration.ZERO)).as("another id keeps its count").isEqualTo(Duration.ofSeconds(1));
        assertThat(refused("org2", "other", Duration.ZERO)).as("another organization's id of the same name")
                .isEqualTo(Duration.ofMillis(500));
    }
}
