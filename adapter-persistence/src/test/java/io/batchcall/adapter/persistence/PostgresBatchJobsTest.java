package io.batchcall.adapter.persistence;

import io.batchcall.application.BatchJobsContract;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The persistence contract on a real PostgreSQL. */
class PostgresBatchJobsTest extends BatchJobsContract {

    private static Database db;

    @BeforeAll
    static void open() {
        db = Postgres.freshDatabase(8);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected BatchJobs store() {
        return new JdbcBatchJobs(db);
    }

    /** Other instances write the same database: no version can be known without reading it. */
    @Override
    protected boolean versionsKnown() {
        return false;
    }
}
