package io.batchcall.adapter.persistence;

import io.batchcall.application.ConversationPauseTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** CONTRACT §17's conversation pause as in memory, on Sqlite. */
class SqliteConversationPauseTest extends ConversationPauseTest {

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
