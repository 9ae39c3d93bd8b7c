package io.batchcall.adapter.persistence.caller;

import io.batchcall.adapter.persistence.Sql;
import io.batchcall.application.port.out.CallerIds.RegisteredCallerId;
import io.batchcall.application.port.out.ClaimLimits;
import io.batchcall.domain.caller.Backoff;
import io.batchcall.domain.caller.CallerId;
import io.batchcall.domain.caller.CallerPool;
import io.batchcall.domain.caller.CallerState;
import io.batchcall.domain.caller.Lane;
import io.batchcall.domain.caller.Pacer;
import io.batchcall.domain.contact.PhoneNumber;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code caller_id}, {@code dial_lane} and {@code caller_day} tables: registered caller ids, the dial schedules
 * of the organization and of each id, and dials per id per UTC day. A claim reads and writes them under the
 * organization's turn ({@code JobRows.lockOrganization}), so engines sharing the database pace together (ADR 12).
 */
public final class CallerRows {

    /** The organization's own lane in {@code dial_lane}. */
    static final String ORG_LANE = "";
    private static final long NEVER = Long.MIN_VALUE / 2;

    private CallerRows() {
    }

    static long day(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
    }

    /** Registers or replaces; true when the id was not registered. */
    public static boolean register(Connection c, CallerId callerId, Instant now) throws SQLException {
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("select 1 from caller_id where organization_id = ? and id = ?")) {
            ps.setString(1, callerId.organizationId());
            ps.setString(2, callerId.id());
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        String sql = exists
                ? "update caller_id set phone_number = ?, calls_per_second = ?, daily_cap = ? where organization_id = ? and id = ?"
                : "insert into caller_id (phone_number, calls_per_second, daily_cap, organization_id, id, registered_at) values (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, callerId.phoneNumber().value());
            if (callerId.callsPerSecond().isDefined()) {
                ps.setDouble(2, callerId.callsPerSecond().get());
            } else {
                ps.setNull(2, Types.DOUBLE);
            }
            if (callerId.dailyCap().isDefined()) {
                ps.setInt(3, callerId.dailyCap().get());
            } else {
                ps.setNull(3, Types.INTEGER);
            }
            ps.setString(4, callerId.organizationId());
            ps.setString(5, callerId.id());
            if (!exists) {
                ps.setLong(6, now.toEpochMilli());
            }
            ps.executeUpdate();
        }
        return !exists;
    }

    public static boolean remove(Connection c, String organizationId, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from caller_id where organization_id = ? and id = ?")) {
            ps.setString(1, organizationId);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** The organization's registered ids (all, or those in {@code ids}), in id order, as of {@code now}. */
    public static List<RegisteredCallerId> list(Connection c, String organizationId, Option<java.util.Collection<String>> ids, Instant now)
            throws SQLException {
        String sql = "select r.id, r.phone_number, r.calls_per_second, r.daily_cap, r.registered_at, d.dials, l.next_at, "
                + "l.backoff_rate, l.backoff_until, l.backoff_since "
                + "from caller_id r left join caller_day d on d.organization_id = r.organization_id and d.caller_id = r.id and d.day = ? "
                + "left join dial_lane l on l.organization_id = r.organization_id and l.lane = r.id "
                + "where r.organization_id = ?"
                + ids.map(x -> " and r.id in (" + Sql.placeholders(x.size()) + ")").getOrElse("") + " order by r.id";
        java.util.List<RegisteredCallerId> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, day(now));
            ps.setString(2, organizationId);
            int i = 3;
            for (String id : ids.getOrElse(java.util.List.of())) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double rate = rs.getDouble(3);
                    Option<Double> cps = rs.wasNull() ? Option.none() : Option.of(rate);
                    int cap = rs.getInt(4);
                    Option<Integer> dailyCap = rs.wasNull() ? Option.none() : Option.of(cap);
                    long next = rs.getLong(7);
                    Option<Instant> nextAt = rs.wasNull() ? Option.none() : Option.of(Pacer.instant(next)).filter(t -> t.isAfter(now));
                    Option<Backoff> backoff = backoff(rs, 8).filter(b -> !b.overAt(cps.getOrElse(Backoff.ASSUMED_LIMIT), Pacer.micros(now)));
                    out.add(new RegisteredCallerId(new CallerId(organizationId, rs.getString(1), new PhoneNumber(rs.getString(2)), cps, dailyCap),
                            rs.getLong(6), nextAt, Instant.ofEpochMilli(rs.getLong(5)), backoff));
                }
            }
        }
        return List.ofAll(out);
    }

    private static Option<Backoff> backoff(ResultSet rs, int first) throws SQLException {
        double rate = rs.getDouble(first);
        if (rs.wasNull()) {
            return Option.none();
        }
        return Option.of(new Backoff(rate, rs.getLong(first + 1), rs.getLong(first + 2)));
    }

    /** A provider refused a dial from {@code callerId} as rate-limited: the id backs off (one row per id, registered or not). */
    public static void recordRefusal(Connection c, String organizationId, String callerId, Instant now, java.time.Duration retryAfter)
            throws SQLException {
        Option<Double> limit = Option.none();
        try (PreparedStatement ps = c.prepareStatement("select calls_per_second from caller_id where organization_id = ? and id = ?")) {
            ps.setString(1, organizationId);
            ps.setString(2, callerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    double cps = rs.getDouble(1);
                    limit = rs.wasNull() ? Option.none() : Option.of(cps);
                }
            }
        }
        Option<Backoff> current = Option.none();
        try (PreparedStatement ps = c.prepareStatement("select backoff_rate, backoff_until, backoff_since from dial_lane "
                + "where organization_id = ? and lane = ?")) {
            ps.setString(1, organizationId);
            ps.setString(2, callerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = backoff(rs, 1);
                }
            }
        }
        Backoff next = Backoff.refused(current.toJavaOptional(), limit.getOrElse(Backoff.ASSUMED_LIMIT), Pacer.micros(now),
                retryAfter.toNanos() / 1000);
        try (PreparedStatement ps = c.prepareStatement("insert into dial_lane (organization_id, lane, next_at, backoff_rate, backoff_until, "
                + "backoff_since) values (?, ?, ?, ?, ?, ?) on conflict (organization_id, lane) do update set "
                + "backoff_rate = excluded.backoff_rate, backoff_until = excluded.backoff_until, backoff_since = excluded.backoff_since")) {
            ps.setString(1, organizationId);
            ps.setString(2, callerId);
            ps.setLong(3, NEVER);
            ps.setDouble(4, next.rate());
            ps.setLong(5, next.untilMicros());
            ps.setLong(6, next.sinceMicros());
            ps.executeUpdate();
        }
    }

    /** The pool's view for the detail's pacing ({@code organizationDialing} read by the caller). */
    public static io.batchcall.application.port.out.CallerIds.PoolView poolView(Connection c, String organizationId, java.util.List<String> ids,
                                                                              Instant now, long organizationDialing) throws SQLException {
        List<RegisteredCallerId> registered = list(c, organizationId, Option.of(ids), now);
        java.util.Set<String> registeredIds = new java.util.HashSet<>(registered.map(r -> r.callerId().id()).toJavaList());
        java.util.Set<String> backingOff = new java.util.HashSet<>();
        Option<Instant> orgNext = Option.none();
        try (PreparedStatement ps = c.prepareStatement("select lane, next_at, backoff_rate, backoff_until, backoff_since from dial_lane "
                + "where organization_id = ? and lane in (?, " + Sql.placeholders(ids.size()) + ")")) {
            ps.setString(1, organizationId);
            ps.setString(2, ORG_LANE);
            int i = 3;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String lane = rs.getString(1);
                    if (lane.equals(ORG_LANE)) {
                        orgNext = Option.of(Pacer.instant(rs.getLong(2))).filter(t -> t.isAfter(now));
                    } else if (!registeredIds.contains(lane)
                            && backoff(rs, 3).exists(b -> !b.overAt(Backoff.ASSUMED_LIMIT, Pacer.micros(now)))) {
                        backingOff.add(lane);
                    }
                }
            }
        }
        return new io.batchcall.application.port.out.CallerIds.PoolView(registered, backingOff, orgNext, organizationDialing);
    }

    /**
     * The pacing of one claim of {@code organizationId}'s job dialing from {@code pool}; call under the organization's
     * turn. One round trip reads the pool's registrations and the lanes (the organization's and the pool's, with their
     * back-offs); a job with nothing to pace it (the common case) costs no more, and today's dials are read only when
     * something paces it.
     */
    public static Pacer pacer(Connection c, String organizationId, CallerPool pool, ClaimLimits limits, Instant now) throws SQLException {
        String in = Sql.placeholders(pool.ids().size());
        Map<String, CallerId> registered = new HashMap<>();
        Map<String, Long> lanes = new HashMap<>();
        Map<String, Backoff> backoffs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select 1, id, phone_number, calls_per_second, daily_cap, 0, 0, 0 from caller_id "
                + "where organization_id = ? and id in (" + in + ") union all "
                + "select 2, lane, null, backoff_rate, null, next_at, backoff_until, backoff_since from dial_lane "
                + "where organization_id = ? and lane in (?, " + in + ")")) {
            int i = 1;
            ps.setString(i++, organizationId);
            for (String id : pool.ids()) {
                ps.setString(i++, id);
            }
            ps.setString(i++, organizationId);
            ps.setString(i++, ORG_LANE);
            for (String id : pool.ids()) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(2);
                    if (rs.getInt(1) == 1) {
                        double rate = rs.getDouble(4);
                        Option<Double> cps = rs.wasNull() ? Option.none() : Option.of(rate);
                        int cap = rs.getInt(5);
                        Option<Integer> dailyCap = rs.wasNull() ? Option.none() : Option.of(cap);
                        registered.put(id, new CallerId(organizationId, id, new PhoneNumber(rs.getString(3)), cps, dailyCap));
                    } else {
                        lanes.put(id, rs.getLong(6));
                        double rate = rs.getDouble(4);
                        if (!rs.wasNull()) {
                            backoffs.put(id, new Backoff(rate, rs.getLong(7), rs.getLong(8)));
                        }
                    }
                }
            }
        }
        if (limits.organizationDialRate().isEmpty() && pool.isSingle() && registered.isEmpty() && backoffs.isEmpty()) {
            return Pacer.unlimited(pool, now);
        }
        Map<String, Long> dials = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select caller_id, dials from caller_day where organization_id = ? and day = ? "
                + "and caller_id in (" + in + ")")) {
            ps.setString(1, organizationId);
            ps.setLong(2, day(now));
            int i = 3;
            for (String id : pool.ids()) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dials.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        Map<String, CallerState> callers = new HashMap<>();
        long nowMicros = Pacer.micros(now);
        for (String id : pool.ids()) {
            Option<CallerId> reg = Option.of(registered.get(id));
            Option<Lane> lane = reg.flatMap(CallerId::callsPerSecond).map(rate -> new Lane(rate, lanes.getOrDefault(id, NEVER)));
            callers.put(id, new CallerState(id, reg, dials.getOrDefault(id, 0L), lane, Option.of(backoffs.get(id)))
                    .at(nowMicros, lanes.getOrDefault(id, NEVER)));
        }
        Option<Lane> orgLane = limits.organizationDialRate().map(rate -> new Lane(rate, lanes.getOrDefault(ORG_LANE, NEVER)));
        return new Pacer(pool, orgLane, callers, now, limits.horizon());
    }

    /** Writes back what a claim's grants moved: the schedules, and today's dials of each id that dialed. */
    public static void commit(Connection c, String organizationId, Pacer pacer, Instant now) throws SQLException {
        java.util.List<Object[]> lanes = new ArrayList<>();
        pacer.orgLane().forEach(l -> lanes.add(new Object[] {ORG_LANE, l.nextAtMicros()}));
        pacer.callers().forEach((id, state) -> state.lane().forEach(l -> lanes.add(new Object[] {id, l.nextAtMicros()})));
        if (!lanes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into dial_lane (organization_id, lane, next_at) values (?, ?, ?) "
                    + "on conflict (organization_id, lane) do update set next_at = excluded.next_at")) {
                for (Object[] lane : lanes) {
                    ps.setString(1, organizationId);
                    ps.setString(2, (String) lane[0]);
                    ps.setLong(3, (Long) lane[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!pacer.granted().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("insert into caller_day (organization_id, caller_id, day, dials) values (?, ?, ?, ?) "
                    + "on conflict (organization_id, caller_id, day) do update set dials = caller_day.dials + excluded.dials")) {
                for (Map.Entry<String, Long> e : pacer.granted().entrySet()) {
                    ps.setString(1, organizationId);
                    ps.setString(2, e.getKey());
                    ps.setLong(3, day(now));
                    ps.setLong(4, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
