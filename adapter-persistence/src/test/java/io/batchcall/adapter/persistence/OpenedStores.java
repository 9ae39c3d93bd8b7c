package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;
import io.batchcall.application.port.out.BatchJobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Fresh stores for the tests that run the engine's suites on SQLite or PostgreSQL, each closed when the test is done. */
final class OpenedStores implements AutoCloseable {

    private final List<Database> opened = new ArrayList<>();

    /** A fresh embedded SQLite store in a new temporary directory. */
    BatchJobs sqlite() {
        try {
            return keep(Database.embedded(Files.createTempDirectory("batchcall-store")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh database on the test build's PostgreSQL. */
    BatchJobs postgres() {
        return keep(Postgres.freshDatabase(4));
    }

    private BatchJobs keep(Database db) {
        opened.add(db);
        return new JdbcBatchJobs(db);
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        opened.clear();
    }
}
