package io.batchcall.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's connections: the embedded SQLite file database (the default) or PostgreSQL, migrated by
 * Flyway on open.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a commit is on disk before it returns, so
 * everything acknowledged to a client survives {@code kill -9}, and a transaction cut short by a crash
 * leaves no trace. All writes go through one writer connection ({@code BEGIN IMMEDIATE}); reads use a
 * pool of reader connections that never wait for the writer. A lock file keeps a second process off
 * the same data directory.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialects the adapter speaks; see {@link SqlDialect} for where they differ. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private static final String FILE = "batchcall.sqlite";
    /** The embedded database's file in the data directory. */
    public static final String EMBEDDED_FILE = FILE;
    /** How long an embedded connection waits for a lock before it fails (the checkpointer's restart waits less). */
    static final int BUSY_TIMEOUT_MS = 30_000;

    private final HikariDataSource writer;
    private final HikariDataSource readers;
    private final Dialect dialect;
    private final FileLock lock;
    /**
     * SQLite: turns for the single writer, granted in arrival order, so a long import that commits
     * chunk after chunk lets a call event in between two chunks (the pool alone would hand the
     * connection straight back to the thread that just returned it).
     */
    private final ReentrantLock writerTurn = new ReentrantLock(true);
    /**
     * The jobs' versions in memory: one per database object, so every store built on it moves the same versions
     * (only read on the embedded store, whose file this process alone opens — see {@code JdbcBatchJobs.versions}).
     */
    private final io.batchcall.application.port.out.JobVersions.Tracked jobVersions = new io.batchcall.application.port.out.JobVersions.Tracked();

    /** SQLite: copies the WAL back into the database file off the writer's commits (null on PostgreSQL). */
    private final Checkpointer checkpointer;

    private Database(HikariDataSource writer, HikariDataSource readers, Dialect dialect, FileLock lock, Checkpointer checkpointer) {
        this.writer = writer;
        this.readers = readers;
        this.dialect = dialect;
        this.lock = lock;
        this.checkpointer = checkpointer;
    }

    /**
     * The embedded database in {@code dataDir} (created if needed).
     *
     * @throws DataDirectoryInUseException when another process has the directory open
     */
    public static Database embedded(Path dataDir) {
        return embedded(dataDir, 4);
    }

    public static Database embedded(Path dataDir, int readerConnections) {
        return embedded(dataDir, readerConnections, true);
    }

    /**
     * The embedded database of a directory that a running server may hold: for short tools (key
     * management) beside it; SQLite's own file locking keeps the two apart.
     */
    public static Database embeddedBesideServer(Path dataDir) {
        return embedded(dataDir, 1, false);
    }

    private static Database embedded(Path dataDir, int readerConnections, boolean exclusive) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StorageException(new SQLException("cannot create the data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e));
        }
        FileLock lock = exclusive ? lockDirectory(dataDir) : null;
        String url = "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve(FILE);
        HikariDataSource writer = null;
        HikariDataSource readers = null;
        try {
            // a server's writer leaves checkpoints to the checkpointer; a tool beside a server keeps SQLite's own
            writer = pool(sqlite(url, true), 1, "batchcall-db-writer", exclusive ? "pragma wal_autocheckpoint = 0" : null);
            migrate(writer, Dialect.SQLITE);
            readers = pool(sqlite(url, false), readerConnections, "batchcall-db-readers", null);
            return new Database(writer, readers, Dialect.SQLITE, lock, exclusive ? Checkpointer.start(sqlite(url, false)) : null);
        } catch (RuntimeException e) {
            if (readers != null) {
                readers.close();
            }
            if (writer != null) {
                writer.close();
            }
            release(lock);
            throw e;
        }
    }

    /** A PostgreSQL database ({@code jdbc:postgresql:} URL), one pool for reads and writes. */
    public static Database open(String url, String user, String password, int poolSize) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("only jdbc:postgresql: URLs are supported; the embedded store needs no URL");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        config.setPoolName("batchcall-db");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            migrate(ds, Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, ds, Dialect.POSTGRESQL, null, null);
    }

    private static SQLiteDataSource sqlite(String url, boolean writer) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setCacheSize(writer ? -65_536 : -16_384); // KiB: 64 MiB for the writer, 16 MiB per reader
        if (writer) {
            config.setJournalSizeLimit((int) Checkpointer.WAL_SIZE_LIMIT); // the WAL file cut back to it when it starts over
        }
        // the writer takes the write lock when it begins; readers begin deferred and read a snapshot
        config.setTransactionMode(writer ? SQLiteConfig.TransactionMode.IMMEDIATE : SQLiteConfig.TransactionMode.DEFERRED);
        config.enforceForeignKeys(false);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return ds;
    }

    private static HikariDataSource pool(DataSource ds, int size, String name, String initSql) {
        HikariConfig config = new HikariConfig();
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        config.setDataSource(ds);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setMaxLifetime(0); // SQLite's connections are never recycled: a staged add's TEMP table lives on the writer's
        config.setAutoCommit(true);
        config.setPoolName(name);
        config.setConnectionTimeout(60_000);
        return new HikariDataSource(config);
    }

    private static void migrate(DataSource ds, Dialect dialect) {
        String location = dialect == Dialect.SQLITE ? "classpath:db/migration-sqlite" : "classpath:db/migration";
        Flyway.configure().dataSource(ds).locations(location).load().migrate();
    }

    private static FileLock lockDirectory(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve("batchcall.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new DataDirectoryInUseException(dataDir);
            }
            return lock;
        } catch (IOException e) {
            throw new StorageException(new SQLException("cannot open the data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e));
        }
    }

    private static void release(FileLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    /** Another process holds the embedded database of this data directory. */
    public static final class DataDirectoryInUseException extends RuntimeException {
        DataDirectoryInUseException(Path dir) {
            super("the data directory " + dir.toAbsolutePath() + " is in use by another batchcall process "
                    + "(the embedded database serves one process; use PostgreSQL for several instances)");
        }
    }

    /** The pool the store writes through (SQLite: its single writer connection). */
    /** The connection pools by name (the embedded store's writer and readers; PostgreSQL's one pool), for metrics. */
    public java.util.Map<String, com.zaxxer.hikari.HikariPoolMXBean> pools() {
        java.util.Map<String, com.zaxxer.hikari.HikariPoolMXBean> pools = new java.util.LinkedHashMap<>();
        pools.put(writer.getPoolName(), writer.getHikariPoolMXBean());
        pools.put(readers.getPoolName(), readers.getHikariPoolMXBean());
        return pools;
    }

    public DataSource dataSource() {
        return writer;
    }

    /** The jobs' versions in memory, shared by every store built on this database. */
    public io.batchcall.application.port.out.JobVersions.Tracked jobVersions() {
        return jobVersions;
    }

    public Dialect dialect() {
        return dialect;
    }

    public SqlDialect sql() {
        return dialect == Dialect.SQLITE ? SqlDialect.SQLITE : SqlDialect.POSTGRESQL;
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (readers != writer) {
            readers.close();
        }
        writer.close();
        release(lock);
    }

    /** Runs {@code work} in one write transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        return writing(() -> transaction(writer, work));
    }

    private <T> T writing(java.util.function.Supplier<T> work) {
        if (dialect != Dialect.SQLITE) {
            return work.get();
        }
        writerTurn.lock();
        try {
            return work.get();
        } finally {
            writerTurn.unlock();
        }
    }

    /** Runs {@code work} in one read transaction: every statement sees the same snapshot. */
    public <T> T snapshot(SqlWork<T> work) {
        return transaction(readers, work);
    }

    private static <T> T transaction(DataSource ds, SqlWork<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable t) {
                c.rollback();
                throw t;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** Runs a single writing statement (or a few independent ones) in auto-commit mode. */
    public <T> T write(SqlWork<T> work) {
        return writing(() -> autoCommit(writer, work));
    }

    /** Runs reads that need no common snapshot in auto-commit mode (one round trip each). */
    public <T> T read(SqlWork<T> work) {
        return autoCommit(readers, work);
    }

    private static <T> T autoCommit(DataSource ds, SqlWork<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** A unit of work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
