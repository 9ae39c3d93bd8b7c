package io.batchcall.domain.job;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.control.Option;

import java.time.Instant;

/**
 * One time a due contact was not dialed (CONTRACT §15's {@code waits}): from {@code at}, until {@code until} (none:
 * it had not ended when recorded — the contact's next attempt ends it), for {@code reason}. A contact passed over pass
 * after pass for one reason waits once: a new wait is recorded only when the reason changes or an attempt came between
 * ({@link #startsAnother}), so waiting costs no write per dispatcher pass.
 */
public record ContactWait(long seq, Instant at, Option<Instant> until, String reason) {

    /** The reasons a wait can have (CONTRACT §15); §16–§17 add theirs here. */
    public static final String CALLING_WINDOW = "calling_window";
    public static final String NUMBER_CAP = "number_cap";
    /** CONTRACT §17: the number had a conversation within {@code BATCHCALL_CONVERSATION_PAUSE}. */
    public static final String CONVERSATION_PAUSE = "conversation_pause";
    public static final String CALLER_ID_RATE = "caller_id_rate";
    public static final String DAILY_CAP = "daily_cap";
    public static final String BACKOFF = "backoff";
    public static final String ORG_RATE = "org_rate";
    /** CONTRACT §17: its region's calling rule was closed. */
    public static final String REGION_RULE = "region_rule";
    /** At most this many waits are kept per contact: the latest. */
    public static final int KEPT = 20;

    /**
     * Whether {@code next} is a new wait after {@code latest} (the contact's latest recorded one) for contact {@code c}:
     * not when the latest is still open for the same reason with no attempt since it began.
     */
    public static boolean startsAnother(Option<ContactWait> latest, ContactWait next, Contact c) {
        return latest.forAll(l -> !(l.until().isEmpty() && l.reason().equals(next.reason())
                && c.lastAttemptAt().forAll(attempt -> !attempt.isAfter(l.at()))));
    }

    /**
     * The calling-window wait a contact dialed at {@code now} had just come out of, if any: it was due (queued: at its
     * {@code nextRetryAt}; pending: when the job started) while its window was closed, and the window opened since.
     */
    public static Option<ContactWait> heldByWindow(BatchJob job, Contact c, Instant now) {
        if (job.callingWindow().isEmpty()) {
            return Option.none();
        }
        Option<Instant> due = c.status() == ContactStatus.QUEUED ? c.nextRetryAt() : job.actualStartTime();
        return due.filter(d -> d.isBefore(now)).flatMap(d -> job.callingWindow().get().nextOpening(d, io.batchcall.domain.window.Callable.zonesOf(c))
                .filter(opened -> opened.isAfter(d) && !opened.isAfter(now))
                .map(opened -> new ContactWait(c.seq(), d, Option.of(opened), CALLING_WINDOW)));
    }

    /**
     * The region-rule wait a contact dialed at {@code now} had just come out of (CONTRACT §17), if any: it was due while the
     * rule for its region was closed, and the rule opened since (as {@link #heldByWindow}, for the rules).
     */
    public static Option<ContactWait> heldByRules(BatchJob job, io.batchcall.domain.window.CallingRules rules, Contact c, Instant now) {
        Option<String> region = c.timezone().flatMap(io.batchcall.domain.window.ContactZones::regionOf);
        if (rules.isEmpty() || !rules.restricts(region)) {
            return Option.none();
        }
        Option<Instant> due = c.status() == ContactStatus.QUEUED ? c.nextRetryAt() : job.actualStartTime();
        io.vavr.collection.List<java.time.ZoneId> zones = io.batchcall.domain.window.Callable.zonesOf(c);
        return due.filter(d -> d.isBefore(now) && !rules.isOpen(d, zones, region)).flatMap(d -> rules.nextOpening(d, zones, region)
                .filter(opened -> opened.isAfter(d) && !opened.isAfter(now))
                .map(opened -> new ContactWait(c.seq(), d, Option.of(opened), REGION_RULE)));
    }
}
