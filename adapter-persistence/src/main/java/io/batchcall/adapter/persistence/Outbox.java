package io.batchcall.adapter.persistence;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.webhook.PendingEvent;
import io.batchcall.application.webhook.WebhookEventType;
import io.batchcall.application.webhook.WebhookEvents;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.job.BatchJob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook outbox, written in the caller's transaction (the one that writes the change): a delivery
 * row (carrying the event) per event and endpoint of the organization that wants it, and the count of
 * waiting deliveries on the (endpoint, job) stream. Nothing is written when no endpoint wants the event.
 * Delivery ids grow in commit order per job (every change of a job holds its row lock), which is the
 * order a stream is delivered in.
 */
final class Outbox {

    private Outbox() {
    }

    /** Events for changed contacts of one job. */
    static void contactsChanged(Connection c, BatchJob job, Map<Long, Contact> before, List<Contact> changed, Instant now) throws SQLException {
        List<PendingEvent> events = new ArrayList<>();
        for (Contact after : changed) {
            events.addAll(WebhookEvents.ofContact(job, before.get(after.seq()), after));
        }
        record(c, job.organizationId(), events, now);
    }

    /** The event for a job whose status changed from {@code before}; its figures are read in the transaction. */
    static void jobChanged(Connection c, BatchJob before, BatchJob after, Instant now) throws SQLException {
        if (WebhookEvents.jobEventType(before.status(), after.status()).isEmpty()) {
            return;
        }
        Map<String, Set<WebhookEventType>> endpoints = endpoints(c, after.organizationId());
        if (endpoints.isEmpty()) {
            return;
        }
        JobSnapshot snapshot = JobRows.load(c, after.id(), "").get();
        record(c, endpoints, WebhookEvents.ofJob(before.status(), snapshot).toJavaList(), now);
    }

    static void record(Connection c, String organizationId, List<PendingEvent> events, Instant now) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        Map<String, Set<WebhookEventType>> endpoints = endpoints(c, organizationId);
        if (!endpoints.isEmpty()) {
            record(c, endpoints, events, now);
        }
    }

    private static void record(Connection c, Map<String, Set<WebhookEventType>> endpoints, List<PendingEvent> events, Instant now)
            throws SQLException {
        Map<List<String>, Long> streams = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        for (PendingEvent p : events) {
            String id = null;
            String data = null;
            for (Map.Entry<String, Set<WebhookEventType>> e : endpoints.entrySet()) {
                if (!e.getValue().contains(p.type())) {
                    continue;
                }
                if (id == null) {
                    id = eventId();
                    data = ContactRows.toJson(p.data());
                }
                rows.add(new Object[] {e.getKey(), p.jobId(), id, p.type().wire(), p.organizationId(), data, now.toEpochMilli(), now.toEpochMilli()});
                streams.merge(List.of(e.getKey(), p.jobId()), 1L, Long::sum);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        insertDeliveries(c, rows);
        try (PreparedStatement ps = c.prepareStatement(
                "insert into webhook_stream (endpoint_id, job_id, pending, next_attempt_at) values (?, ?, ?, ?) "
                        + "on conflict (endpoint_id, job_id) do update set pending = webhook_stream.pending + excluded.pending, "
                        + "next_attempt_at = coalesce(webhook_stream.next_attempt_at, excluded.next_attempt_at)")) {
            for (Map.Entry<List<String>, Long> s : streams.entrySet()) {
                ps.setString(1, s.getKey().get(0));
                ps.setString(2, s.getKey().get(1));
                ps.setLong(3, s.getValue());
                ps.setLong(4, now.toEpochMilli());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Rows per insert statement (8 values each): one round trip and one statement for many deliveries. */
    private static final int ROWS_PER_INSERT = 250;

    /** Multi-row inserts, in the order given (the ids, and so the delivery order, follow it). */
    private static void insertDeliveries(Connection c, List<Object[]> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            String values = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)"));
            try (PreparedStatement ps = c.prepareStatement("insert into webhook_delivery (endpoint_id, job_id, event_id, type, organization_id, "
                    + "data, status, attempts, next_attempt_at, created_at) values " + values)) {
                int i = 1;
                for (Object[] row : chunk) {
                    for (Object v : row) {
                        ps.setObject(i++, v);
                    }
                }
                ps.executeUpdate();
            }
        }
    }

    /** A unique event id: 128 random bits (not a secret: ThreadLocalRandom, no lock shared by the writers). */
    private static String eventId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return "evt_" + String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    /** The organization's endpoints and the events each wants. */
    static Map<String, Set<WebhookEventType>> endpoints(Connection c, String organizationId) throws SQLException {
        Map<String, Set<WebhookEventType>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, events from webhook_endpoint where organization_id = ? order by created_at, id")) {
            ps.setString(1, organizationId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), events(rs.getString(2)));
                }
            }
        }
        return out;
    }

    static Set<WebhookEventType> events(String csv) {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        for (String t : csv.split(",")) {
            WebhookEventType.fromWire(t).forEach(types::add);
        }
        return types;
    }
}
