package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;

import io.batchcall.application.port.out.ClaimLimits;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.vavr.collection.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by the previous release's migrations, with a job in it, upgrades to the current
 * schema and keeps serving that job: found, paged, claimed and dialed as before.
 */
class UpgradeTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void postgresFromTheFirstRelease() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration").target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            seed(c);
        }
        try (Database db = Database.open(url, "postgres", "postgres", 2)) {
            check(new JdbcBatchJobs(db));
        }
    }

    @Test
    void embeddedFromItsFirstSchema() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("batchcall.sqlite");
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration-sqlite").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            seed(c);
        }
        try (Database db = Database.embedded(dir)) {
            check(new JdbcBatchJobs(db));
        }
    }

    /**
     * A prioritized job stored by the release before contacts were kept in claim order (ADR 14: rows keyed by position,
     * priorities in their own column): after the upgrade its claims still take higher priority first then upload order,
     * its pages and its detail still come by position, and contacts added since go into the same order.
     */
    @Test
    void embeddedPrioritiesFromRowsKeyedByPosition() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("batchcall.sqlite");
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration-sqlite").target("12").load().migrate();
        int[] priorities = {0, 5, -3, 5, 99, 0, -99};
        try (Connection c = DriverManager.getConnection(url)) {
            try (PreparedStatement job = c.prepareStatement("insert into batch_job (id, organization_id, name, from_phone_number_id, status, "
                    + "concurrent_call_limit, max_attempts, retryable_statuses, retry_delay_seconds, actual_start_time, created_at, "
                    + "total_contacts, n_pending, prioritized) values ('bj_ranked', 'acme', 'Ranked', 'pn', 'running', 3, 3, 'no_answer,busy', 60, "
                    + "?, ?, ?, ?, 1)");
                 PreparedStatement contact = c.prepareStatement("insert into contact (job_id, seq, phone_number, contact_data, status, "
                         + "attempt_count, max_attempts, priority) values ('bj_ranked', ?, ?, '{}', 'pending', 0, 3, ?)");
                 PreparedStatement rank = c.prepareStatement("insert into contact_rank (job_id, status, bucket, n) values ('bj_ranked', 'pending', 0, ?)")) {
                job.setLong(1, T0.toEpochMilli());
                job.setLong(2, T0.toEpochMilli());
                job.setLong(3, priorities.length);
                job.setLong(4, priorities.length);
                job.executeUpdate();
                for (int i = 0; i < priorities.length; i++) {
                    contact.setInt(1, i + 1);
                    contact.setString(2, "+1415555010" + i);
                    contact.setInt(3, priorities[i]);
                    contact.executeUpdate();
                }
                rank.setLong(1, priorities.length);
                rank.executeUpdate();
            }
        }
        try (Database db = Database.embedded(dir)) {
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            JobSnapshot job = store.find("acme", "bj_ranked").get();
            List<Contact> pending = store.contacts(job, new ContactQuery(io.vavr.collection.LinkedHashSet.of(ContactStatus.PENDING), new PageRequest(1, 50)));
            assertThat(pending.map(Contact::seq)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(store.contact("bj_ranked", 5).get().phoneNumber()).isEqualTo("+14155550104");
            // three slots: 99, then the two 5s in upload order
            List<Contact> claimed = store.claimDue("bj_ranked", ClaimLimits.of(50), T0, (j, c) -> c.dispatch(T0, "room"));
            assertThat(claimed.map(Contact::seq)).containsExactly(5L, 2L, 4L);
            List<Contact> left = store.contacts(store.findById("bj_ranked").get(),
                    new ContactQuery(io.vavr.collection.LinkedHashSet.of(ContactStatus.PENDING), new PageRequest(1, 50)));
            assertThat(left.map(Contact::seq)).containsExactly(1L, 3L, 6L, 7L);
        }
    }

    /**
     * A prioritized job's call events and attempt rows stored by the release that keyed them by position (V13; ADR 14
     * since keys them by claim key first): after the upgrade each contact's timeline still lists its attempts, a repeated
     * event is still known as one, and a new one is recorded once.
     */
    @Test
    void embeddedHistoryFromRowsKeyedByPosition() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("batchcall.sqlite");
        Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration-sqlite").target("13").load().migrate();
        int[] priorities = {0, 7, -2};
        try (Connection c = DriverManager.getConnection(url)) {
            try (PreparedStatement job = c.prepareStatement("insert into batch_job (id, organization_id, name, from_phone_number_id, status, "
                    + "concurrent_call_limit, max_attempts, retryable_statuses, retry_delay_seconds, actual_start_time, created_at, "
                    + "total_contacts, n_queued, prioritized) values ('bj_told', 'acme', 'Told', 'pn', 'running', 3, 3, 'no_answer,busy', 60, "
                    + "?, ?, 3, 3, 1)");
                 PreparedStatement contact = c.prepareStatement("insert into contact (job_id, claim_key, seq, phone_number, contact_data, status, "
                         + "attempt_count, max_attempts, priority, next_retry_at, error_code) values ('bj_told', ?, ?, ?, '{}', 'queued', 1, 3, ?, ?, 'no_answer')");
                 PreparedStatement event = c.prepareStatement("insert into call_event (job_id, seq, attempt, type) values ('bj_told', ?, 1, 'ended')");
                 PreparedStatement attempt = c.prepareStatement("insert into contact_attempt (job_id, seq, attempt, started_at, ended_at, status, "
                         + "error_code) values ('bj_told', ?, 1, ?, ?, 'no_answer', 'no_answer')");
                 PreparedStatement rank = c.prepareStatement("insert into contact_rank (job_id, status, bucket, n) values ('bj_told', 'queued', 0, 3)")) {
                job.setLong(1, T0.toEpochMilli());
                job.setLong(2, T0.toEpochMilli());
                job.executeUpdate();
                for (int i = 0; i < priorities.length; i++) {
                    contact.setInt(1, -priorities[i]);
                    contact.setInt(2, i + 1);
                    contact.setString(3, "+1415555020" + i);
                    contact.setInt(4, priorities[i]);
                    contact.setLong(5, T0.plusSeconds(3600).toEpochMilli());
                    contact.executeUpdate();
                    event.setInt(1, i + 1);
                    event.executeUpdate();
                    attempt.setInt(1, i + 1);
                    attempt.setLong(2, T0.toEpochMilli() + i);
                    attempt.setLong(3, T0.toEpochMilli() + 1000 + i);
                    attempt.executeUpdate();
                }
                rank.executeUpdate();
            }
        }
        try (Database db = Database.embedded(dir)) {
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            for (int seq = 1; seq <= 3; seq++) {
                var attempts = store.conversations().attempts("bj_told", seq);
                assertThat(attempts).as("contact %d's timeline", seq).hasSize(1);
                assertThat(attempts.head().endedAt()).isEqualTo(T0.plusMillis(1000 + seq - 1));
                assertThat(attempts.head().status()).isEqualTo(ContactStatus.NO_ANSWER);
                assertThat(store.conversations().history("bj_told", seq).get().attempts()).as("contact %d's history", seq).isEqualTo(attempts);
                long s = seq;
                assertThat(io.batchcall.application.OneChange.apply(store, io.vavr.control.Option.none(), "bj_told", s,
                        io.vavr.control.Option.of(new io.batchcall.application.port.out.EventKey(s, 1, "ended")), (j, k) -> io.vavr.control.Either.right(k))
                        .get().duplicate()).as("contact %d's recorded event", seq).isTrue();
                var fresh = io.vavr.control.Option.of(new io.batchcall.application.port.out.EventKey(s, 2, "connected"));
                assertThat(io.batchcall.application.OneChange.apply(store, io.vavr.control.Option.none(), "bj_told", s, fresh,
                        (j, k) -> io.vavr.control.Either.right(k)).get().duplicate()).as("contact %d's new event", seq).isFalse();
                assertThat(io.batchcall.application.OneChange.apply(store, io.vavr.control.Option.none(), "bj_told", s, fresh,
                        (j, k) -> io.vavr.control.Either.right(k)).get().duplicate()).as("contact %d's new event, again", seq).isTrue();
            }
        }
    }

    /** A running job of 3 contacts written with the old columns only, as the old release wrote it. */
    private static void seed(Connection c) throws SQLException {
        try (PreparedStatement job = c.prepareStatement("insert into batch_job (id, organization_id, name, from_phone_number_id, status, "
                + "concurrent_call_limit, max_attempts, retryable_statuses, retry_delay_seconds, actual_start_time, created_at, "
                + "total_contacts, n_pending, n_completed) values ('bj_old', 'acme', 'Old', 'pn', 'running', 2, 3, 'no_answer,busy', 60, ?, ?, 3, 2, 1)");
             PreparedStatement contact = c.prepareStatement("insert into contact (job_id, seq, phone_number, contact_data, status, "
                     + "attempt_count, max_attempts) values ('bj_old', ?, ?, '{\"name\":\"n\"}', ?, ?, 3)");
             PreparedStatement rank = c.prepareStatement("insert into contact_rank (job_id, status, bucket, n) values ('bj_old', ?, 0, ?)")) {
            job.setLong(1, T0.toEpochMilli());
            job.setLong(2, T0.toEpochMilli());
            job.executeUpdate();
            for (int i = 1; i <= 3; i++) {
                contact.setInt(1, i);
                contact.setString(2, "+1415555000" + i);
                contact.setString(3, i == 1 ? "completed" : "pending");
                contact.setInt(4, i == 1 ? 1 : 0);
                contact.executeUpdate();
            }
            for (ContactStatus s : ContactStatus.values()) {
                rank.setString(1, s.wire());
                rank.setLong(2, s == ContactStatus.PENDING ? 2 : s == ContactStatus.COMPLETED ? 1 : 0);
                rank.executeUpdate();
            }
        }
    }

    private static void check(JdbcBatchJobs store) {
        JobSnapshot job = store.find("acme", "bj_old").get();
        assertThat(job.job().callingWindow()).isEmpty();
        assertThat(job.breakdown().count(ContactStatus.PENDING)).isEqualTo(2);
        List<Contact> pending = store.contacts(job, new ContactQuery(io.vavr.collection.LinkedHashSet.of(ContactStatus.PENDING), new PageRequest(1, 50)));
        assertThat(pending.map(Contact::seq)).containsExactly(2L, 3L);
        assertThat(pending.head().timezone()).isEmpty();
        List<Contact> claimed = store.claimDue("bj_old", ClaimLimits.of(50), T0, (j, c) -> c.dispatch(T0, "room"));
        assertThat(claimed.map(Contact::seq)).containsExactly(2L, 3L);
        assertThat(store.findById("bj_old").get().breakdown().count(ContactStatus.DIALING)).isEqualTo(2);
    }
}
