package io.batchcall.adapter.persistence;

import io.batchcall.application.CampaignChangesTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** CONTRACT §16's changes to a running campaign as in memory, on PostgreSQL. */
class PostgresCampaignChangesTest extends CampaignChangesTest {

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
