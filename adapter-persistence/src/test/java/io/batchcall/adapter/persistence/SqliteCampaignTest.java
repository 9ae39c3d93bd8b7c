package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;

import io.batchcall.application.CampaignTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The same whole campaigns as in memory, on the embedded SQLite store (a fresh database per campaign). */
class SqliteCampaignTest extends CampaignTest {

    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    @Override
    protected BatchJobs newStore() {
        try {
            Database db = Database.embedded(Files.createTempDirectory("batchcall-campaign"));
            opened.add(db);
            return new JdbcBatchJobs(db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
