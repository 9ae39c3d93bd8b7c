package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.SqlDialect;

import io.batchcall.application.port.out.ClaimLimits;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.ClaimRule;
import io.batchcall.domain.caller.Pacer;
import io.batchcall.adapter.persistence.caller.CallerRows;
import io.batchcall.domain.job.JobStatus;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The dispatcher's claim: due contacts of a running job, higher priority first then in upload order, in open calling windows,
 * within the job's and the organization's limits, the number cap, one call per number; suppressed
 * numbers blocked instead of dialed. On PostgreSQL claims of one organization take turns on its row
 * (so limits hold across engines); the job row is locked only at the end, by the counters' update,
 * after the claim wrote its own rows: the call events of the same job (which lock the job row first
 * and change only contacts in a call, never a waiting one) go on meanwhile instead of waiting for the
 * whole claim (ADR 3). SQLite's single writer gives the same guarantees.
 */
final class Claims {

    private Claims() {
    }

    /** {@link io.batchcall.application.port.out.DispatchQueue#claimDue}, in the caller's transaction. */
    static List<Contact> claim(Connection c, SqlDialect sql, JobZones zones, JobPriorities priorities, WaitRows waitRows, String jobId,
                               ClaimLimits limits,
                               Instant now, ClaimRule.Dispatch dispatch) throws SQLException {
        Option<JobSnapshot> peek = JobRows.load(c, jobId, "");
        if (peek.isEmpty() || peek.get().job().status() != JobStatus.RUNNING) {
            return List.empty();
        }
        String org = peek.get().job().organizationId();
        JobRows.lockOrganization(c, sql, org); // organization before job: one order, no deadlock
        // read again once the claims before this one committed: a call ending meanwhile only frees slots
        Option<JobSnapshot> fresh = JobRows.load(c, jobId, "");
        if (fresh.isEmpty() || fresh.get().job().status() != JobStatus.RUNNING) {
            return List.empty();
        }
        JobSnapshot snapshot = fresh.get();
        BatchJob job = snapshot.job();
        long slots = job.dialSlots(snapshot.breakdown().count(ContactStatus.DIALING), limits.organizationCap(), JobRows.organizationDialing(c, org));
        if (slots <= 0) {
            return List.empty();
        }
        Pacer pacer = CallerRows.pacer(c, org, job.callers(), limits, now);
        if (pacer.exhausted()) {
            return List.empty(); // every lane taken until a later pass: no contact is read
        }
        // a few more candidates than slots: some may be suppressed, busy in another call, or over the cap
        long want = slots + Math.min(slots, 50);
        java.util.List<Contact> due = new ArrayList<>();
        java.util.List<ContactStatus> waiting = java.util.List.of(ContactStatus.PENDING, ContactStatus.QUEUED).stream()
                .filter(st -> snapshot.breakdown().count(st) > 0).toList();
        boolean prioritized = priorities.prioritized(c, jobId);
        // by group only while some group is closed (its window or its region's rule): with every group open, the job's
        // due contacts are exactly the ungrouped read's, one index range instead of one per group
        java.util.List<String> open = zones.grouped(c, job, limits.callingRules()) ? zones.open(c, job, limits, now) : null;
        if (open == null || open.size() == zones.counts(c, jobId).size()) {
            for (ContactStatus status : waiting) {
                due.addAll(DueContacts.due(c, sql, jobId, status, prioritized, now, want).toJavaList());
            }
            if (open != null) {
                // a group added on another instance within PerJobReads.FRESH_NANOS is not in the kept groups yet: checked here
                due.removeIf(k -> !limits.contactOpen(job, k, now));
            }
        } else {
            due.addAll(DueContacts.dueInZones(c, sql, jobId, waiting, open, prioritized, now, want).toJavaList());
        }
        if (due.isEmpty()) {
            return List.empty();
        }
        due.sort(Contact.CLAIM_ORDER); // higher priority first (CONTRACT §16), then upload order
        java.util.List<String> phones = due.stream().map(Contact::phoneNumber).toList();
        Set<String> suppressed = NumberRows.suppressedAmong(c, sql, org, phones);
        Set<String> busy = NumberRows.dialingAmong(c, sql, org, phones);
        // CONTRACT §17: numbers that had a conversation within the pause wait for its end
        Map<String, Instant> conversed = limits.conversationPause().isDefined()
                ? NumberRows.conversedSince(c, org, phones, now.minus(limits.conversationPause().get())) : Map.of();
        // CONTRACT §17: a job that requires consent checks it again at each dial
        Set<String> consented = job.requireConsent() ? JdbcConsents.consentedAmong(c, sql, org, phones) : Set.of();
        java.util.List<io.vavr.Tuple2<Contact, io.batchcall.domain.job.ContactWait>> seen = new ArrayList<>();
        Map<String, Long> recent = limits.numberCap().isDefined()
                ? NumberRows.dialsSince(c, org, phones, limits.numberCap().get().since(now)) : Map.of();
        List<ClaimRule.Change> claimed = ClaimRule.claim(job, slots, due.iterator(), now, new ClaimRule.Numbers() {
            @Override
            public boolean suppressed(String phone) {
                return suppressed.contains(phone);
            }

            @Override
            public Option<Instant> pausedUntil(String phone) {
                return Option.of(conversed.get(phone)).map(t -> t.plus(limits.conversationPause().get()));
            }

            @Override
            public boolean consented(String phone) {
                return consented.contains(phone);
            }

            @Override
            public boolean waits(String phone) {
                return busy.contains(phone) || capped(phone);
            }

            @Override
            public boolean capped(String phone) {
                return limits.numberCap().exists(cap -> !cap.allowsAnother(recent.getOrDefault(phone, 0L)));
            }
        }, pacer, dispatch, (contact, wait) -> seen.add(io.vavr.Tuple.of(contact, wait)), limits.callingRules());
        waitRows.record(c, jobId, seen);
        if (claimed.isEmpty()) {
            return List.empty();
        }
        if (pacer.paces()) {
            CallerRows.commit(c, org, pacer, now);
        }
        Map<Long, Contact> before = new HashMap<>();
        claimed.forEach(change -> before.put(change.before().seq(), change.before()));
        java.util.List<Contact> changed = claimed.map(ClaimRule.Change::after).toJavaList();
        java.util.List<Contact> dialing = claimed.filter(ClaimRule.Change::dialed).map(ClaimRule.Change::after).toJavaList();
        // this claim's own rows first, the job row (and what every writer of the job shares) last
        NumberRows.dialed(c, sql, org, dialing, now, limits.numberCap().map(cap -> cap.since(now)));
        // the dial window as read with the job's row at the start of the claim: claims of one job take turns (the
        // organization's turn on PostgreSQL, the single writer on SQLite), so nothing moved it since
        Option<io.batchcall.domain.caller.DialWindow> dials = dialing.isEmpty() ? Option.none()
                : Option.of(snapshot.dials().plus(now, dialing.size()));
        if (ContactChanges.store(c, sql, job, before, changed, now, JobStatus.RUNNING, dials).isEmpty()) {
            c.rollback(); // paused meanwhile: nothing of this claim is kept, nothing is dialed
            waitRows.forget(jobId);
            return List.empty();
        }
        return List.ofAll(changed);
    }
}
