package io.batchcall.adapter.persistence;

import io.batchcall.application.CampaignTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** The same whole campaigns as in memory, on the embedded SQLite store (a fresh database per campaign). */
class SqliteCampaignTest extends CampaignTest {

    private final OpenedStores stores = new OpenedStores();

    @AfterEach
    void close() {
        stores.close();
    }

    @Override
    protected BatchJobs newStore() {
        return stores.sqlite();
    }
}
