package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.Sql;
import io.batchcall.adapter.persistence.StoredJson;
import io.batchcall.adapter.persistence.SqlDialect;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.caller.CallerPool;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.StatusBreakdown;
import io.batchcall.domain.window.CallingWindow;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
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
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code batch_job} table: job rows with their per-status counters, and organization rows. */
public final class JobRows {

    private static final ContactStatus[] STATUSES = ContactStatus.values();
    static final String COUNT_COLUMNS = Arrays.stream(STATUSES).map(JobRows::countColumn).collect(Collectors.joining(", "));
    static final String COLUMNS = "id, organization_id, name, description, agent_id, from_phone_number_id, status, "
            + "concurrent_call_limit, max_attempts, retryable_statuses, retry_delay_seconds, scheduled_start_time, "
            + "actual_start_time, completed_at, created_at, failure_reason, window_start, window_end, window_days, window_blackouts, "
            + "attempts_ended, attempt_ms, retryable_outcomes, dialing_since_sum, latest_due_ms, parent_batch_job_id, machine_answer_outcome, version, "
            + "caller_pool, caller_selection, sticky_caller_id, dial_window, dials_in_window, dials_prev_window, "
            + "final_dispositions, opt_out_dispositions, max_callbacks, voicemail_message, end_at, require_consent, " + COUNT_COLUMNS;

    private JobRows() {
    }

    /** The sum of the open statuses' counters (pending, queued, dialing): {@code StatusBreakdown.open()} of the row. */
    private static final String OPEN_SUM = Arrays.stream(STATUSES).filter(ContactStatus::isOpen).map(JobRows::countColumn)
            .collect(Collectors.joining(" + "));

    static String countColumn(ContactStatus s) {
        return "n_" + s.wire();
    }

    static void ensureOrganization(Connection c, String org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into organization (id) values (?) on conflict do nothing")) {
            ps.setString(1, org);
            ps.executeUpdate();
        }
    }

    /** Locks the organization row until the transaction ends (PostgreSQL; SQLite's writer is already alone). */
    static void lockOrganization(Connection c, SqlDialect dialect, String org) throws SQLException {
        if (!dialect.locksRows()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("select id from organization where id = ?" + dialect.forUpdate())) {
            ps.setString(1, org);
            ps.executeQuery().close();
        }
    }

    /** Inserts the job row with its contact counters (all contacts pending). */
    static void insert(Connection c, BatchJob job, long contacts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into batch_job (id, organization_id, name, description, agent_id, "
                + "from_phone_number_id, status, concurrent_call_limit, max_attempts, retryable_statuses, retry_delay_seconds, "
                + "scheduled_start_time, actual_start_time, completed_at, created_at, failure_reason, total_contacts, n_pending, "
                + "window_start, window_end, window_days, window_blackouts, parent_batch_job_id, machine_answer_outcome, "
                + "caller_pool, caller_selection, sticky_caller_id, final_dispositions, opt_out_dispositions, max_callbacks, "
                + "voicemail_message, end_at, require_consent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            Sql.setTime(ps, 12, job.scheduledStartTime());
            Sql.setTime(ps, 13, job.actualStartTime());
            Sql.setTime(ps, 14, job.completedAt());
            ps.setLong(15, job.createdAt().toEpochMilli());
            ps.setString(16, job.failureReason().getOrNull());
            ps.setLong(17, contacts);
            ps.setLong(18, contacts);
            Option<CallingWindow> w = job.callingWindow();
            ps.setString(19, w.map(CallingWindow::startText).getOrNull());
            ps.setString(20, w.map(CallingWindow::endText).getOrNull());
            ps.setString(21, w.map(x -> x.dayNames().mkString(",")).getOrNull());
            ps.setString(22, w.map(x -> x.blackoutDateTexts().mkString(",")).getOrNull());
            ps.setString(23, job.parentBatchJobId().getOrNull());
            ps.setString(24, job.machineAnswerOutcome().map(ContactStatus::wire).getOrNull());
            CallerPool pool = job.callers();
            boolean single = pool.equals(CallerPool.single(job.fromPhoneNumberId()));
            ps.setString(25, single ? null : StoredJson.toJson(java.util.Map.of("ids", pool.ids().toJavaList())));
            ps.setString(26, single ? null : pool.selection().wire());
            if (single) {
                ps.setNull(27, java.sql.Types.INTEGER);
            } else {
                ps.setInt(27, pool.sticky() ? 1 : 0);
            }
            io.batchcall.domain.job.OutcomeRules rules = job.outcomeRules();
            ps.setString(28, rules.finalDispositions().isEmpty() ? null : io.batchcall.domain.job.OutcomeRules.joined(rules.finalDispositions()));
            ps.setString(29, rules.optOutDispositions().isEmpty() ? null : io.batchcall.domain.job.OutcomeRules.joined(rules.optOutDispositions()));
            ps.setInt(30, rules.maxCallbacks());
            ps.setString(31, rules.voicemail().message().getOrNull());
            Sql.setTime(ps, 32, job.endAt());
            ps.setInt(33, job.requireConsent() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    static Option<JobSnapshot> load(Connection c, String jobId, String lockSuffix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from batch_job where id = ?" + lockSuffix)) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Option.of(snapshot(rs)) : Option.none();
            }
        }
    }

    static Tuple2<List<JobSnapshot>, Long> list(Connection c, String organizationId, Option<JobStatus> status, PageRequest page)
            throws SQLException {
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
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + where
                    + " order by created_at desc, created_seq desc limit ? offset ?")) {
                int i = 1;
                ps.setString(i++, organizationId);
                if (status.isDefined()) {
                    ps.setString(i++, status.get().wire());
                }
                ps.setInt(i++, page.pageSize());
                ps.setLong(i, page.offset());
                jobs.addAll(readAll(ps));
            }
        }
        return Tuple.of(List.ofAll(jobs), total);
    }

    /** Pending and running jobs, and scheduled ones due by {@code now}: each part an index range (batch_job_status_start). */
    static List<JobSnapshot> active(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from batch_job where status = 'pending' "
                + "union all select " + COLUMNS + " from batch_job where status = 'running' "
                + "union all select " + COLUMNS + " from batch_job where status = 'scheduled' and scheduled_start_time <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            java.util.List<JobSnapshot> jobs = readAll(ps);
            jobs.sort(java.util.Comparator.comparing((JobSnapshot s) -> s.job().createdAt()));
            return List.ofAll(jobs);
        }
    }

    /** Contacts dialing across all jobs of the organization (from the job counters). */
    static long organizationDialing(Connection c, String org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(n_dialing), 0) from batch_job where organization_id = ? and n_dialing > 0")) {
            ps.setString(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Writes {@code next} if the row still has {@code expected}'s status and scheduled start time (the
     * two things a concurrent action changes: a reschedule keeps the status but moves the time).
     */
    static boolean replace(Connection c, BatchJob expected, BatchJob next) throws SQLException {
        String sameTime = expected.scheduledStartTime().isDefined() ? "scheduled_start_time = ?" : "scheduled_start_time is null";
        try (PreparedStatement ps = c.prepareStatement("update batch_job set status = ?, scheduled_start_time = ?, "
                + "actual_start_time = ?, completed_at = ?, failure_reason = ?, version = version + 1 where id = ? and status = ? and " + sameTime)) {
            ps.setString(1, next.status().wire());
            Sql.setTime(ps, 2, next.scheduledStartTime());
            Sql.setTime(ps, 3, next.actualStartTime());
            Sql.setTime(ps, 4, next.completedAt());
            ps.setString(5, next.failureReason().getOrNull());
            ps.setString(6, expected.id());
            ps.setString(7, expected.status().wire());
            if (expected.scheduledStartTime().isDefined()) {
                ps.setLong(8, expected.scheduledStartTime().get().toEpochMilli());
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the job row if its status is still {@code status}. */
    static boolean delete(Connection c, String jobId, JobStatus status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from batch_job where id = ? and status = ?")) {
            ps.setString(1, jobId);
            ps.setString(2, status.wire());
            return ps.executeUpdate() == 1;
        }
    }

    static void applyCounts(Connection c, String jobId, Map<ContactStatus, Long> delta) throws SQLException {
        applyCounts(c, jobId, delta, JobSnapshot.AttemptStats.NONE, Option.none());
    }

    /**
     * Adds the per-status deltas and the attempt statistics' deltas to the job row and moves its version, in one
     * statement: every write to a job's contacts calls it (a change that moves no count still moves the version).
     * With {@code status} given, only if the job still has that status.
     *
     * @return the job's open contacts once written (the row is this transaction's from then on: exact), or none when the
     *         row was not written
     */
    static Option<Long> applyCounts(Connection c, String jobId, Map<ContactStatus, Long> delta, JobSnapshot.AttemptStats stats,
                               Option<JobStatus> status) throws SQLException {
        return applyCounts(c, jobId, delta, stats, status, Option.none());
    }

    /** {@link #applyCounts(Connection, String, Map, JobSnapshot.AttemptStats, Option)}, writing the job's dial window too. */
    static Option<Long> applyCounts(Connection c, String jobId, Map<ContactStatus, Long> delta, JobSnapshot.AttemptStats stats,
                               Option<JobStatus> status, Option<io.batchcall.domain.caller.DialWindow> dials) throws SQLException {
        java.util.List<Map.Entry<ContactStatus, Long>> changes = delta.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        boolean withStats = !stats.equals(JobSnapshot.AttemptStats.NONE);
        java.util.List<String> sets = new java.util.ArrayList<>(changes.stream().map(e -> countColumn(e.getKey()) + " = " + countColumn(e.getKey()) + " + ?").toList());
        sets.add("version = version + 1");
        if (withStats) {
            sets.add("attempts_ended = attempts_ended + ?");
            sets.add("attempt_ms = attempt_ms + ?");
            sets.add("retryable_outcomes = retryable_outcomes + ?");
            sets.add("dialing_since_sum = dialing_since_sum + ?");
            sets.add("latest_due_ms = case when latest_due_ms < ? then ? else latest_due_ms end");
        }
        if (dials.isDefined()) {
            sets.add("dial_window = ?");
            sets.add("dials_in_window = ?");
            sets.add("dials_prev_window = ?");
        }
        try (PreparedStatement ps = c.prepareStatement("update batch_job set " + String.join(", ", sets) + " where id = ?"
                + (status.isDefined() ? " and status = ?" : "") + " returning " + OPEN_SUM)) {
            int i = 1;
            for (Map.Entry<ContactStatus, Long> e : changes) {
                ps.setLong(i++, e.getValue());
            }
            if (withStats) {
                ps.setLong(i++, stats.attemptsEnded());
                ps.setLong(i++, stats.attemptMillis());
                ps.setLong(i++, stats.retryableOutcomes());
                ps.setLong(i++, stats.dialingSinceSum());
                ps.setLong(i++, stats.latestDueMillis());
                ps.setLong(i++, stats.latestDueMillis());
            }
            if (dials.isDefined()) {
                ps.setLong(i++, dials.get().bucket());
                ps.setLong(i++, dials.get().current());
                ps.setLong(i++, dials.get().previous());
            }
            ps.setString(i++, jobId);
            if (status.isDefined()) {
                ps.setString(i, status.get().wire());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Option.of(rs.getLong(1)) : Option.none();
            }
        }
    }

    private static java.util.List<JobSnapshot> readAll(PreparedStatement ps) throws SQLException {
        java.util.List<JobSnapshot> jobs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                jobs.add(snapshot(rs));
            }
        }
        return jobs;
    }

    @SuppressWarnings("unchecked")
    private static CallerPool callers(ResultSet rs) throws SQLException {
        String pool = rs.getString("caller_pool");
        if (pool == null) {
            return CallerPool.single(rs.getString("from_phone_number_id"));
        }
        java.util.List<String> ids = (java.util.List<String>) StoredJson.fromJson(pool).get("ids");
        return new CallerPool(List.ofAll(ids), io.batchcall.domain.caller.CallerSelection.fromWire(rs.getString("caller_selection"))
                .getOrElse(io.batchcall.domain.caller.CallerSelection.LOCAL), rs.getInt("sticky_caller_id") != 0);
    }

    private static JobSnapshot snapshot(ResultSet rs) throws SQLException {
        List<ContactStatus> retryable = List.of(rs.getString("retryable_statuses").split(","))
                .filter(s -> !s.isEmpty()).map(s -> ContactStatus.fromWire(s).get());
        RetryPolicy policy = new RetryPolicy(rs.getInt("max_attempts"), io.vavr.collection.LinkedHashSet.ofAll(retryable),
                rs.getLong("retry_delay_seconds"));
        BatchJob job = new BatchJob(rs.getString("id"), rs.getString("organization_id"), rs.getString("name"),
                Option.of(rs.getString("description")), Option.of(rs.getString("agent_id")), rs.getString("from_phone_number_id"),
                rs.getInt("concurrent_call_limit"), policy, JobStatus.fromWire(rs.getString("status")).get(),
                Sql.time(rs, "scheduled_start_time"), Sql.time(rs, "actual_start_time"), Sql.time(rs, "completed_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Option.of(rs.getString("failure_reason")), window(rs),
                Option.of(rs.getString("parent_batch_job_id")),
                Option.of(rs.getString("machine_answer_outcome")).flatMap(ContactStatus::fromWire)).withCallers(callers(rs))
                .withOutcomeRules(rules(rs)).withEndAt(Sql.time(rs, "end_at")).withRequireConsent(rs.getInt("require_consent") != 0);
        Map<ContactStatus, Long> counts = new EnumMap<>(ContactStatus.class);
        for (ContactStatus s : STATUSES) {
            counts.put(s, rs.getLong(countColumn(s)));
        }
        return new JobSnapshot(job, StatusBreakdown.of(counts), new JobSnapshot.AttemptStats(rs.getLong("attempts_ended"),
                rs.getLong("attempt_ms"), rs.getLong("retryable_outcomes"), rs.getLong("dialing_since_sum"), rs.getLong("latest_due_ms")),
                java.util.OptionalLong.of(rs.getLong("version")), dials(rs));
    }

    private static io.batchcall.domain.job.OutcomeRules rules(ResultSet rs) throws SQLException {
        int max = rs.getInt("max_callbacks");
        boolean defaultMax = rs.wasNull();
        String message = rs.getString("voicemail_message");
        io.batchcall.domain.job.Voicemail voicemail = new io.batchcall.domain.job.Voicemail(message != null, Option.of(message),
                "completed".equals(rs.getString("machine_answer_outcome")));
        return new io.batchcall.domain.job.OutcomeRules(io.batchcall.domain.job.OutcomeRules.split(rs.getString("final_dispositions")),
                io.batchcall.domain.job.OutcomeRules.split(rs.getString("opt_out_dispositions")),
                defaultMax ? io.batchcall.domain.job.OutcomeRules.DEFAULT_MAX_CALLBACKS : max, voicemail);
    }

    private static io.batchcall.domain.caller.DialWindow dials(ResultSet rs) throws SQLException {
        long bucket = rs.getLong("dial_window");
        return rs.wasNull() ? io.batchcall.domain.caller.DialWindow.NONE
                : new io.batchcall.domain.caller.DialWindow(bucket, rs.getLong("dials_in_window"), rs.getLong("dials_prev_window"));
    }


    private static Option<CallingWindow> window(ResultSet rs) throws SQLException {
        String start = rs.getString("window_start");
        if (start == null) {
            return Option.none();
        }
        String blackouts = rs.getString("window_blackouts");
        return CallingWindow.of(start, rs.getString("window_end"), java.util.List.of(rs.getString("window_days").split(",")),
                blackouts == null || blackouts.isEmpty() ? null : java.util.List.of(blackouts.split(","))).toOption();
    }
}
