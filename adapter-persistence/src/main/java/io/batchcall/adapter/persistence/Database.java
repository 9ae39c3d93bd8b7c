package io.batchcall.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A pooled connection to the embedded H2 file database or to PostgreSQL, migrated by Flyway on open.
 */
public final class Database implements AutoCloseable {

    /** The SQL dialects the adapter speaks; dialect-specific SQL is used only where it pays. */
    public enum Dialect { H2, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** The embedded database in {@code dataDir} (created if needed). */
    public static Database embedded(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("batchcall")
                + ";LOCK_TIMEOUT=20000;DB_CLOSE_ON_EXIT=FALSE";
        return open(url, "sa", "", 8);
    }

    /** An in-memory H2 database (tests); it lives until closed. */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";LOCK_TIMEOUT=20000;DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    public static Database open(String url, String user, String password, int poolSize) {
        Dialect dialect = url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.H2;
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
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, dialect);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = connection()) {
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

    /**
     * Runs {@code work} on a connection in auto-commit mode: for a single statement (one round trip
     * instead of BEGIN … COMMIT) or reads that need no common snapshot.
     */
    <T> T read(SqlWork<T> work) {
        try (Connection c = connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /** A unit of work on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
