package io.batchcall.adapter.persistence;

import io.batchcall.application.BatchJobsContract;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;

/** The persistence contract on the embedded SQLite store (a real file in a temporary directory). */
class SqliteBatchJobsTest extends BatchJobsContract {

    private static Database db;

    @BeforeAll
    static void open() throws IOException {
        db = Database.embedded(Files.createTempDirectory("batchcall-contract"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected BatchJobs store() {
        return new JdbcBatchJobs(db);
    }
}
