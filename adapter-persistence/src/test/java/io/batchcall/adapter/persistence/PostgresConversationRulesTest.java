package io.batchcall.adapter.persistence;

import io.batchcall.adapter.persistence.job.JdbcBatchJobs;
import io.batchcall.application.ConversationRulesTest;
import io.batchcall.application.port.out.BatchJobs;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** CONTRACT §15's rules (dispositions that decide, callbacks) as in memory, on Postgres: the job's rules read back from its row. */
class PostgresConversationRulesTest extends ConversationRulesTest {

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
