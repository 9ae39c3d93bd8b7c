package io.batchcall.application.memory;

import io.batchcall.domain.contact.AttemptCap;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * What the in-memory store knows of each organization's phone numbers: which are in a call now (one call per
 * number at a time) and when each was dialed (the per-number attempt cap). Not thread-safe: the store's lock guards it.
 */
final class InMemoryNumbers {

    /** Per organization, per number: contacts in a call now. */
    private final Map<String, Map<String, Integer>> dialing = new HashMap<>();
    /** Per organization, per number: when it was dialed. */
    private final Map<String, Map<String, ArrayDeque<Instant>>> dials = new HashMap<>();

    boolean inCall(String org, String number) {
        return dialing.getOrDefault(org, Map.of()).getOrDefault(number, 0) > 0;
    }

    /** Whether the cap, if any, allows the number another dial now (dials older than its window are forgotten). */
    boolean allowsAnother(String org, String number, Option<AttemptCap> cap, Instant now) {
        if (cap.isEmpty()) {
            return true;
        }
        ArrayDeque<Instant> history = history(org, number);
        Instant since = cap.get().since(now);
        history.removeIf(t -> !t.isAfter(since));
        return cap.get().allowsAnother(history.size());
    }

    void dialed(String org, String number, Instant at) {
        history(org, number).add(at);
    }

    /** Per organization, per number: when its latest conversation ended (CONTRACT §17's conversation pause). */
    private final Map<String, Map<String, Instant>> conversed = new HashMap<>();

    /** Until when the number is paused after its latest conversation, if it is at {@code now}. */
    Option<Instant> pausedUntil(String org, String number, Option<java.time.Duration> pause, Instant now) {
        if (pause.isEmpty()) {
            return Option.none();
        }
        return Option.of(conversed.getOrDefault(org, Map.of()).get(number)).map(t -> t.plus(pause.get())).filter(until -> until.isAfter(now));
    }

    /** A contact changed at {@code at}: its number enters or leaves a call with it; a conversation that ended is noted. */
    void moved(String org, Contact before, Contact after, Instant at) {
        if (after.conversedAfter(before)) {
            conversed.computeIfAbsent(org, k -> new HashMap<>()).merge(after.phoneNumber(), after.conversationEndedAt().getOrElse(at),
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        boolean was = before.status() == ContactStatus.DIALING;
        boolean is = after.status() == ContactStatus.DIALING;
        if (was != is) {
            dialing.computeIfAbsent(org, k -> new HashMap<>()).merge(after.phoneNumber(), is ? 1 : -1, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private ArrayDeque<Instant> history(String org, String number) {
        return dials.computeIfAbsent(org, k -> new HashMap<>()).computeIfAbsent(number, k -> new ArrayDeque<>());
    }

    /** The organization's numbers as a claim at {@code now} sees them ({@code suppressed}: on its suppression list). */
    io.batchcall.domain.job.ClaimRule.Numbers forClaim(String org, Option<AttemptCap> cap, Instant now,
                                                       java.util.function.Predicate<String> suppressed,
                                                       java.util.function.Predicate<String> consented, Option<java.time.Duration> pause) {
        return new io.batchcall.domain.job.ClaimRule.Numbers() {
            @Override
            public Option<Instant> pausedUntil(String phone) {
                return InMemoryNumbers.this.pausedUntil(org, phone, pause, now);
            }

            @Override
            public boolean suppressed(String phone) {
                return suppressed.test(phone);
            }

            @Override
            public boolean consented(String phone) {
                return consented.test(phone);
            }

            @Override
            public boolean waits(String phone) {
                return inCall(org, phone) || capped(phone);
            }

            @Override
            public boolean capped(String phone) {
                return !allowsAnother(org, phone, cap, now);
            }
        };
    }
}
