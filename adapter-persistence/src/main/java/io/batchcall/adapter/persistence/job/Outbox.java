package io.batchcall.adapter.persistence.job;

import io.batchcall.adapter.persistence.StoredJson;
import io.batchcall.adapter.persistence.webhook.EndpointRows;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.webhook.PendingEvent;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEvents;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.job.BatchJob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook outbox, written in the caller's transaction (the one that writes the change): a delivery
 * row (carrying the event) per event and endpoint of the organization that wants it, and the count of
 * waiting deliveries on the (endpoint, job) stream. Nothing is written when no endpoint wants the event.
 * Delivery ids grow in commit order per job (every change of a job holds its row lock), which is the
 * order a stream is delivered in.
 */
public final class Outbox {

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
        List<WebhookEndpoint> endpoints = EndpointRows.ofOrganization(c, after.organizationId()).toJavaList();
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
        List<WebhookEndpoint> endpoints = EndpointRows.ofOrganization(c, organizationId).toJavaList();
        if (!endpoints.isEmpty()) {
            record(c, endpoints, events, now);
        }
    }

    private static void record(Connection c, List<WebhookEndpoint> endpoints, List<PendingEvent> events, Instant now)
            throws SQLException {
        Map<List<String>, Long> streams = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        for (PendingEvent p : events) {
            String id = null;
            String data = null;
            for (WebhookEndpoint e : endpoints) {
                if (!e.wants(p.type())) {
                    continue;
                }
                if (id == null) {
                    id = eventId();
                    data = StoredJson.toJson(p.data());
                }
                rows.add(new Object[] {e.id(), p.jobId(), id, p.type().wire(), p.organizationId(), data, now.toEpochMilli(), now.toEpochMilli()});
                streams.merge(List.of(e.id(), p.jobId()), 1L, Long::sum);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        insertDeliveries(c, rows);
        for (Map.Entry<List<String>, Long> stream : streams.entrySet()) {
            EndpointRows.addToStream(c, stream.getKey().get(0), stream.getKey().get(1), stream.getValue(), now, false);
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

}
