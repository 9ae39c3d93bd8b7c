package io.batchcall.adapter.persistence;

import io.batchcall.application.CampaignTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** The same whole campaigns on a real PostgreSQL (a fresh database per campaign). */
class PostgresCampaignTest extends CampaignTest {

    private final OpenedStores stores = new OpenedStores();

    @AfterEach
    void close() {
        stores.close();
    }

    @Override
    protected BatchJobs newStore() {
        return stores.postgres();
    }
}
