package io.batchcall.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.OverdueAttempt;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * {@link BatchJobs} on JDBC (H2 or PostgreSQL). Every change to a job's contacts first locks the job
 * row, then updates the contacts and the job's per-status counters in the same transaction: counts are
 * exact, and no two engines change one job's contacts at once. Claims additionally lock the
 * organization row, so the organization cap holds across engines.
 */
public final class JdbcBatchJobs implements BatchJobs {

    private static final int INSERT_BATCH = 1000;
    /** Upload positions per rank bucket (see V2__contact_rank.sql). */
    static final int BUCKET = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final ContactStatus[] STATUSES = ContactStatus.values();
    private static final String COUNT_COLUMNS = Arrays.stream(STATUSES).map(JdbcBatchJobs::countColumn).collect(Collectors.joining(", "));
    private static final String JOB_COLUMNS = "id, organization_id, name, description, agent_id, from_phone_number_id, status, "
            + "concurrent_call_limit, max_attempts, retryable_statuses, retry_delay_seconds, scheduled_start_time, "
            + "actual_start_time, completed_at, created_at, failure_reason, " + COUNT_COLUMNS;
    private static final String CONTACT_COLUMNS = "job_id, seq, phone_number, contact_data, status, error_code, attempt_count, "
            + "max_attempts, last_attempt_at, next_retry_at, completed_at, room_name, failure_reason, call_duration";

    private final Database db;

    public JdbcBatchJobs(Database db) {
        this.db = db;
    }

    static String countColumn(ContactStatus s) {
        return "n_" + s.wire();
    }

    // ---------------------------------------------------------------- create

    @Override
    public long create(BatchJob job, Iterator<NewContact> contacts) {
        if (!contacts.hasNext()) {
            return 0;
        }
        // committed on its own: a long import must not hold the organization row that claims lock
        db.read(c -> {
            ensureOrganization(c, job.organizationId());
            return null;
        });
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into batch_job (id, organization_id, name, description, agent_id, "
                    + "from_phone_number_id, status, concurrent_call_limit, max_attempts, retryable_statuses, retry_delay_seconds, "
                    + "scheduled_start_time, actual_start_time, completed_at, created_at, failure_reason) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, job.id());
                ps.setString(2, job.organizationId());
                ps.setString(3, job.name());
                ps.setString(4, job.description().getOrNull());
                ps.setString(5, job.agentId().getOrNull());
                ps.setString(6, job.fromPhoneNumberId());
                ps.setString(7, job.status().wire());
                ps.setInt(8, job.concurrentCallLimit());
                ps.setInt(9, job.retryPolicy().maxAttempts());
                ps.setString(10, job.retryPolicy().retryableStatuses().map(ContactStatus::wire).mkString(","));
                ps.setLong(11, job.retryPolicy().retryDelaySeconds());
                setTime(ps, 12, job.scheduledStartTime());
                setTime(ps, 13, job.actualStartTime());
                setTime(ps, 14, job.completedAt());
                ps.setLong(15, job.createdAt().toEpochMilli());
                ps.setString(16, job.failureReason().getOrNull());
                ps.executeUpdate();
            }
            BucketCounter buckets = new BucketCounter();
            long count = db.dialect() == Database.Dialect.POSTGRESQL
                    ? PostgresCopy.copyContacts(c, job, contacts, buckets::add, JdbcBatchJobs::toJson)
                    : insertContacts(c, job, contacts, buckets);
            try (PreparedStatement ps = c.prepareStatement("insert into contact_rank (job_id, status, bucket, n) values (?, ?, ?, ?)")) {
                int batched = 0;
                for (int b = 0; b < buckets.size(); b++) {
                    for (ContactStatus status : STATUSES) {
                        ps.setString(1, job.id());
                        ps.setString(2, status.wire());
                        ps.setInt(3, b);
                        ps.setLong(4, status == ContactStatus.PENDING ? buckets.get(b) : 0);
                        ps.addBatch();
                        if (++batched == INSERT_BATCH) {
                            ps.executeBatch();
                            batched = 0;
                        }
                    }
                }
                if (batched > 0) {
                    ps.executeBatch();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update batch_job set total_contacts = ?, n_pending = ? where id = ?")) {
                ps.setLong(1, count);
                ps.setLong(2, count);
                ps.setString(3, job.id());
                ps.executeUpdate();
            }
            return count;
        });
    }

    /** Contacts per rank bucket, counted while a job's contacts are written. */
    static final class BucketCounter {
        private long[] counts = new long[64];
        private int size;

        void add(long seq) {
            int b = (int) (seq / BUCKET);
            if (b >= counts.length) {
                counts = java.util.Arrays.copyOf(counts, Math.max(b + 1, counts.length * 2));
            }
            counts[b]++;
            size = Math.max(size, b + 1);
        }

        int size() {
            return size;
        }

        long get(int bucket) {
            return counts[bucket];
        }
    }

    private static long insertContacts(Connection c, BatchJob job, Iterator<NewContact> contacts, BucketCounter buckets) throws SQLException {
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into contact (job_id, seq, phone_number, contact_data, status, "
                + "attempt_count, max_attempts) values (?, ?, ?, ?, 'pending', 0, ?)")) {
            int batched = 0;
            while (contacts.hasNext()) {
                NewContact n = contacts.next();
                ps.setString(1, job.id());
                ps.setLong(2, n.seq());
                ps.setString(3, n.phone().value());
                ps.setString(4, toJson(n.contactData()));
                ps.setInt(5, job.retryPolicy().maxAttempts());
                ps.addBatch();
                count++;
                buckets.add(n.seq());
                if (++batched == INSERT_BATCH) {
                    ps.executeBatch();
                    batched = 0;
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
        return count;
    }

    private void ensureOrganization(Connection c, String org) throws SQLException {
        String sql = db.dialect() == Database.Dialect.POSTGRESQL
                ? "insert into organization (id) values (?) on conflict do nothing"
                : "merge into organization (id) key (id) values (?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, org);
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Option<JobSnapshot> find(String organizationId, String jobId) {
        return findById(jobId).filter(s -> s.job().organizationId().equals(organizationId));
    }

    @Override
    public Option<JobSnapshot> findById(String jobId) {
        return db.read(c -> loadJob(c, jobId, false));
    }

    private Option<JobSnapshot> loadJob(Connection c, String jobId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + JOB_COLUMNS + " from batch_job where id = ?" + (lock ? " for update" : ""))) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Option.of(snapshot(rs)) : Option.none();
            }
        }
    }

    @Override
    public Tuple2<List<JobSnapshot>, Long> list(String organizationId, Option<JobStatus> status, PageRequest page) {
        return db.read(c -> {
            String where = " from batch_job where organization_id = ?" + (status.isDefined() ? " and status = ?" : "");
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*)" + where)) {
                ps.setString(1, organizationId);
                if (status.isDefined()) {
                    ps.setString(2, status.get().wire());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            java.util.List<JobSnapshot> jobs = new ArrayList<>();
            if (page.offset() < total) {
                try (PreparedStatement ps = c.prepareStatement("select " + JOB_COLUMNS + where
                        + " order by created_at desc, created_seq desc limit ? offset ?")) {
                    int i = 1;
                    ps.setString(i++, organizationId);
                    if (status.isDefined()) {
                        ps.setString(i++, status.get().wire());
                    }
                    ps.setInt(i++, page.pageSize());
                    ps.setLong(i, page.offset());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            jobs.add(snapshot(rs));
                        }
                    }
                }
            }
            return Tuple.of(List.ofAll(jobs), total);
        });
    }

    @Override
    public List<Contact> contacts(String jobId, ContactQuery query) {
        return contacts(jobId, query, Option.none());
    }

    @Override
    public List<Contact> contacts(JobSnapshot job, ContactQuery query) {
        return contacts(job.job().id(), query, Option.of(job.breakdown()));
    }

    private List<Contact> contacts(String jobId, ContactQuery query, Option<StatusBreakdown> known) {
        boolean located = !query.statuses().isEmpty() && query.statuses().size() < STATUSES.length;
        Database.SqlWork<List<Contact>> work = c -> {
            PageRequest page = query.page();
            java.util.List<ContactStatus> statuses = query.statusList();
            if (statuses.isEmpty() || statuses.size() == STATUSES.length) {
                // seq is dense (1..n in upload order), so a page is a key range: no work proportional to depth
                try (PreparedStatement ps = c.prepareStatement("select " + CONTACT_COLUMNS
                        + " from contact where job_id = ? and seq > ? and seq <= ? order by seq")) {
                    ps.setString(1, jobId);
                    ps.setLong(2, page.offset());
                    ps.setLong(3, page.offset() + page.pageSize());
                    return readContacts(ps);
                }
            }
            // a filtered page, at any depth, is first located through the per-bucket counts, so the
            // query below reads (and, whatever the planner does, sorts) only the few buckets it spans
            String in = statuses.stream().map(s -> "?").collect(Collectors.joining(", "));
            long[] range = locate(c, jobId, statuses, page, known.isDefined() ? known.get() : counts(c, jobId));
            if (range == null) {
                return List.<Contact>empty();
            }
            long fromSeq = range[0];
            long toSeq = range[1];
            long skip = range[2];
            try (PreparedStatement ps = c.prepareStatement("select " + CONTACT_COLUMNS + " from contact where job_id = ? and status in ("
                    + in + ") and seq >= ? and seq < ? order by seq limit ? offset ?")) {
                int i = 1;
                ps.setString(i++, jobId);
                for (ContactStatus st : statuses) {
                    ps.setString(i++, st.wire());
                }
                ps.setLong(i++, fromSeq);
                ps.setLong(i++, toSeq);
                ps.setInt(i++, page.pageSize());
                ps.setLong(i, skip);
                return readContacts(ps);
            }
        };
        // with the counts given, the page is read without a transaction (two round trips); otherwise the
        // counts, the buckets and the rows are read in one snapshot
        return located && known.isEmpty() ? db.inTransaction(work) : db.read(work);
    }

    /**
     * Finds the buckets a filtered page spans from the per-bucket counts, reading them from whichever
     * end of the job is nearer to the page (so the deepest page costs what the first one does), one
     * ordered cursor per status merged here. Returns {fromSeq, toSeq (exclusive), rows to skip from
     * fromSeq}, or null when the page lies past the end.
     */
    private StatusBreakdown counts(Connection c, String jobId) throws SQLException {
        return loadJob(c, jobId, false).map(JobSnapshot::breakdown).getOrElse(StatusBreakdown::empty);
    }

    private long[] locate(Connection c, String jobId, java.util.List<ContactStatus> statuses, PageRequest page,
                          StatusBreakdown counts) throws SQLException {
        long total = 0;
        java.util.List<ContactStatus> present = new ArrayList<>();
        for (ContactStatus status : statuses) {
            total += counts.count(status);
            if (counts.count(status) > 0) {
                present.add(status); // statuses with no contact need no cursor
            }
        }
        if (page.offset() >= total) {
            return null;
        }
        boolean fromEnd = page.offset() > total / 2;
        long lastWanted = Math.min(page.offset() + page.pageSize(), total) - 1;
        java.util.List<PreparedStatement> statements = new ArrayList<>();
        java.util.List<ResultSet> cursors = new ArrayList<>();
        try {
            for (ContactStatus status : present) {
                PreparedStatement ps = c.prepareStatement("select bucket, n from contact_rank where job_id = ? and status = ? and n > 0 "
                        + "order by bucket " + (fromEnd ? "desc" : "asc"));
                statements.add(ps);
                ps.setFetchSize(256);
                ps.setString(1, jobId);
                ps.setString(2, status.wire());
                cursors.add(ps.executeQuery());
            }
            long[] heads = new long[cursors.size()];
            long[] sizes = new long[cursors.size()];
            for (int i = 0; i < cursors.size(); i++) {
                advance(cursors.get(i), heads, sizes, i);
            }
            long passed = 0; // matching contacts in the buckets already read
            long fromSeq = -1;
            long toSeq = -1;
            while (true) {
                long bucket = -1;
                for (long h : heads) {
                    if (h >= 0 && (bucket < 0 || (fromEnd ? h > bucket : h < bucket))) {
                        bucket = h;
                    }
                }
                if (bucket < 0) {
                    return null;
                }
                long n = 0;
                for (int i = 0; i < heads.length; i++) {
                    if (heads[i] == bucket) {
                        n += sizes[i];
                        advance(cursors.get(i), heads, sizes, i);
                    }
                }
                if (!fromEnd) {
                    if (fromSeq < 0 && passed + n > page.offset()) {
                        fromSeq = bucket * BUCKET;
                        toSeq = page.offset() - passed; // rows to skip, kept here until the end is found
                    }
                    passed += n;
                    if (fromSeq >= 0 && passed > lastWanted) {
                        return new long[] {fromSeq, (bucket + 1) * BUCKET, toSeq};
                    }
                } else {
                    long firstHere = total - passed - n; // position of the bucket's first matching contact
                    if (toSeq < 0 && firstHere <= lastWanted) {
                        toSeq = (bucket + 1) * BUCKET;
                    }
                    if (toSeq >= 0 && firstHere <= page.offset()) {
                        return new long[] {bucket * BUCKET, toSeq, page.offset() - firstHere};
                    }
                    passed += n;
                }
            }
        } finally {
            for (ResultSet rs : cursors) {
                rs.close();
            }
            for (PreparedStatement ps : statements) {
                ps.close();
            }
        }
    }

    private static void advance(ResultSet rs, long[] heads, long[] counts, int i) throws SQLException {
        if (rs.next()) {
            heads[i] = rs.getLong(1);
            counts[i] = rs.getLong(2);
        } else {
            heads[i] = -1;
        }
    }

    @Override
    public Option<Contact> contact(String jobId, long seq) {
        return db.read(c -> loadContact(c, jobId, seq));
    }

    private Option<Contact> loadContact(Connection c, String jobId, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + CONTACT_COLUMNS + " from contact where job_id = ? and seq = ?")) {
            ps.setString(1, jobId);
            ps.setLong(2, seq);
            return readContacts(ps).headOption();
        }
    }

    // ---------------------------------------------------------------- job changes

    @Override
    public boolean replace(BatchJob expected, BatchJob next) {
        return db.read(c -> writeJob(c, expected, next));
    }

    private boolean writeJob(Connection c, BatchJob expected, BatchJob next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update batch_job set status = ?, scheduled_start_time = ?, "
                + "actual_start_time = ?, completed_at = ?, failure_reason = ? where id = ? and status = ?")) {
            ps.setString(1, next.status().wire());
            setTime(ps, 2, next.scheduledStartTime());
            setTime(ps, 3, next.actualStartTime());
            setTime(ps, 4, next.completedAt());
            ps.setString(5, next.failureReason().getOrNull());
            ps.setString(6, expected.id());
            ps.setString(7, expected.status().wire());
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public Option<Long> replaceAndCancelOpen(BatchJob expected, BatchJob next, Instant now, Option<String> abandonReason) {
        return db.inTransaction(c -> {
            Option<JobSnapshot> locked = loadJob(c, expected.id(), true);
            if (locked.isEmpty() || !writeJob(c, expected, next)) {
                return Option.<Long>none(); // the status changed meanwhile: nothing was written
            }
            StatusBreakdown counts = locked.get().breakdown();
            java.util.List<ContactStatus> from = new ArrayList<>(java.util.List.of(ContactStatus.PENDING, ContactStatus.QUEUED));
            if (abandonReason.isDefined()) {
                from.add(ContactStatus.DIALING);
            }
            String in = from.stream().map(s -> "'" + s.wire() + "'").collect(Collectors.joining(", "));
            String sql = "update contact set status = 'cancelled', completed_at = ?, next_retry_at = null"
                    + (abandonReason.isDefined() ? ", failure_reason = ?" : "") + " where job_id = ? and status in (" + in + ")";
            long changed;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setLong(i++, now.toEpochMilli());
                if (abandonReason.isDefined()) {
                    ps.setString(i++, abandonReason.get());
                }
                ps.setString(i, expected.id());
                changed = ps.executeUpdate();
            }
            long expectedCount = from.stream().mapToLong(counts::count).sum();
            if (changed != expectedCount) {
                throw new IllegalStateException("counters out of step for job " + expected.id() + ": " + changed + " vs " + expectedCount);
            }
            Map<ContactStatus, Long> delta = new EnumMap<>(ContactStatus.class);
            from.forEach(s -> delta.put(s, -counts.count(s)));
            delta.put(ContactStatus.CANCELLED, expectedCount);
            applyCounts(c, expected.id(), delta);
            try (PreparedStatement moveIn = c.prepareStatement("update contact_rank set n = n + (select coalesce(sum(s.n), 0) "
                    + "from contact_rank s where s.job_id = contact_rank.job_id and s.bucket = contact_rank.bucket and s.status in ("
                    + in + ")) where job_id = ? and status = 'cancelled'");
                 PreparedStatement zero = c.prepareStatement("update contact_rank set n = 0 where job_id = ? and status in (" + in + ") and n <> 0")) {
                moveIn.setString(1, expected.id());
                moveIn.executeUpdate();
                zero.setString(1, expected.id());
                zero.executeUpdate();
            }
            return Option.of(changed);
        });
    }

    // ---------------------------------------------------------------- contact changes

    @Override
    public Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>> updateContacts(Option<String> organizationId, String jobId,
            List<ContactChange> changes) {
        return db.inTransaction(c -> {
            Option<JobSnapshot> job = loadJob(c, jobId, true)
                    .filter(s -> organizationId.forAll(org -> org.equals(s.job().organizationId())));
            if (job.isEmpty()) {
                return Either.<BatchJobError, List<Either<BatchJobError, ContactUpdate>>>left(new BatchJobError.JobNotFound(jobId));
            }
            java.util.Set<Long> seqs = new java.util.TreeSet<>();
            changes.forEach(ch -> seqs.add(ch.seq()));
            Map<Long, Contact> current = loadContacts(c, jobId, seqs);
            java.util.Set<EventKey> seen = loadEvents(c, jobId, seqs);
            StatusBreakdown counts = job.get().breakdown();
            Map<Long, Contact> original = new java.util.HashMap<>(current);
            java.util.List<EventKey> newKeys = new ArrayList<>();
            java.util.List<Either<BatchJobError, ContactUpdate>> results = new ArrayList<>();
            for (ContactChange ch : changes) {
                Contact before = current.get(ch.seq());
                if (before == null) {
                    results.add(Either.left(new BatchJobError.ContactNotFound(Contact.idFor(jobId, ch.seq()))));
                    continue;
                }
                if (ch.key().isDefined() && seen.contains(ch.key().get())) {
                    results.add(Either.right(new ContactUpdate(before, before, true, counts.open())));
                    continue;
                }
                Either<BatchJobError, Contact> after = ch.change().apply(job.get().job(), before);
                if (after.isLeft()) {
                    results.add(Either.left(after.getLeft()));
                    continue;
                }
                current.put(ch.seq(), after.get());
                counts = counts.moved(before.status(), after.get().status());
                ch.key().forEach(k -> {
                    seen.add(k);
                    newKeys.add(k);
                });
                results.add(Either.right(new ContactUpdate(before, after.get(), false, counts.open())));
            }
            java.util.List<Contact> changed = new ArrayList<>();
            Map<ContactStatus, Long> delta = new EnumMap<>(ContactStatus.class);
            java.util.List<RankDelta> ranks = new ArrayList<>();
            for (Map.Entry<Long, Contact> e : current.entrySet()) {
                Contact was = original.get(e.getKey());
                Contact now = e.getValue();
                if (!now.equals(was)) {
                    changed.add(now);
                }
                if (was.status() != now.status()) {
                    delta.merge(was.status(), -1L, Long::sum);
                    delta.merge(now.status(), 1L, Long::sum);
                    ranks.add(new RankDelta(was.status(), bucketOf(was.seq()), -1));
                    ranks.add(new RankDelta(now.status(), bucketOf(now.seq()), 1));
                }
            }
            if (!changed.isEmpty()) {
                writeContacts(c, changed);
                applyCounts(c, jobId, delta);
                applyRanks(c, jobId, ranks);
            }
            if (!newKeys.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("insert into call_event (job_id, seq, attempt, type) values (?, ?, ?, ?)")) {
                    for (EventKey k : newKeys) {
                        ps.setString(1, jobId);
                        ps.setLong(2, k.seq());
                        ps.setInt(3, k.attempt());
                        ps.setString(4, k.type());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return Either.<BatchJobError, List<Either<BatchJobError, ContactUpdate>>>right(List.ofAll(results));
        });
    }

    private Map<Long, Contact> loadContacts(Connection c, String jobId, java.util.Set<Long> seqs) throws SQLException {
        Map<Long, Contact> found = new java.util.TreeMap<>();
        for (java.util.List<Long> chunk : chunks(seqs)) {
            try (PreparedStatement ps = c.prepareStatement("select " + CONTACT_COLUMNS + " from contact where job_id = ? and seq in ("
                    + chunk.stream().map(x -> "?").collect(Collectors.joining(", ")) + ")")) {
                ps.setString(1, jobId);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 2, chunk.get(i));
                }
                readContacts(ps).forEach(k -> found.put(k.seq(), k));
            }
        }
        return found;
    }

    private java.util.Set<EventKey> loadEvents(Connection c, String jobId, java.util.Set<Long> seqs) throws SQLException {
        java.util.Set<EventKey> found = new java.util.HashSet<>();
        for (java.util.List<Long> chunk : chunks(seqs)) {
            try (PreparedStatement ps = c.prepareStatement("select seq, attempt, type from call_event where job_id = ? and seq in ("
                    + chunk.stream().map(x -> "?").collect(Collectors.joining(", ")) + ")")) {
                ps.setString(1, jobId);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new EventKey(rs.getLong(1), rs.getInt(2), rs.getString(3)));
                    }
                }
            }
        }
        return found;
    }

    private static java.util.List<java.util.List<Long>> chunks(java.util.Set<Long> values) {
        java.util.List<java.util.List<Long>> out = new ArrayList<>();
        java.util.List<Long> chunk = new ArrayList<>();
        for (Long v : values) {
            chunk.add(v);
            if (chunk.size() == 500) {
                out.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            out.add(chunk);
        }
        return out;
    }

    @Override
    public List<Contact> claimDue(String jobId, int organizationCap, Instant now,
            BiFunction<BatchJob, Contact, Either<ContactRejection, Contact>> dispatch) {
        return db.inTransaction(c -> {
            Option<JobSnapshot> peek = loadJob(c, jobId, false);
            if (peek.isEmpty() || peek.get().job().status() != JobStatus.RUNNING) {
                return List.<Contact>empty();
            }
            String org = peek.get().job().organizationId();
            try (PreparedStatement ps = c.prepareStatement("select id from organization where id = ? for update")) {
                ps.setString(1, org);
                ps.executeQuery().close();
            }
            JobSnapshot snapshot = loadJob(c, jobId, true).get();
            BatchJob job = snapshot.job();
            if (job.status() != JobStatus.RUNNING) {
                return List.<Contact>empty();
            }
            long orgDialing;
            try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(n_dialing), 0) from batch_job where organization_id = ? and n_dialing > 0")) {
                ps.setString(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    orgDialing = rs.getLong(1);
                }
            }
            long slots = Math.min(job.concurrentCallLimit() - snapshot.breakdown().count(ContactStatus.DIALING), organizationCap - orgDialing);
            if (slots <= 0) {
                return List.<Contact>empty();
            }
            java.util.List<Contact> due = new ArrayList<>();
            if (snapshot.breakdown().count(ContactStatus.PENDING) > 0) {
                try (PreparedStatement ps = c.prepareStatement("select " + CONTACT_COLUMNS
                        + " from contact where job_id = ? and status = 'pending' order by seq limit ?")) {
                    ps.setString(1, jobId);
                    ps.setLong(2, slots);
                    due.addAll(readContacts(ps).toJavaList());
                }
            }
            if (snapshot.breakdown().count(ContactStatus.QUEUED) > 0) {
                try (PreparedStatement ps = c.prepareStatement("select " + CONTACT_COLUMNS
                        + " from contact where job_id = ? and status = 'queued' and next_retry_at <= ? order by seq limit ?")) {
                    ps.setString(1, jobId);
                    ps.setLong(2, now.toEpochMilli());
                    ps.setLong(3, slots);
                    due.addAll(readContacts(ps).toJavaList());
                }
            }
            due.sort(java.util.Comparator.comparingLong(Contact::seq));
            java.util.List<Contact> claimed = new ArrayList<>();
            java.util.List<RankDelta> ranks = new ArrayList<>();
            Map<ContactStatus, Long> delta = new EnumMap<>(ContactStatus.class);
            for (Contact contact : due) {
                if (claimed.size() == slots) {
                    break;
                }
                Either<ContactRejection, Contact> next = dispatch.apply(job, contact);
                if (next.isRight()) {
                    claimed.add(next.get());
                    delta.merge(contact.status(), -1L, Long::sum);
                    delta.merge(next.get().status(), 1L, Long::sum);
                    ranks.add(new RankDelta(contact.status(), bucketOf(contact.seq()), -1));
                    ranks.add(new RankDelta(next.get().status(), bucketOf(contact.seq()), 1));
                }
            }
            if (!claimed.isEmpty()) {
                writeContacts(c, claimed);
                applyCounts(c, jobId, delta);
                applyRanks(c, jobId, ranks);
            }
            return List.ofAll(claimed);
        });
    }

    @Override
    public List<JobSnapshot> activeJobs() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + JOB_COLUMNS
                    + " from batch_job where status in ('pending', 'scheduled', 'running') order by created_at, created_seq");
                 ResultSet rs = ps.executeQuery()) {
                java.util.List<JobSnapshot> jobs = new ArrayList<>();
                while (rs.next()) {
                    jobs.add(snapshot(rs));
                }
                return List.ofAll(jobs);
            }
        });
    }

    @Override
    public List<OverdueAttempt> overdueAttempts(Instant startedBefore, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select c.job_id, c.seq, c.attempt_count from batch_job j "
                    + "join contact c on c.job_id = j.id and c.status = 'dialing' "
                    + "where j.n_dialing > 0 and c.last_attempt_at < ? limit ?")) {
                ps.setLong(1, startedBefore.toEpochMilli());
                ps.setInt(2, limit);
                java.util.List<OverdueAttempt> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new OverdueAttempt(rs.getString(1), rs.getLong(2), rs.getInt(3)));
                    }
                }
                return List.ofAll(result);
            }
        });
    }

    // ---------------------------------------------------------------- mapping

    private void writeContacts(Connection c, java.util.List<Contact> contacts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update contact set status = ?, error_code = ?, attempt_count = ?, "
                + "last_attempt_at = ?, next_retry_at = ?, completed_at = ?, room_name = ?, failure_reason = ?, call_duration = ? "
                + "where job_id = ? and seq = ?")) {
            for (Contact k : contacts) {
                ps.setString(1, k.status().wire());
                ps.setString(2, k.errorCode().getOrNull());
                ps.setInt(3, k.attemptCount());
                setTime(ps, 4, k.lastAttemptAt());
                setTime(ps, 5, k.nextRetryAt());
                setTime(ps, 6, k.completedAt());
                ps.setString(7, k.roomName().getOrNull());
                ps.setString(8, k.failureReason().getOrNull());
                if (k.callDuration().isDefined()) {
                    ps.setInt(9, k.callDuration().get());
                } else {
                    ps.setNull(9, Types.INTEGER);
                }
                ps.setString(10, k.jobId());
                ps.setLong(11, k.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A change of one to the count of contacts in a status within a bucket. */
    private record RankDelta(ContactStatus status, int bucket, long delta) {
    }

    static int bucketOf(long seq) {
        return (int) (seq / BUCKET);
    }

    private static void applyRanks(Connection c, String jobId, java.util.List<RankDelta> deltas) throws SQLException {
        Map<String, Long> merged = new java.util.TreeMap<>();
        for (RankDelta d : deltas) {
            merged.merge(d.status().wire() + '\u0000' + d.bucket(), d.delta(), Long::sum);
        }
        try (PreparedStatement ps = c.prepareStatement("update contact_rank set n = n + ? where job_id = ? and status = ? and bucket = ?")) {
            boolean any = false;
            for (Map.Entry<String, Long> e : merged.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                String[] key = e.getKey().split("\u0000");
                ps.setLong(1, e.getValue());
                ps.setString(2, jobId);
                ps.setString(3, key[0]);
                ps.setInt(4, Integer.parseInt(key[1]));
                ps.addBatch();
                any = true;
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    private static void applyCounts(Connection c, String jobId, Map<ContactStatus, Long> delta) throws SQLException {
        java.util.List<Map.Entry<ContactStatus, Long>> changes = delta.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (changes.isEmpty()) {
            return;
        }
        String set = changes.stream().map(e -> countColumn(e.getKey()) + " = " + countColumn(e.getKey()) + " + ?")
                .collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("update batch_job set " + set + " where id = ?")) {
            int i = 1;
            for (Map.Entry<ContactStatus, Long> e : changes) {
                ps.setLong(i++, e.getValue());
            }
            ps.setString(i, jobId);
            ps.executeUpdate();
        }
    }

    private static JobSnapshot snapshot(ResultSet rs) throws SQLException {
        List<ContactStatus> retryable = List.of(rs.getString("retryable_statuses").split(","))
                .filter(s -> !s.isEmpty()).map(s -> ContactStatus.fromWire(s).get());
        RetryPolicy policy = new RetryPolicy(rs.getInt("max_attempts"), io.vavr.collection.LinkedHashSet.ofAll(retryable),
                rs.getLong("retry_delay_seconds"));
        BatchJob job = new BatchJob(rs.getString("id"), rs.getString("organization_id"), rs.getString("name"),
                Option.of(rs.getString("description")), Option.of(rs.getString("agent_id")), rs.getString("from_phone_number_id"),
                rs.getInt("concurrent_call_limit"), policy, JobStatus.fromWire(rs.getString("status")).get(),
                time(rs, "scheduled_start_time"), time(rs, "actual_start_time"), time(rs, "completed_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Option.of(rs.getString("failure_reason")));
        Map<ContactStatus, Long> counts = new EnumMap<>(ContactStatus.class);
        for (ContactStatus s : STATUSES) {
            counts.put(s, rs.getLong(countColumn(s)));
        }
        return new JobSnapshot(job, StatusBreakdown.of(counts));
    }

    private static List<Contact> readContacts(PreparedStatement ps) throws SQLException {
        java.util.List<Contact> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String jobId = rs.getString("job_id");
                long seq = rs.getLong("seq");
                int duration = rs.getInt("call_duration");
                Option<Integer> callDuration = rs.wasNull() ? Option.none() : Option.of(duration);
                result.add(new Contact(Contact.idFor(jobId, seq), jobId, seq, rs.getString("phone_number"),
                        fromJson(rs.getString("contact_data")), ContactStatus.fromWire(rs.getString("status")).get(),
                        Option.of(rs.getString("error_code")), rs.getInt("attempt_count"), rs.getInt("max_attempts"),
                        time(rs, "last_attempt_at"), time(rs, "next_retry_at"), time(rs, "completed_at"),
                        Option.of(rs.getString("room_name")), Option.of(rs.getString("failure_reason")), callDuration));
            }
        }
        return List.ofAll(result);
    }

    private static Option<Instant> time(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Option.none() : Option.of(Instant.ofEpochMilli(v));
    }

    private static void setTime(PreparedStatement ps, int i, Option<Instant> t) throws SQLException {
        if (t.isDefined()) {
            ps.setLong(i, t.get().toEpochMilli());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }

    private static String toJson(Map<String, Object> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("contact data is not serializable", e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contact data is not JSON", e);
        }
    }
}
