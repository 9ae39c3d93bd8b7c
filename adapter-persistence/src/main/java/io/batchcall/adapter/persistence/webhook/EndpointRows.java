package io.batchcall.adapter.persistence.webhook;

import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEventType;
import io.vavr.collection.List;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;

/** Rows of {@code webhook_endpoint} read as endpoints: for the webhook store and for the outbox that fans events out to them. */
public final class EndpointRows {

    private EndpointRows() {
    }

    /** An organization's endpoints, oldest first. */
    public static List<WebhookEndpoint> ofOrganization(Connection c, String organizationId) throws SQLException {
        return where(c, "organization_id = ?", organizationId);
    }

    /** The endpoints whose {@code column = ?} clause ({@code where}) holds {@code value}, oldest first. */
    static List<WebhookEndpoint> where(Connection c, String where, String value) throws SQLException {
        java.util.List<WebhookEndpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, organization_id, url, events, secret, created_at from webhook_endpoint where "
                + where + " order by created_at, id")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WebhookEndpoint(rs.getString(1), rs.getString(2), rs.getString(3), events(rs.getString(4)),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
        }
        return List.ofAll(out);
    }

    /** The events an endpoint wants, from their stored comma-separated wire names. */
    private static java.util.Set<WebhookEventType> events(String csv) {
        java.util.Set<WebhookEventType> types = java.util.EnumSet.noneOf(WebhookEventType.class);
        for (String t : csv.split(",")) {
            WebhookEventType.fromWire(t).forEach(types::add);
        }
        return types;
    }

    /**
     * Adds {@code count} waiting deliveries to the (endpoint, job) stream, creating it if need be. Its next
     * try stays when it has one (a stream waiting out a failure keeps waiting, its order kept), unless
     * {@code dueNow} (a replay): then it is due at {@code now}. A row-locked upsert: the count is never
     * decided on a stale read (ADR 6).
     */
    public static void addToStream(Connection c, String endpointId, String jobId, long count, Instant now, boolean dueNow) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into webhook_stream (endpoint_id, job_id, pending, next_attempt_at) "
                + "values (?, ?, ?, ?) on conflict (endpoint_id, job_id) do update set pending = webhook_stream.pending + excluded.pending, "
                + "next_attempt_at = " + (dueNow ? "excluded.next_attempt_at" : "coalesce(webhook_stream.next_attempt_at, excluded.next_attempt_at)"))) {
            ps.setString(1, endpointId);
            ps.setString(2, jobId);
            ps.setLong(3, count);
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
        }
    }
}
