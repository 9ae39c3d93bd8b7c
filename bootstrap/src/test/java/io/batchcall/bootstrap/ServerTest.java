package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real server (embedded SQLite database, real clock, simulated dialer) end to end. */
class ServerTest {

    @TempDir
    Path data;

    private Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>(Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_DATA_DIR", data.toString(),
                "BATCHCALL_API_KEYS", "org-1:secret-key-one-0001,org-2:secret-key-two-0002", "BATCHCALL_TICK_MILLIS", "20"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    @Test
    void aSimulatedCampaignRunsToCompletionWithConsistentFigures() throws Exception {
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env("BATCHCALL_SIM_CALL_SECONDS", "0.05",
                "BATCHCALL_SIM_OUTCOMES", "completed=50,busy=25,invalid_number=25")))) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            String id = http.post("/batch/create", Http.job("Sim", 40, 5, 2, ",\"retryableStatuses\":[\"busy\"]")).get("batchJobId").asText();
            JsonNode done = http.awaitJob(id, Duration.ofSeconds(30), d -> d.get("status").asText().equals("completed"));
            assertThat(done.get("contactsProcessed").asLong()).isEqualTo(40);
            assertThat(done.get("successfulCalls").asLong() + done.get("failedCalls").asLong()).isEqualTo(40);
            assertThat(done.get("successfulCalls").asLong()).isPositive();
            assertThat(done.get("statusBreakdown").get("invalid_number").asLong()).isPositive();
            assertThat(done.get("completedAt").asText()).endsWith("Z");
            for (JsonNode c : done.get("contacts")) {
                assertThat(c.get("attemptCount").asInt()).isBetween(1, 2);
                if (c.get("status").asText().equals("invalid_number")) {
                    assertThat(c.get("errorCode").asText()).isEqualTo("404");
                    assertThat(c.get("nextRetryAt").isNull()).isTrue();
                }
            }
            assertThat(new Http(server.port(), "secret-key-two-0002").get("/batch/jobs/" + id).get("_status").asInt()).isEqualTo(404);
        }
    }

    /**
     * The server keeps each number's latest conversation when it runs with a conversation pause (ADR 15): a number that
     * had one in a job is held in the next job of the organization, the other number of that job is called.
     */
    @Test
    void aServerWithAConversationPauseHoldsTheNumberInTheNextJob() throws Exception {
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env("BATCHCALL_CONVERSATION_PAUSE", "1d",
                "BATCHCALL_SIM_CALL_SECONDS", "0.05", "BATCHCALL_SIM_OUTCOMES", "completed=1")))) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            String first = http.post("/batch/create", Http.job("First", 1, 1, 1, "")).get("batchJobId").asText();
            http.awaitJob(first, Duration.ofSeconds(30), d -> d.get("status").asText().equals("completed"));
            String second = http.post("/batch/create", Http.job("Second", 2, 2, 1, "")).get("batchJobId").asText();
            JsonNode d = http.awaitJob(second, Duration.ofSeconds(30), j -> j.get("statusBreakdown").get("completed").asLong() == 1
                    && j.get("statusBreakdown").get("queued").asLong() == 1);
            JsonNode held = null;
            for (JsonNode c : d.get("contacts")) {
                if (c.get("status").asText().equals("queued")) {
                    held = c;
                }
            }
            assertThat(held.get("phoneNumber").asText()).isEqualTo("+14150000001");
            assertThat(held.get("attemptCount").asInt()).isZero();
            JsonNode timeline = http.get("/batch/jobs/" + second + "/contacts/" + held.get("id").asText());
            assertThat(timeline.get("waits").get(0).get("reason").asText()).isEqualTo("conversation_pause");
        }
    }

    @Test
    void jobsSurviveARestart() throws Exception {
        String id;
        JsonNode before;
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env()))) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            id = http.post("/batch/create", Http.job("Kept", 3, 1, 1, ",\"scheduledStartTime\":\"2099-01-01T00:00:00Z\"")).get("batchJobId").asText();
            before = http.get("/batch/jobs/" + id);
        }
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env()))) {
            JsonNode after = new Http(server.port(), "secret-key-one-0001").get("/batch/jobs/" + id);
            assertThat(after.get("status").asText()).isEqualTo("scheduled");
            assertThat(after.get("totalContacts").asLong()).isEqualTo(3);
            assertThat(after.get("contacts").toString()).isEqualTo(before.get("contacts").toString());
            assertThat(after.get("createdAt").asText()).isEqualTo(before.get("createdAt").asText());
        }
    }

    @Test
    void stoppedMidCampaignTheJobResumesAndNoContactStaysDialing() throws Exception {
        String id;
        // long calls: the server stops while attempts are in flight
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env("BATCHCALL_SIM_CALL_SECONDS", "60",
                "BATCHCALL_SIM_OUTCOMES", "completed=1")))) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            id = http.post("/batch/create", Http.job("Crash", 6, 3, 2, "")).get("batchJobId").asText();
            http.awaitJob(id, Duration.ofSeconds(10), d -> d.get("statusBreakdown").get("dialing").asLong() == 3);
        }
        // restarted with short calls and a short attempt deadline: the orphaned attempts are closed and retried
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env("BATCHCALL_SIM_CALL_SECONDS", "0.05",
                "BATCHCALL_SIM_OUTCOMES", "completed=1", "BATCHCALL_ATTEMPT_DEADLINE_SECONDS", "1")))) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            JsonNode done = http.awaitJob(id, Duration.ofSeconds(30), d -> d.get("status").asText().equals("completed"));
            assertThat(done.get("statusBreakdown").get("dialing").asLong()).isZero();
            assertThat(done.get("contactsProcessed").asLong()).isEqualTo(6);
            // the attempts in flight at the stop were closed by the deadline as "failed" (not retryable by
            // default); every other contact was dialed once by the restarted server and completed
            long failed = done.get("statusBreakdown").get("failed").asLong();
            assertThat(failed).isBetween(1L, 3L);
            assertThat(done.get("statusBreakdown").get("completed").asLong()).isEqualTo(6 - failed);
            for (JsonNode c : done.get("contacts")) {
                assertThat(c.get("attemptCount").asInt()).isEqualTo(1);
                if (c.get("status").asText().equals("failed")) {
                    assertThat(c.get("failureReason").asText()).contains("outcome not reported");
                }
            }
        }
    }
}
