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

/** CONTRACT §15's rules (dispositions that decide, callbacks) as in memory, on Sqlite: the job's rules read back from its row. */
class SqliteConversationRulesTest extends ConversationRulesTest {

    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Database::close);
    }

    @Override
    protected BatchJobs newStore() {
        try {
            Database db = Database.embedded(Files.createTempDirectory("batchcall-rules"));
            opened.add(db);
            return new JdbcBatchJobs(db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
