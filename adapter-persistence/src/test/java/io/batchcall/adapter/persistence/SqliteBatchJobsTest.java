package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;

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

    @org.junit.jupiter.api.Test
    void twoStoresOnOneDatabaseMoveTheSameVersions() {
        JdbcBatchJobs one = new JdbcBatchJobs(db);
        JdbcBatchJobs two = new JdbcBatchJobs(db);
        io.batchcall.domain.job.BatchJob job = job("org-two-stores", 5, T0);
        one.create(job, contacts(2));
        java.util.OptionalLong before = two.versions().version(job.id());
        org.assertj.core.api.Assertions.assertThat(before).isEqualTo(one.versions().version(job.id()));
        org.assertj.core.api.Assertions.assertThat(one.replace(job, job.start(T0).get())).isTrue();
        org.assertj.core.api.Assertions.assertThat(two.versions().version(job.id())).as("written through the other store")
                .isNotEqualTo(before).isEqualTo(one.versions().version(job.id()));
    }
}
