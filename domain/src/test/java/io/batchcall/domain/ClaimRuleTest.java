package io.batchcall.domain;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.job.ClaimRule;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.batchcall.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The one claim rule both stores apply: blocks, waits and dials in upload order until the slots are used. */
class ClaimRuleTest {

    private static Contact contact(long seq, String phone) {
        return Contact.pending(Contact.idFor("job1", seq), "job1", seq, new PhoneNumber(phone), Map.of(), 3);
    }

    private static ClaimRule.Numbers numbers(Set<String> suppressed, Set<String> waiting) {
        return new ClaimRule.Numbers() {
            @Override
            public boolean suppressed(String phone) {
                return suppressed.contains(phone);
            }

            @Override
            public boolean waits(String phone) {
                return waiting.contains(phone);
            }
        };
    }

    @Test
    void suppressedNumbersAreBlockedWithoutTakingASlotAndBusyOnesWait() {
        List<Contact> due = List.of(contact(1, "+14155550001"), contact(2, "+14155550002"), contact(3, "+14155550003"),
                contact(4, "+14155550004"), contact(5, "+14155550005"));
        List<ClaimRule.Change> changes = ClaimRule.claim(Fixtures.aRunningJob(), 2, due.iterator(), T0,
                numbers(Set.of("+14155550001"), Set.of("+14155550002")), (job, c) -> c.dispatch(T0, "room-" + c.seq()));

        assertThat(changes.map(c -> c.after().seq() + ":" + c.after().status()))
                .containsExactly("1:" + ContactStatus.BLOCKED, "3:" + ContactStatus.DIALING, "4:" + ContactStatus.DIALING);
        assertThat(changes.filter(ClaimRule.Change::dialed).size()).as("the slots bound the dials, not the blocks").isEqualTo(2);
    }

    @Test
    void aNumberListedTwiceIsDialedOnceInAClaim() {
        List<Contact> due = List.of(contact(1, "+14155550001"), contact(2, "+14155550001"), contact(3, "+14155550003"));
        List<ClaimRule.Change> changes = ClaimRule.claim(Fixtures.aRunningJob(), 5, due.iterator(), T0,
                numbers(Set.of(), Set.of()), (job, c) -> c.dispatch(T0, "room"));

        assertThat(changes.map(c -> c.after().seq())).containsExactly(1L, 3L);
    }

    @Test
    void noSlotsDialNothingAndReadNoCandidate() {
        var read = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(ClaimRule.claim(Fixtures.aRunningJob(), 0, io.vavr.collection.Iterator.ofAll(List.of(contact(1, "+14155550001")))
                .peek(c -> read.incrementAndGet()), T0, numbers(Set.of(), Set.of()), (job, c) -> c.dispatch(T0, "room"))).isEmpty();
        assertThat(read).hasValue(0);
    }
}
