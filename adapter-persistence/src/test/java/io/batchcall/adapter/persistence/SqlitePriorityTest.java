package io.batchcall.adapter.persistence;

import io.batchcall.application.PriorityTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** CONTRACT §16's priority as in memory, on Sqlite. */
class SqlitePriorityTest extends PriorityTest {

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
