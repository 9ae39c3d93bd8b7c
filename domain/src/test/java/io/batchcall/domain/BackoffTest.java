package io.batchcall.domain;

import io.batchcall.domain.caller.Backoff;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CONTRACT §14's back-off: halve on a refusal (once per burst, not below 0.1/s), hold for Retry-After, climb by a tenth of the limit per 10 s. */
class BackoffTest {

    private static final long S = 1_000_000L;

    @Test
    void aRefusalHalvesTheRateHoldsItForRetryAfterThenClimbsBackByATenthEveryTenSeconds() {
        Backoff b = Backoff.refused(Optional.empty(), 4.0, 100 * S, 5 * S);
        assertThat(b.rate()).isEqualTo(2.0);
        assertThat(b.effective(4.0, 104 * S)).as("held for Retry-After").isEqualTo(2.0);
        assertThat(b.effective(4.0, 105 * S)).isEqualTo(2.0);
        assertThat(b.effective(4.0, 115 * S)).isCloseTo(2.4, within(1e-9));
        assertThat(b.effective(4.0, 125 * S)).isCloseTo(2.8, within(1e-9));
        assertThat(b.overAt(4.0, 154 * S)).isFalse();
        assertThat(b.overAt(4.0, 155 * S)).as("back at its limit after five steps").isTrue();
        assertThat(b.recoveredAtMicros(4.0)).isEqualTo(155 * S);
    }

    @Test
    void refusalsOfOneBurstHalveOnceAndLaterOnesHalveWhatIsLeftButNotBelowTheFloor() {
        Backoff first = Backoff.refused(Optional.empty(), 1.0, 0, S);
        Backoff sameBurst = Backoff.refused(Optional.of(first), 1.0, S / 2, 3 * S);
        assertThat(sameBurst.rate()).as("the same burst counts once").isEqualTo(0.5);
        assertThat(sameBurst.untilMicros()).as("but holds for the longer Retry-After").isEqualTo(S / 2 + 3 * S);
        Backoff b = sameBurst;
        for (int i = 1; i <= 10; i++) {
            b = Backoff.refused(Optional.of(b), 1.0, i * 2 * S, S);
        }
        assertThat(b.rate()).as("never below 0.1/s").isEqualTo(0.1);
    }
}
