package io.batchcall.domain;

import io.batchcall.domain.caller.CallerId;
import io.batchcall.domain.caller.CallerPool;
import io.batchcall.domain.caller.CallerState;
import io.batchcall.domain.caller.Pacer;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.PhoneNumber;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.batchcall.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Which caller id of a pool a dial uses (CONTRACT §14): local presence, ties by fewest dials, sticky retries, resting numbers. */
class CallerChoiceTest {

    private final Map<String, CallerState> callers = new HashMap<>();

    private void register(String id, String phone, long dialsToday, Integer dailyCap) {
        callers.put(id, new CallerState(id, Option.of(CallerId.of("org", id, phone, null, dailyCap).get()), dialsToday, Option.none()));
    }

    private static Contact to(String phone) {
        return Contact.pending("c", "job", 1, new PhoneNumber(phone), Map.of(), 3);
    }

    private Pacer pacer(String selection, boolean sticky) {
        CallerPool pool = CallerPool.of(null, java.util.List.copyOf(new java.util.TreeSet<>(callers.keySet())), selection, sticky).get();
        return new Pacer(pool, Option.none(), callers, T0, Duration.ofMillis(100));
    }

    private static String chosen(Pacer p, Contact c) {
        return p.grant(c).get().callerId().get();
    }

    @Test
    void localPresencePrefersTheAreaCodeThenTheCountryThenAnyWithTiesToTheLeastDialed() {
        register("a-212", "+12125550100", 5, null);
        register("b-415", "+14155550100", 40, null);
        register("c-415", "+14155550101", 10, null);
        register("d-44", "+442071234567", 0, null);
        assertThat(chosen(pacer("local", true), to("+14155550123"))).as("same area code, fewest dials today").isEqualTo("c-415");
        assertThat(chosen(pacer("local", true), to("+16505550123"))).as("no 650 number: the same country, fewest dials").isEqualTo("a-212");
        assertThat(chosen(pacer("local", true), to("+447700900123"))).isEqualTo("d-44");
        assertThat(chosen(pacer("local", true), to("+33612345678"))).as("no French number: any, fewest dials").isEqualTo("d-44");
    }

    @Test
    void roundRobinIgnoresGeographyAndSpreadsDials() {
        register("a", "+12125550100", 0, null);
        register("b", "+14155550100", 0, null);
        Pacer p = pacer("round_robin", true);
        assertThat(java.util.List.of(chosen(p, to("+14155550123")), chosen(p, to("+14155550123")), chosen(p, to("+14155550123")),
                chosen(p, to("+14155550123")))).containsExactly("a", "b", "a", "b");
    }

    @Test
    void aRetryKeepsItsCallerIdWhileThatNumberCanDialAndMovesOnWhenItRests() {
        register("a-212", "+12125550100", 0, null);
        register("b-415", "+14155550100", 0, 1);
        Contact retried = to("+14155550123").dispatch(T0, "r", Option.of("a-212")).get();
        assertThat(chosen(pacer("local", true), retried)).as("sticky").isEqualTo("a-212");
        assertThat(chosen(pacer("local", false), retried)).as("not sticky: local again").isEqualTo("b-415");
        Contact onB = to("+14155550123").dispatch(T0, "r", Option.of("b-415")).get();
        callers.put("b-415", new CallerState("b-415", callers.get("b-415").registered(), 1, Option.none()));
        assertThat(chosen(pacer("local", true), onB)).as("its number rests (daily cap): another").isEqualTo("a-212");
    }

    @Test
    void whenEveryNumberRestsNothingIsGrantedAndThePassStops() {
        register("a", "+12125550100", 5, 5);
        Pacer p = pacer("local", true);
        assertThat(p.exhausted()).isTrue();
        assertThat(p.grant(to("+14155550123"))).isEmpty();
    }

    /** Why a contact is passed over, as its wait's reason (CONTRACT §15): every usable number resting, one backing off, a rate. */
    @Test
    void aRefusedGrantSaysWhyAsAWaitReason() {
        register("a", "+12125550100", 10, 10);
        register("b", "+14155550100", 3, 3);
        Pacer resting = pacer("local", true);
        assertThat(resting.grant(to("+14155550123"))).isEmpty();
        assertThat(resting.whyNot(to("+14155550123"))).isEqualTo("daily_cap");

        callers.clear();
        long t0 = Pacer.micros(T0);
        callers.put("a", new CallerState("a", Option.of(CallerId.of("org", "a", "+12125550100", 1.0, null).get()), 0,
                Option.of(new io.batchcall.domain.caller.Lane(1.0, t0 + 5_000_000L)), Option.of(new io.batchcall.domain.caller.Backoff(0.5, t0 + 5_000_000L, t0))));
        Pacer backingOff = pacer("local", true);
        assertThat(backingOff.grant(to("+14155550123"))).isEmpty();
        assertThat(backingOff.whyNot(to("+14155550123"))).isEqualTo("backoff");

        callers.put("a", new CallerState("a", Option.of(CallerId.of("org", "a", "+12125550100", 1.0, null).get()), 0,
                Option.of(new io.batchcall.domain.caller.Lane(1.0, t0 + 5_000_000L))));
        Pacer paced = pacer("local", true);
        assertThat(paced.grant(to("+14155550123"))).isEmpty();
        assertThat(paced.whyNot(to("+14155550123"))).isEqualTo("caller_id_rate");
    }
}
