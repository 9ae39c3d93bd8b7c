package io.batchcall.adapter.persistence;

import io.batchcall.application.CallingRulesCampaignTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** CONTRACT §17's calling rules by region as in memory, on Sqlite. */
class SqliteCallingRulesCampaignTest extends CallingRulesCampaignTest {

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
