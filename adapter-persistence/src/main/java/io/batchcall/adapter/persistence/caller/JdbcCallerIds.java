package io.batchcall.adapter.persistence.caller;

import io.batchcall.adapter.persistence.Database;
import io.batchcall.application.port.out.CallerIds;
import io.batchcall.domain.caller.CallerId;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** {@link CallerIds} on the database the job store claims from ({@link CallerRows}). */
public final class JdbcCallerIds implements CallerIds {

    /** An organization's attempts in flight, read on a connection (the job store's counters). */
    @FunctionalInterface
    public interface OrganizationDialing {
        long of(Connection c, String organizationId) throws SQLException;
    }

    private final Database db;
    private final OrganizationDialing organizationDialing;

    public JdbcCallerIds(Database db, OrganizationDialing organizationDialing) {
        this.db = db;
        this.organizationDialing = organizationDialing;
    }

    @Override
    public boolean registerCallerId(CallerId callerId, Instant now) {
        return db.inTransaction(c -> CallerRows.register(c, callerId, now));
    }

    @Override
    public Option<RegisteredCallerId> callerId(String organizationId, String id, Instant now) {
        return db.read(c -> CallerRows.list(c, organizationId, Option.of(java.util.List.of(id)), now).headOption());
    }

    @Override
    public List<RegisteredCallerId> callerIds(String organizationId, Instant now) {
        return db.read(c -> CallerRows.list(c, organizationId, Option.none(), now));
    }

    @Override
    public PoolView poolView(String organizationId, java.util.List<String> ids, Instant now) {
        return db.read(c -> CallerRows.poolView(c, organizationId, ids, now, organizationDialing.of(c, organizationId)));
    }

    @Override
    public void recordRefusal(String organizationId, String callerId, Instant now, Duration retryAfter) {
        db.inTransaction(c -> {
            CallerRows.recordRefusal(c, organizationId, callerId, now, retryAfter);
            return null;
        });
    }

    @Override
    public boolean removeCallerId(String organizationId, String id) {
        return db.write(c -> CallerRows.remove(c, organizationId, id));
    }
}
