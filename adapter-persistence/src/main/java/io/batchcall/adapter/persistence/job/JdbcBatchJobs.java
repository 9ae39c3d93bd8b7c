package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.caller.JdbcCallerIds;
import io.batchcall.application.port.out.CallerIds;

import io.batchcall.adapter.persistence.webhook.JdbcWebhooks;
import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.SqlDialect;

import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.port.out.Webhooks;
import io.batchcall.application.webhook.WebhookEvents;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.ClaimLimits;
import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.JobVersions;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.OverdueAttempt;
import io.batchcall.application.port.out.Suppressions.Suppression;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * {@link BatchJobs} on JDBC (embedded SQLite or PostgreSQL). Every change to a job's contacts updates
 * the contacts, the job's per-status counters and the rank buckets in one transaction, so figures are
 * exact. On PostgreSQL call events, cancels and failures lock the job row first (cancels and failures
 * the organization row before it); a claim locks the organization row first and the job row last, once
 * it has written the waiting contacts it took, which nothing else changes while the organization row is
 * held (ADR 3). So no two writers change one contact at once, counters stay exact and the organization
 * cap holds across engines; on SQLite the single writer connection gives the same guarantee.
 * The tables are handled by {@link JobRows}, {@link ContactRows}, {@link RankedPages}, {@link NumberRows} and
 * {@link ContactImport}, claims by {@link Claims}, writes by {@link ContactChanges}; dialect differences live in {@link SqlDialect}.
 */
public final class JdbcBatchJobs implements BatchJobs {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcBatchJobs.class);

    private static final int STATUS_COUNT = ContactStatus.values().length;

    private final Database db;
    private final SqlDialect sql;
    private final JobZones zones = new JobZones();
    private final JobPriorities priorities = new JobPriorities();
    private final JdbcConsents consents;
    private final WaitRows waits = new WaitRows();
    private final TimeSource time;
    private final JdbcWebhooks webhooks;
    private final JdbcCallerIds callerIds;
    private final JdbcConversations conversations;
    /**
     * Moved by every write to a job, by every store on this database object (two stores on one file must not
     * keep apart what each wrote); offered as {@link #versions()} only where this process sees every write (SQLite).
     */
    private final JobVersions.Tracked versions;
    /** Whether each number's latest conversation is recorded (ADR 15): what a conversation pause reads. */
    private final boolean numberConversations;

    /** A store whose webhook events are stamped with the system clock. */
    public JdbcBatchJobs(Database db) {
        this(db, Instant::now);
    }

    /** A store whose webhook events are stamped with {@code time} (the engine's clock); it records conversations. */
    public JdbcBatchJobs(Database db, TimeSource time) {
        this(db, time, true);
    }

    /**
     * A store whose webhook events are stamped with {@code time}. {@code numberConversations}: whether it records each
     * number's latest conversation, which a conversation pause (CONTRACT §17, {@code ClaimLimits.conversationPause})
     * reads — false where no engine on this database runs with a pause (ADR 15: that record is written with every
     * conversation, at a number's place in a table of all the organization's numbers, and nothing else reads it).
     */
    public JdbcBatchJobs(Database db, TimeSource time, boolean numberConversations) {
        this.numberConversations = numberConversations;
        this.db = db;
        this.sql = db.sql();
        this.time = time;
        this.webhooks = new JdbcWebhooks(db);
        this.callerIds = new JdbcCallerIds(db, JobRows::organizationDialing);
        this.conversations = new JdbcConversations(db);
        this.consents = new JdbcConsents(db);
        this.versions = db.jobVersions();
    }

    /**
     * Releases every webhook stream lease. Only for the embedded store at start: its data directory is
     * this process's alone, so a lease found then was held by a process that has stopped (on PostgreSQL,
     * other instances' leases are live; a dead instance's run out).
     */
    public void releaseWebhookLeases() {
        db.write(c -> {
            try (var ps = c.prepareStatement("update webhook_stream set lease_until = null where lease_until is not null")) {
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public io.batchcall.application.port.out.ConversationRecords conversations() {
        return conversations;
    }

    @Override
    public io.batchcall.application.port.out.Consents consents() {
        return consents;
    }

    @Override
    public CallerIds callerIds() {
        return callerIds;
    }

    @Override
    public Webhooks webhooks() {
        return webhooks;
    }

    /**
     * Known on the embedded store, whose data directory is this process's alone (a lock file keeps others
     * off it), so every write to it goes through here; unknown on PostgreSQL, which other instances write too.
     */
    @Override
    public JobVersions versions() {
        return db.dialect() == Database.Dialect.SQLITE ? versions : JobVersions.UNKNOWN;
    }

    /**
     * Removes what imports cut short by a crash left behind (embedded store). Call once at start, before
     * anything else uses the store.
     *
     * @return how many interrupted imports were removed
     */
    public int recoverInterruptedImports() {
        return ContactImport.recover(db); // PostgreSQL: only deletes cut short (its imports are one transaction)
    }

    @Override
    public long create(BatchJob job, Iterator<NewContact> contacts) {
        return versions.writing(job.id(), () -> ContactImport.create(db, job, contacts));
    }

    // ---------------------------------------------------------------- reads

    @Override
    public boolean delete(BatchJob expected) {
        return expected.status().isFinal() && versions.writing(expected.id(), () -> ContactImport.delete(db, expected));
    }

    @Override
    public List<Contact> contactsAfter(String jobId, long afterSeq, int limit) {
        return db.read(c -> ContactRows.range(c, sql, jobId, afterSeq, afterSeq + limit));
    }

    @Override
    public Option<JobSnapshot> find(String organizationId, String jobId) {
        return findById(jobId).filter(s -> s.job().organizationId().equals(organizationId));
    }

    @Override
    public Option<JobSnapshot> findById(String jobId) {
        return db.read(c -> JobRows.load(c, jobId, ""));
    }

    @Override
    public Tuple2<List<JobSnapshot>, Long> list(String organizationId, Option<JobStatus> status, PageRequest page) {
        return db.snapshot(c -> JobRows.list(c, organizationId, status, page));
    }

    /** One page of a job's contacts, its counts read in the same snapshot (tools and tests). */
    public List<Contact> contacts(String jobId, ContactQuery query) {
        return contacts(jobId, query, Option.none());
    }

    @Override
    public List<Contact> contacts(JobSnapshot job, ContactQuery query) {
        return contacts(job.job().id(), query, Option.of(job.breakdown()));
    }

    private List<Contact> contacts(String jobId, ContactQuery query, Option<StatusBreakdown> known) {
        PageRequest page = query.page();
        java.util.List<ContactStatus> statuses = query.statusList();
        if (statuses.isEmpty() || statuses.size() == STATUS_COUNT) {
            return db.read(c -> ContactRows.range(c, sql, jobId, page.offset(), page.offset() + page.pageSize()));
        }
        // a filtered page, at any depth, is first located through the per-bucket counts, so the query
        // reads (and, whatever the planner does, sorts) only the few buckets it spans
        Database.SqlWork<List<Contact>> work = c -> {
            StatusBreakdown counts = known.isDefined() ? known.get()
                    : JobRows.load(c, jobId, "").map(JobSnapshot::breakdown).getOrElse(StatusBreakdown::empty);
            var range = RankedPages.locate(c, jobId, statuses, page, counts);
            return range.isEmpty() ? List.<Contact>empty() : ContactRows.filtered(c, sql, jobId, statuses, range.get(), page.pageSize());
        };
        // with the counts given, the page is read without a transaction; otherwise counts, buckets and
        // rows come from one snapshot
        return known.isEmpty() ? db.snapshot(work) : db.read(work);
    }

    /** One contact by its upload position (tools and tests). */
    public Option<Contact> contact(String jobId, long seq) {
        return db.read(c -> ContactRows.load(c, sql, jobId, seq));
    }

    @Override
    public List<JobSnapshot> activeJobs(Instant now) {
        return db.read(c -> JobRows.active(c, now));
    }

    @Override
    public List<OverdueAttempt> overdueAttempts(Instant startedBefore, int limit) {
        return db.read(c -> ContactRows.overdue(c, sql, startedBefore, limit));
    }

    @Override
    public List<OverdueAttempt> callsInFlight(String jobId, int limit) {
        return db.read(c -> ContactRows.inFlight(c, sql, jobId, limit));
    }

    /**
     * By the partial index on waiting contacts' expiry. PostgreSQL, whose statistics say "no contact expires" for most
     * tables, rated a full scan of the waiting contacts' zone index plus a sort a hair cheaper than this index (1.5 ms a
     * pass at 20,000 waiting contacts, growing with them): sorting is ruled out for this one read, so only the index that
     * is already in expiry order serves it.
     */
    @Override
    public List<io.vavr.Tuple2<String, Long>> expiredContacts(Instant now, int limit) {
        if (sql.isSqlite()) {
            return db.read(c -> expired(c, now, limit));
        }
        return db.snapshot(c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("set local enable_sort = off");
            }
            return expired(c, now, limit);
        });
    }

    private static List<io.vavr.Tuple2<String, Long>> expired(java.sql.Connection c, Instant now, int limit) throws java.sql.SQLException {
        java.util.List<io.vavr.Tuple2<String, Long>> out = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("select job_id, seq from contact where expires_at is not null "
                + "and status in ('pending', 'queued') and expires_at <= ? order by expires_at limit ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(io.vavr.Tuple.of(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return List.ofAll(out);
    }

    // ---------------------------------------------------------------- job changes

    @Override
    public boolean replace(BatchJob expected, BatchJob next) {
        return versions.writing(expected.id(), () -> replaceRow(expected, next));
    }

    private boolean replaceRow(BatchJob expected, BatchJob next) {
        if (WebhookEvents.jobEventType(expected.status(), next.status()).isEmpty()) {
            return db.write(c -> JobRows.replace(c, expected, next));
        }
        return db.inTransaction(c -> {
            if (!JobRows.replace(c, expected, next)) {
                return false;
            }
            Outbox.jobChanged(c, expected, next, time.now());
            return true;
        });
    }

    @Override
    public Option<Long> replaceAndCancelOpen(BatchJob expected, BatchJob next, Instant now, Option<String> abandonReason) {
        return versions.writing(expected.id(), () -> db.inTransaction(c -> BulkCancels.cancelOpen(c, sql, expected, next, now, abandonReason)));
    }

    @Override
    public java.util.Set<String> numbersInJob(String jobId, java.util.Collection<String> phones) {
        return phones.isEmpty() ? java.util.Set.of() : db.read(c -> ContactAdds.numbersIn(c, sql, jobId, phones));
    }

    @Override
    public Option<Long> addContacts(BatchJob job, java.util.Iterator<NewContact> contacts) {
        long asked = System.nanoTime();
        Option<Long> added;
        if (sql.copiesInOneTransaction()) {
            long[] before = {0};
            added = versions.writing(job.id(), () -> db.inTransaction(c -> ContactAdds.add(c, sql, job, contacts, before)));
            if (added.getOrElse(0L) >= before[0]) { // the job at least doubled: the planner must know (a tenth more changes no plan)
                ContactImport.analyzeAfter(db, added.getOrElse(0L));
            }
        } else {
            added = ContactAdds.staged(db, job, contacts, versions);
        }
        LOG.debug("job {}: {} contacts added in {} ms", job.id(), added.getOrElse(0L), (System.nanoTime() - asked) / 1_000_000);
        zones.forget(job.id());
        priorities.forget(job.id());
        return added;
    }

    @Override
    public Option<Long> expireWaiting(BatchJob job, Instant now, String reason) {
        return versions.writing(job.id(), () -> db.inTransaction(c -> BulkCancels.expireWaiting(c, sql, job, now, reason)));
    }

    // ---------------------------------------------------------------- contact changes

    /**
     * Call events and the engine's closes change only contacts in a call. On PostgreSQL they lock those contacts, write
     * them, and take the job row last (ADR 3), as claims do: a claim or another batch of the same job waits for this
     * one's end only, not its whole transaction. The job's status is read first without a lock; a batch that finds it
     * changed by then is rolled back and done again (ADR 3).
     */
    @Override
    public Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>> updateContacts(Option<String> organizationId, String jobId,
            List<ContactChange> changes) {
        return versions.writing(jobId, () -> {
            for (int round = 1; ; round++) {
                Option<Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>>> done =
                        db.inTransaction(c -> ContactChanges.applyOnce(c, sql, organizationId, jobId, changes, time.now(), numberConversations));
                if (done.isDefined()) {
                    return done.get();
                }
                if (round == 100) {
                    throw new IllegalStateException("contact changes of job " + jobId
                            + " not written in 100 tries: each time its status changed, or a contact entered a call, meanwhile");
                }
            }
        });
    }

    @Override
    public List<Contact> claimDue(String jobId, ClaimLimits limits, Instant now, io.batchcall.domain.job.ClaimRule.Dispatch dispatch) {
        return versions.writing(jobId, () -> db.inTransaction(c -> Claims.claim(c, sql, zones, priorities, waits, jobId, limits, now, dispatch)));
    }

    @Override
    public Map<String, Long> zoneCounts(String jobId) {
        return zones.fresh(jobId).orElseGet(() -> db.read(c -> zones.counts(c, jobId)));
    }

    // ---------------------------------------------------------------- suppression list

    @Override
    public long suppress(String organizationId, java.util.Collection<String> phoneNumbers, Option<String> reason, Instant now) {
        return db.inTransaction(c -> NumberRows.suppress(c, organizationId, phoneNumbers, reason, now));
    }

    @Override
    public Option<Suppression> suppression(String organizationId, String phoneNumber) {
        return db.read(c -> NumberRows.suppression(c, organizationId, phoneNumber));
    }

    @Override
    public Tuple2<List<Suppression>, Long> suppressions(String organizationId, PageRequest page) {
        return db.snapshot(c -> NumberRows.suppressions(c, organizationId, page));
    }

    @Override
    public boolean unsuppress(String organizationId, String phoneNumber) {
        return db.write(c -> NumberRows.unsuppress(c, organizationId, phoneNumber));
    }

    @Override
    public Set<String> suppressedAmong(String organizationId, java.util.Collection<String> phoneNumbers) {
        return db.read(c -> NumberRows.suppressedAmong(c, sql, organizationId, phoneNumbers));
    }
}
