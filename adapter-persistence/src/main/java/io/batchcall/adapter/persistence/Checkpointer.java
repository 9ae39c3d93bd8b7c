package io.batchcall.adapter.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store's WAL copied back into the database file on a connection and thread of its own, a passive
 * checkpoint every {@link #PERIOD_MS} ms, so that no commit pays for it.
 *
 * <p>Left to SQLite, the connection whose commit takes the WAL past 1,000 pages runs the checkpoint inside that commit:
 * the writer — and every call event queued behind it — waits while megabytes are copied and synced (an add of 100,000
 * contacts to a running job spent half its writer time so). The writer runs with {@code wal_autocheckpoint = 0}; a
 * passive checkpoint takes no lock a writer or reader waits for, copies what no reader still needs, and the writer
 * starts the WAL over once all of it is copied. A crash between two checkpoints loses nothing: the WAL is the record.
 */
final class Checkpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    static final long PERIOD_MS = 100;

    private final Connection connection;
    private final ScheduledExecutorService thread;

    private Checkpointer(Connection connection) {
        this.connection = connection;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batchcall-db-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    static Checkpointer start(SQLiteDataSource ds) {
        try {
            Checkpointer c = new Checkpointer(ds.getConnection());
            c.thread.scheduleWithFixedDelay(c::checkpoint, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
            return c;
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private void checkpoint() {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("pragma wal_checkpoint(passive)")) {
            if (rs.next() && LOG.isTraceEnabled()) {
                LOG.trace("checkpoint: {} of {} WAL frames in the database file", rs.getLong(3), rs.getLong(2));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("a WAL checkpoint failed (the next one retries): {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the WAL checkpoint did not end in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
