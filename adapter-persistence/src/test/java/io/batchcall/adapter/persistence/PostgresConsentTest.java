package io.batchcall.adapter.persistence;

import io.batchcall.application.ConsentTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** CONTRACT §17's consent as in memory, on PostgreSQL. */
class PostgresConsentTest extends ConsentTest {

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
