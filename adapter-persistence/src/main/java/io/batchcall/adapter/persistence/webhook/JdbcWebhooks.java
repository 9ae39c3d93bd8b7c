package io.batchcall.adapter.persistence.webhook;

import io.batchcall.adapter.persistence.StoredJson;
import io.batchcall.adapter.persistence.Sql;
import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.SqlDialect;

import io.batchcall.application.port.out.Webhooks;
import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.DeliveryStatus;
import io.batchcall.application.webhook.DueStream;
import io.batchcall.application.webhook.Settlement;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEvent;
import io.batchcall.application.webhook.WebhookEventType;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.stream.Collectors;

/**
 * {@link Webhooks} on the database the {@code JdbcBatchJobs} outbox writes to. Streams are claimed with
 * {@code for update skip locked} on PostgreSQL (instances never wait for, or take, each other's
 * streams) and leased: a stream is one deliverer's until its lease ends or it is settled.
 */
public final class JdbcWebhooks implements Webhooks {

    private static final String DELIVERY_COLUMNS = "id, endpoint_id, event_id, type, job_id, status, attempts, last_code, last_error, "
            + "next_attempt_at, created_at, delivered_at";

    private final Database db;
    private final SqlDialect sql;

    public JdbcWebhooks(Database db) {
        this.db = db;
        this.sql = db.sql();
    }

    @Override
    public void addEndpoint(WebhookEndpoint e) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into webhook_endpoint (id, organization_id, url, events, secret, created_at) values (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, e.id());
                ps.setString(2, e.organizationId());
                ps.setString(3, e.url());
                ps.setString(4, e.events().stream().sorted().map(WebhookEventType::wire).collect(Collectors.joining(",")));
                ps.setString(5, e.secret());
                ps.setLong(6, e.createdAt().toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<WebhookEndpoint> endpoints(String organizationId) {
        return db.read(c -> EndpointRows.where(c, "organization_id = ?", organizationId));
    }

    @Override
    public Option<WebhookEndpoint> endpoint(String organizationId, String endpointId) {
        return db.read(c -> EndpointRows.where(c, "id = ?", endpointId)).find(e -> e.organizationId().equals(organizationId));
    }

    /** The organization's endpoints, oldest first, in the caller's transaction (the outbox reads them with each change). */
    @Override
    public boolean removeEndpoint(String organizationId, String endpointId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from webhook_endpoint where id = ? and organization_id = ?")) {
                ps.setString(1, endpointId);
                ps.setString(2, organizationId);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            for (String table : java.util.List.of("webhook_stream", "webhook_delivery")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where endpoint_id = ?")) {
                    ps.setString(1, endpointId);
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    @Override
    public List<Delivery> deliveries(String endpointId, Option<Long> beforeId, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + DELIVERY_COLUMNS + " from webhook_delivery where endpoint_id = ? and id < ? "
                    + "order by id desc limit ?")) {
                ps.setString(1, endpointId);
                ps.setLong(2, beforeId.getOrElse(Long.MAX_VALUE));
                ps.setInt(3, limit);
                return readDeliveries(ps);
            }
        });
    }

    @Override
    public Option<Delivery> delivery(String endpointId, long deliveryId) {
        return db.read(c -> delivery(c, endpointId, deliveryId, ""));
    }

    private static Option<Delivery> delivery(Connection c, String endpointId, long deliveryId, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + DELIVERY_COLUMNS + " from webhook_delivery where endpoint_id = ? and id = ?" + lock)) {
            ps.setString(1, endpointId);
            ps.setLong(2, deliveryId);
            return readDeliveries(ps).headOption();
        }
    }

    @Override
    public Option<Delivery> replay(String endpointId, long deliveryId, Instant now) {
        return db.inTransaction(c -> {
            Option<Delivery> found = delivery(c, endpointId, deliveryId, sql.forUpdate());
            if (found.isEmpty()) {
                return Option.<Delivery>none();
            }
            Delivery d = found.get();
            try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set status = 'pending', attempts = 0, next_attempt_at = ?, "
                    + "delivered_at = null where endpoint_id = ? and id = ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, endpointId);
                ps.setLong(3, deliveryId);
                ps.executeUpdate();
            }
            EndpointRows.addToStream(c, endpointId, d.jobId(), d.status() == DeliveryStatus.PENDING ? 0 : 1, now, true);
            return delivery(c, endpointId, deliveryId, "");
        });
    }

    @Override
    public List<DueStream> claim(Instant now, Instant leaseUntil, int streams, int perStream) {
        java.util.List<String[]> leased = lease(now, leaseUntil, streams);
        if (leased.isEmpty()) {
            return List.empty();
        }
        // the streams are ours until the lease ends: their deliveries are read without holding the writer
        return db.read(c -> {
            java.util.List<DueStream> out = new ArrayList<>();
            for (String[] key : leased) {
                Option<WebhookEndpoint> endpoint = EndpointRows.where(c, "id = ?", key[0]).headOption();
                if (endpoint.isDefined()) {
                    out.add(new DueStream(endpoint.get(), key[1], waiting(c, endpoint.get(), key[1], perStream)));
                }
            }
            return List.ofAll(out);
        });
    }

    /** Leases up to {@code streams} due streams, in one short write transaction. */
    private java.util.List<String[]> lease(Instant now, Instant leaseUntil, int streams) {
        return db.inTransaction(c -> {
            java.util.List<String[]> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select endpoint_id, job_id from webhook_stream where next_attempt_at <= ? "
                    + "and (lease_until is null or lease_until <= ?) order by next_attempt_at limit ?" + sql.skipLocked())) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setInt(3, streams);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update webhook_stream set lease_until = ? where endpoint_id = ? and job_id = ?")) {
                for (String[] key : keys) {
                    ps.setLong(1, leaseUntil.toEpochMilli());
                    ps.setString(2, key[0]);
                    ps.setString(3, key[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return keys;
        });
    }

    private static java.util.List<DueStream.Outgoing> waiting(Connection c, WebhookEndpoint endpoint, String jobId, int limit) throws SQLException {
        java.util.List<DueStream.Outgoing> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, attempts, event_id, type, organization_id, created_at, data "
                + "from webhook_delivery where endpoint_id = ? and job_id = ? and status = 'pending' order by id limit ?")) {
            ps.setString(1, endpoint.id());
            ps.setString(2, jobId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    WebhookEvent event = new WebhookEvent(rs.getString(3), WebhookEventType.fromWire(rs.getString(4)).get(), rs.getString(5),
                            jobId, Instant.ofEpochMilli(rs.getLong(6)), StoredJson.fromJson(rs.getString(7)));
                    out.add(new DueStream.Outgoing(rs.getLong(1), event, rs.getInt(2)));
                }
            }
        }
        return out;
    }

    @Override
    public void settle(Settlement s) {
        db.inTransaction(c -> {
            long done = 0;
            if (!s.delivered().isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set status = 'delivered', attempts = attempts + 1, "
                        + "last_code = ?, last_error = null, next_attempt_at = null, delivered_at = ? "
                        // all three key columns: whichever index the planner takes (the key, or the waiting
                        // deliveries of the stream) finds the row directly, never by scanning the backlog
                        + "where endpoint_id = ? and job_id = ? and id = ? and status = 'pending'")) {
                    for (Settlement.Delivered d : s.delivered()) {
                        ps.setInt(1, d.responseCode());
                        ps.setLong(2, s.now().toEpochMilli());
                        ps.setString(3, s.endpointId());
                        ps.setString(4, s.jobId());
                        ps.setLong(5, d.deliveryId());
                        ps.addBatch();
                    }
                    for (int n : ps.executeBatch()) {
                        done += Math.max(n, 0);
                    }
                }
            }
            long next = s.now().toEpochMilli();
            if (s.failure().isDefined()) {
                Settlement.Failure f = s.failure().get();
                boolean giveUp = f.retryAt().isEmpty();
                try (PreparedStatement ps = c.prepareStatement("update webhook_delivery set status = ?, attempts = attempts + 1, last_code = ?, "
                        + "last_error = ?, next_attempt_at = ? where endpoint_id = ? and job_id = ? and id = ? and status = 'pending'")) {
                    ps.setString(1, giveUp ? "failed" : "pending");
                    if (f.responseCode().isDefined()) {
                        ps.setInt(2, f.responseCode().get());
                    } else {
                        ps.setNull(2, Types.INTEGER);
                    }
                    ps.setString(3, f.error());
                    if (giveUp) {
                        ps.setNull(4, Types.BIGINT);
                    } else {
                        ps.setLong(4, f.retryAt().get().toEpochMilli());
                    }
                    ps.setString(5, s.endpointId());
                    ps.setString(6, s.jobId());
                    ps.setLong(7, f.deliveryId());
                    int n = ps.executeUpdate();
                    if (n > 0 && giveUp) {
                        done += n;
                    } else if (n > 0) {
                        next = f.retryAt().get().toEpochMilli();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("update webhook_stream set pending = pending - ?, lease_until = null, "
                    + "next_attempt_at = case when pending - ? > 0 then ? else null end where endpoint_id = ? and job_id = ?")) {
                ps.setLong(1, done);
                ps.setLong(2, done);
                ps.setLong(3, next);
                ps.setString(4, s.endpointId());
                ps.setString(5, s.jobId());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static List<Delivery> readDeliveries(PreparedStatement ps) throws SQLException {
        java.util.List<Delivery> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), WebhookEventType.fromWire(rs.getString(4)).get(),
                        rs.getString(5), DeliveryStatus.fromWire(rs.getString(6)), rs.getInt(7), optInt(rs, 8), Option.of(rs.getString(9)),
                        Sql.time(rs, "next_attempt_at"), Instant.ofEpochMilli(rs.getLong(11)), Sql.time(rs, "delivered_at")));
            }
        }
        return List.ofAll(out);
    }

    private static Option<Integer> optInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Option.none() : Option.of(v);
    }

}
