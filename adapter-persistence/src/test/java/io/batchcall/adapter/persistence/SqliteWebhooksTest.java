package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;

import io.batchcall.application.WebhooksContract;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.TimeSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;

/** The webhook outbox contract on the embedded SQLite store. */
class SqliteWebhooksTest extends WebhooksContract {

    private static Database db;

    @BeforeAll
    static void open() throws IOException {
        db = Database.embedded(Files.createTempDirectory("batchcall-webhooks"));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected BatchJobs store(TimeSource time) {
        return new JdbcBatchJobs(db, time);
    }
}
