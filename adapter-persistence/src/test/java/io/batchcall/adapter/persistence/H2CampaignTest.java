package io.batchcall.adapter.persistence;

import io.batchcall.application.CampaignTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.List;

/** The same whole campaigns as in memory, on H2 (a fresh database per campaign: the engine sees every job). */
class H2CampaignTest extends CampaignTest {

    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    @Override
    protected BatchJobs newStore() {
        Database db = Database.inMemory("campaign-" + System.nanoTime());
        opened.add(db);
        return new JdbcBatchJobs(db);
    }
}
