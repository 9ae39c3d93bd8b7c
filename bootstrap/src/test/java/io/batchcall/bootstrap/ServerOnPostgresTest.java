package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.persistence.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** BATCHCALL_DB_URL=jdbc:postgresql:… switches the whole server to PostgreSQL: same API, same behaviour. */
class ServerOnPostgresTest {

    @Test
    void aCampaignRunsOnPostgresAndSurvivesARestart(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_DATA_DIR", data.toString(),
                "BATCHCALL_DB_URL", Postgres.freshDatabaseUrl(), "BATCHCALL_DB_USER", "postgres", "BATCHCALL_DB_PASSWORD", "postgres",
                "BATCHCALL_API_KEYS", "org-pg:pg-secret-key-0000001", "BATCHCALL_TICK_MILLIS", "20", "BATCHCALL_SIM_CALL_SECONDS", "0.05");
        String id;
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env))) {
            Http http = new Http(server.port(), "pg-secret-key-0000001");
            id = http.post("/batch/create", Http.job("PG", 30, 5, 3, "")).get("batchJobId").asText();
            http.awaitJob(id, Duration.ofSeconds(30), d -> d.get("status").asText().equals("completed"));
        }
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env))) {
            JsonNode done = new Http(server.port(), "pg-secret-key-0000001").get("/batch/jobs/" + id + "?contactStatus=completed&contactsPageSize=10");
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("contactsProcessed").asLong()).isEqualTo(30);
            assertThat(done.get("contactsTotal").asLong()).isEqualTo(done.get("successfulCalls").asLong());
            assertThat(done.get("contacts")).allMatch(c -> c.get("status").asText().equals("completed"));
        }
    }
}
