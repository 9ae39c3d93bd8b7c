package io.batchcall.domain.job;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.batchcall.domain.caller.Grant;
import io.batchcall.domain.caller.Pacer;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The dispatcher's claim, as every store applies it (CONTRACT §7, §11): walk the job's due contacts in upload order
 * (in an open calling window), block a suppressed number instead of dialing it, let a number wait while it is in another
 * call of the organization (or in one this claim starts) or over its attempt cap, and dial the rest until the slots
 * ({@link BatchJob#dialSlots}) are used. The store finds the candidates and answers for the numbers; this rule decides.
 */
public final class ClaimRule {

    private ClaimRule() {
    }

    /** What the store knows of the organization's numbers as the claim runs. */
    public interface Numbers {

        /** On the organization's suppression list: blocked, never dialed. */
        boolean suppressed(String phoneNumber);

        /** In another call of the organization now, or over the number's attempt cap: waits, like a closed window. */
        boolean waits(String phoneNumber);

        /**
         * Whether the number has a consent in force (CONTRACT §17); asked only for a job that requires consent, whose
         * contacts without one are blocked ({@code no_consent}) instead of dialed.
         */
        default boolean consented(String phoneNumber) {
            return true;
        }

        /**
         * Until when the number is paused after a conversation (CONTRACT §17's conversation pause); none: it is not.
         */
        default Option<Instant> pausedUntil(String phoneNumber) {
            return Option.none();
        }

        /** Over the number's attempt cap (of {@link #waits}, the part that is a wait of the contact's own: {@code number_cap}). */
        default boolean capped(String phoneNumber) {
            return false;
        }
    }

    /** One contact the claim changed: blocked (suppressed) or put in a call ({@code dialed}, with its pacing grant). */
    public record Change(Contact before, Contact after, boolean dialed, Option<Grant> grant) {
    }

    /** A contact's move to dialing under a pacing grant (the caller id it is dialed from, when it is sent). */
    @FunctionalInterface
    public interface Dispatch {
        Either<ContactRejection, Contact> dispatch(BatchJob job, Contact contact, Grant grant);
    }

    /** {@link #claim(BatchJob, long, Iterator, Instant, Numbers, Pacer, Dispatch)} without pacing. */
    public static List<Change> claim(BatchJob job, long slots, Iterator<Contact> candidates, Instant now, Numbers numbers,
                                     BiFunction<BatchJob, Contact, Either<ContactRejection, Contact>> dispatch) {
        return claim(job, slots, candidates, now, numbers, Pacer.unlimited(job.callers(), now), (j, c, g) -> dispatch.apply(j, c));
    }

    /**
     * @param candidates due contacts in upload order, each in an open window (read lazily: the walk stops when the
     *                   slots are used)
     * @param dispatch   the contact's move to dialing (refused when it may not be dialed now)
     */
    public static List<Change> claim(BatchJob job, long slots, Iterator<Contact> candidates, Instant now, Numbers numbers,
                                     Pacer pacer, Dispatch dispatch) {
        return claim(job, slots, candidates, now, numbers, pacer, dispatch, (contact, wait) -> { });
    }

    /** Where a claim reports each wait it saw (CONTRACT §15's {@code waits}), with the contact it is of. */
    @FunctionalInterface
    public interface Waits {
        void waited(Contact contact, ContactWait wait);
    }

    /**
     * The claim, reporting to {@code waits}: a contact passed over for its number's cap ({@code number_cap}) or its
     * pacing ({@link Pacer#whyNot}), and a contact dialed just after its calling window held it ({@code calling_window},
     * already over). The store decides which of them start a new wait ({@link ContactWait#startsAnother}).
     */
    public static List<Change> claim(BatchJob job, long slots, Iterator<Contact> candidates, Instant now, Numbers numbers,
                                     Pacer pacer, Dispatch dispatch, Waits waits) {
        return claim(job, slots, candidates, now, numbers, pacer, dispatch, waits, io.batchcall.domain.window.CallingRules.NONE);
    }

    /**
     * {@link #claim(BatchJob, long, Iterator, Instant, Numbers, Pacer, Dispatch, Waits)} under calling rules by region
     * (CONTRACT §17): a contact dialed just after its region's rule held it records that wait ({@code region_rule}, over).
     * The store offers only contacts of groups open by the rules.
     */
    public static List<Change> claim(BatchJob job, long slots, Iterator<Contact> candidates, Instant now, Numbers numbers,
                                     Pacer pacer, Dispatch dispatch, Waits waits, io.batchcall.domain.window.CallingRules rules) {
        java.util.List<Change> changes = new java.util.ArrayList<>();
        if (job.endedBy(now)) {
            return List.empty(); // past the job's end time nothing is dialed (CONTRACT §16)
        }
        Set<String> dialedNow = new HashSet<>();
        long dialed = 0;
        while (dialed < slots && !pacer.exhausted() && candidates.hasNext()) {
            Contact contact = candidates.next();
            String phone = contact.phoneNumber();
            if (numbers.suppressed(phone)) {
                contact.suppress(now).forEach(blocked -> changes.add(new Change(contact, blocked, false, Option.none())));
                continue;
            }
            if (job.requireConsent() && !numbers.consented(phone)) {
                contact.withoutConsent(now).forEach(blocked -> changes.add(new Change(contact, blocked, false, Option.none())));
                continue;
            }
            Option<Instant> paused = contact.askedForCallback() ? Option.none() : numbers.pausedUntil(phone);
            if (paused.isDefined()) {
                // queued until the pause ends: out of the due contacts until then, so no later pass reads it again
                Instant until = paused.get();
                contact.holdUntil(until).forEach(held -> {
                    changes.add(new Change(contact, held, false, Option.none()));
                    waits.waited(contact, new ContactWait(contact.seq(), now, Option.of(until), ContactWait.CONVERSATION_PAUSE));
                });
                continue;
            }
            if (dialedNow.contains(phone) || numbers.waits(phone)) {
                if (!dialedNow.contains(phone) && numbers.capped(phone)) {
                    waits.waited(contact, new ContactWait(contact.seq(), now, Option.none(), ContactWait.NUMBER_CAP));
                }
                continue;
            }
            Option<Grant> grant = pacer.grant(contact);
            if (grant.isEmpty()) {
                // its number (or every number it may use) is taken until a later pass: waits, not an attempt (a refused
                // grant changes nothing: why is asked after it)
                waits.waited(contact, new ContactWait(contact.seq(), now, Option.none(), pacer.whyNot(contact)));
                continue;
            }
            Either<ContactRejection, Contact> next = dispatch.dispatch(job, contact, grant.get());
            if (next.isRight()) {
                ContactWait.heldByWindow(job, contact, now).forEach(held -> waits.waited(contact, held));
                ContactWait.heldByRules(job, rules, contact, now).forEach(held -> waits.waited(contact, held));
                changes.add(new Change(contact, next.get(), true, grant));
                dialedNow.add(phone);
                dialed++;
            }
        }
        return List.ofAll(changes);
    }
}
