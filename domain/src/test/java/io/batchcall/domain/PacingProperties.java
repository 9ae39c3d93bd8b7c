package io.batchcall.domain;

import io.batchcall.domain.caller.CallerId;
import io.batchcall.domain.caller.CallerPool;
import io.batchcall.domain.caller.CallerState;
import io.batchcall.domain.caller.Grant;
import io.batchcall.domain.caller.Lane;
import io.batchcall.domain.caller.Pacer;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.PhoneNumber;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pacing (CONTRACT §14): whatever the timing of the claims and however many dials each asks for, the grants never put
 * more than {@code floor(rate) + 1} dials in any window of one second, and never schedule a dial before its claim or
 * later than the claim's horizon — for the organization's rate and a caller id's alike.
 */
class PacingProperties {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    @Provide
    Arbitrary<List<Integer>> gapsMillis() {
        return Arbitraries.integers().between(0, 1500).list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 1000)
    void noOneSecondWindowHoldsMoreThanTheRatePlusOne(@ForAll @DoubleRange(min = 0.1, max = 500) double rate,
                                                      @ForAll("gapsMillis") List<Integer> gaps,
                                                      @ForAll @IntRange(min = 1, max = 400) int askedPerClaim,
                                                      @ForAll boolean orgRate, @ForAll @IntRange(min = 1, max = 1000) int horizonMillis) {
        check(rate, gaps, askedPerClaim, orgRate, horizonMillis);
    }

    /**
     * The schedule leaves room for late or early delivery: dials spaced at any rate up to 500/s, each delivered up to
     * {@link Lane#DELIVERY_JITTER} of a second off its send time, still count at most floor(rate) + 1 in any second at
     * the receiving end — and the schedule keeps at least 95 % of the limit (CONTRACT §14's pacing accuracy).
     */
    @Property(tries = 1000)
    void deliveryJitterStaysUnderTheLimitAndTheScheduleNearIt(@ForAll @DoubleRange(min = 0.1, max = 500) double rate) {
        Lane lane = new Lane(rate, 0);
        org.assertj.core.api.Assertions.assertThat(lane.scheduledRate()).isBetween(0.95 * rate, rate);
        // the worst case: one dial delivered the full jitter late, the ones after it the full jitter early — n dials
        // spaced s apart then fall within (n - 1) * s - 2 * jitter; at most floor(rate) + 1 of them fit in one second
        double window = 1.0 + 2 * Lane.DELIVERY_JITTER / 2; // late and early by half the allowance each
        long spacing = lane.spacingMicros();
        long fitting = (long) Math.floor(window * 1_000_000 / spacing) + 1;
        org.assertj.core.api.Assertions.assertThat(fitting).as("dials in one second at %s/s, delivered ±%s s off", rate, Lane.DELIVERY_JITTER / 2)
                .isLessThanOrEqualTo((long) Math.floor(rate) + 1);
    }

    /** What the property once found: a spacing rounded to the nearest microsecond ran a hair fast (333 dials in a second). */
    @net.jqwik.api.Example
    void aRateWhoseSpacingIsNotAWholeNumberOfMicrosecondsIsNotExceeded() {
        check(331.96, List.of(0, 1000, 1000, 1000), 400, false, 1000);
        check(331.96, List.of(0, 1000, 1000, 1000), 400, true, 1000);
    }

    private static void check(double rate, List<Integer> gaps, int askedPerClaim, boolean orgRate, int horizonMillis) {
        CallerPool pool = CallerPool.single("pn-1");
        Map<String, CallerState> callers = Map.of("pn-1", new CallerState("pn-1",
                Option.of(CallerId.of("org", "pn-1", "+14155550100", orgRate ? null : rate, null).get()), 0,
                orgRate ? Option.none() : Option.of(new Lane(rate, Long.MIN_VALUE / 2))));
        Option<Lane> orgLane = orgRate ? Option.of(new Lane(rate, Long.MIN_VALUE / 2)) : Option.none();
        Duration horizon = Duration.ofMillis(horizonMillis);
        List<Instant> sends = new ArrayList<>();
        Instant now = T0;
        Contact contact = Contact.pending("c1", "job", 1, new PhoneNumber("+14155550123"), Map.of(), 3);
        for (int gap : gaps) {
            now = now.plusMillis(gap);
            Pacer pacer = new Pacer(pool, orgLane, callers, now, horizon);
            for (int i = 0; i < askedPerClaim && !pacer.exhausted(); i++) {
                Option<Grant> grant = pacer.grant(contact);
                if (grant.isEmpty()) {
                    break;
                }
                Instant at = grant.get().sendAt();
                assertThat(at).isAfterOrEqualTo(now).isBeforeOrEqualTo(now.plus(horizon));
                sends.add(at);
            }
            orgLane = pacer.orgLane();
            callers = Map.copyOf(pacer.callers());
        }
        sends.sort(null);
        long bound = (long) Math.floor(rate) + 1;
        for (int i = 0, j = 0; i < sends.size(); i++) {
            while (j < sends.size() && sends.get(j).isBefore(sends.get(i).plusSeconds(1))) {
                j++;
            }
            assertThat((long) (j - i)).as("dials in [%s, +1 s) at %s/s", sends.get(i), rate).isLessThanOrEqualTo(bound);
        }
    }
}
