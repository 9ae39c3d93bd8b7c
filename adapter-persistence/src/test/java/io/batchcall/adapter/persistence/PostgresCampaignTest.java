package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;

import io.batchcall.application.CampaignTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The same whole campaigns on a real PostgreSQL (a fresh database per campaign). */
class PostgresCampaignTest extends CampaignTest {

    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    @Override
    protected BatchJobs newStore() {
        Database db = Postgres.freshDatabase(4);
        opened.add(db);
        return new JdbcBatchJobs(db);
    }
}
