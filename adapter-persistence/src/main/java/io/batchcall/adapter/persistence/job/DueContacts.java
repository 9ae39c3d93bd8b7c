package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.SqlDialect;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.collection.List;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The claim's candidates: a running job's due contacts in claim order — higher priority first, then upload order
 * (CONTRACT §16) — by status, or by status and zone group while some group is closed. On SQLite every job's status and
 * zone indexes are in that order, {@code (claim_key, seq)} (ADR 14); on PostgreSQL a prioritized job reads its partial
 * priority indexes.
 */
final class DueContacts {

    private DueContacts() {
    }

    /**
     * Due contacts in one status, in claim order: pending ones, or queued ones whose retry time has come; of a
     * prioritized job (CONTRACT §16) higher priority first.
     */
    static List<Contact> due(Connection c, SqlDialect sql, String jobId, ContactStatus status, boolean prioritized, Instant now, long limit)
            throws SQLException {
        boolean queued = status == ContactStatus.QUEUED;
        // SQLite keeps every job's status index in claim order, (claim_key, seq) with claim_key = -priority (0 on every
        // row of a job without priorities): one index range read, prioritized or not. PostgreSQL reads a prioritized
        // job's partial priority index, which holds waiting contacts only: the status a literal there, so a plan uses it
        boolean priorityIndex = prioritized && !sql.isSqlite();
        String order = sql.isSqlite() ? "claim_key, seq" : priorityIndex ? "priority desc, seq" : "seq";
        String byStatus = priorityIndex ? " and status = '" + status.wire() + "' and priority is not null" : " and status = ?";
        try (PreparedStatement ps = c.prepareStatement("select " + ContactRows.COLUMNS + " from contact" + (priorityIndex ? "" : sql.byStatus())
                + " where job_id = ?" + byStatus + (queued ? " and next_retry_at <= ?" : "") + " order by " + order + " limit ?")) {
            int i = 1;
            ps.setString(i++, jobId);
            if (!priorityIndex) {
                ps.setString(i++, status.wire());
            }
            if (queued) {
                ps.setLong(i++, now.toEpochMilli());
            }
            ps.setLong(i, limit);
            return ContactRows.read(ps);
        }
    }

    /**
     * Due contacts of the given statuses in the given zone groups, in claim order, at most {@code limit}:
     * one statement, each (status, zone) part an index range read to its own limit
     * (index contact_job_status_zone_seq), merged in that order.
     */
    static List<Contact> dueInZones(Connection c, SqlDialect dialect, String jobId, java.util.List<ContactStatus> statuses,
                                    java.util.List<String> zones, boolean prioritized, Instant now, long limit) throws SQLException {
        if (statuses.isEmpty() || zones.isEmpty()) {
            return List.empty();
        }
        // each zone group's first positions from the (job, status, zone, seq) index alone, merged by position;
        // only the winners' rows are then read (by key): a claim reads as many rows as it takes, not one per zone
        // PostgreSQL, a prioritized job (CONTRACT §16): each part in (priority desc, seq) order from the zone-and-priority index
        // on SQLite every job's zone index is in claim order, (claim_key, seq) with claim_key = -priority (ADR 14)
        boolean keyed = dialect.isSqlite();
        String order = keyed ? "claim_key, seq" : prioritized ? "priority desc, seq" : "seq";
        String from = keyed ? " from contact indexed by contact_job_status_zone_seq" : " from contact";
        // SQLite: the winners by their key (job_id, claim_key, seq) (ADR 14)
        StringBuilder sql = new StringBuilder("select " + ContactRows.COLUMNS + " from contact where job_id = ? and "
                + (keyed ? "(claim_key, seq) in (select claim_key, seq from (" : "seq in (select seq from ("));
        int part = 0;
        for (ContactStatus status : statuses) {
            for (int z = 0; z < zones.size(); z++) {
                // the status a literal: PostgreSQL's zone index holds waiting contacts only, and a plan uses it
                // only for a status it can see is one of those
                sql.append(part == 0 ? "" : " union all ").append("select * from (select seq").append(keyed ? ", claim_key" : prioritized ? ", priority" : "")
                        .append(from).append(" where job_id = ? and status = '").append(status.wire()).append("' and timezone = ?")
                        .append(prioritized && !keyed ? " and priority is not null" : "")
                        .append(status == ContactStatus.QUEUED ? " and next_retry_at <= ?" : "")
                        .append(" order by ").append(order).append(" limit ").append(limit).append(") p").append(part++); // a literal: the plan knows the limit
            }
        }
        sql.append(") due order by ").append(order).append(" limit ").append(limit).append(")");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, jobId);
            for (ContactStatus status : statuses) {
                for (String zone : zones) {
                    ps.setString(i++, jobId);
                    ps.setString(i++, zone);
                    if (status == ContactStatus.QUEUED) {
                        ps.setLong(i++, now.toEpochMilli());
                    }
                }
            }
            return ContactRows.read(ps);
        }
    }
}
