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
 *
 * <p>Under writes that never pause (a 1M-contact campaign on a zero-latency dialer) a passive checkpoint never finds all
 * of the WAL copied when the writer begins, so the WAL is never started over: it grew to 13 GB in one such campaign, and
 * a restart after kill -9 then reads all of it. Once the WAL holds more than {@link #RESTART_FRAMES} frames, a
 * {@code restart} checkpoint follows the passive one: it waits — at most {@link #RESTART_WAIT_MS} ms, writers held
 * meanwhile — for the writer's transaction to end and for readers to move to the newest snapshot, copies what is left
 * (the passive one copied the rest), and the next write starts the WAL over. A reader holding an old snapshot (a long
 * export) makes it give up until the next period. The writer's {@code journal_size_limit} then cuts the file back.
 */
final class Checkpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    static final long PERIOD_MS = 100;
    /** WAL frames (pages; 256 MiB at SQLite's 4 KiB) beyond which a checkpoint makes the WAL start over. */
    static final long RESTART_FRAMES = 65_536;
    /** How long a restart checkpoint waits for the writer and old readers; writers wait meanwhile. */
    static final int RESTART_WAIT_MS = 100;
    /**
     * The WAL file's size kept after it starts over (bytes; the writer's {@code journal_size_limit}): the size it reaches
     * before a restart, so a file once grown is reused rather than cut and grown again. 64 MiB restarts cost the
     * dispatch ~7 % (BenchMain, jobs 2–3: 11,990 against 12,935 attempts/s without restarts), 256 MiB ~4 % (12,331
     * against 12,719; the noise of such runs).
     */
    static final long WAL_SIZE_LIMIT = RESTART_FRAMES * 4096;

    private final long restartFrames;

    private final Connection connection;
    private final ScheduledExecutorService thread;

    private Checkpointer(Connection connection, long restartFrames) {
        this.connection = connection;
        this.restartFrames = restartFrames;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batchcall-db-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    static Checkpointer start(SQLiteDataSource ds) {
        return start(ds, RESTART_FRAMES);
    }

    /** {@link #start(SQLiteDataSource)} with the WAL started over beyond {@code restartFrames} frames. */
    static Checkpointer start(SQLiteDataSource ds, long restartFrames) {
        try {
            Checkpointer c = new Checkpointer(ds.getConnection(), restartFrames);
            c.thread.scheduleWithFixedDelay(c::checkpoint, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
            return c;
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private void checkpoint() {
        long frames = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("pragma wal_checkpoint(passive)")) {
            if (rs.next()) {
                frames = rs.getLong(2);
                if (LOG.isTraceEnabled()) {
                    LOG.trace("checkpoint: {} of {} WAL frames in the database file", rs.getLong(3), frames);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("a WAL checkpoint failed (the next one retries): {}", e.getMessage());
        }
        if (frames > restartFrames) {
            restart(frames);
        }
    }

    /** The WAL copied whole and started over by the next write, if the writer and every reader let it within the wait. */
    private void restart(long frames) {
        try (Statement st = connection.createStatement()) {
            st.execute("pragma busy_timeout = " + RESTART_WAIT_MS);
            try (ResultSet rs = st.executeQuery("pragma wal_checkpoint(restart)")) {
                if (rs.next() && LOG.isDebugEnabled()) {
                    LOG.debug("WAL of {} frames: {}", frames, rs.getInt(1) == 0 ? "copied whole, starts over" : "busy, retried next period");
                }
            } finally {
                st.execute("pragma busy_timeout = " + Database.BUSY_TIMEOUT_MS);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("a WAL restart checkpoint failed (the next one retries): {}", e.getMessage());
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
