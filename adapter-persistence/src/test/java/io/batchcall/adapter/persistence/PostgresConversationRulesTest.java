package io.batchcall.adapter.persistence;

import io.batchcall.application.ConversationRulesTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

/** CONTRACT §15's rules (dispositions that decide, callbacks) as in memory, on PostgreSQL: the job's rules read back from its row. */
class PostgresConversationRulesTest extends ConversationRulesTest {

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
