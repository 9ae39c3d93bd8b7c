package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook dialer against a small HTTP receiver playing the telephony side. */
class WebhookDialerTest {

    @TempDir
    Path data;

    private Vertx receiverVertx;
    private HttpServer receiver;
    private final List<JsonObject> dialRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(202);
    private volatile String answerBody = "";

    @BeforeEach
    void startReceiver() {
        receiverVertx = Vertx.vertx();
        receiver = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            dialRequests.add(body.toJsonObject());
            req.response().setStatusCode(answer.get()).end(answerBody);
        })).listen(0).await();
    }

    @AfterEach
    void stopReceiver() {
        receiverVertx.close().await();
    }

    private BatchCallServer server() throws Exception {
        return BatchCallServer.start(Config.fromEnv(Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_DATA_DIR", data.toString(),
                "BATCHCALL_API_KEYS", "org-1:secret-key-one-0001", "BATCHCALL_TICK_MILLIS", "20", "BATCHCALL_DIALER", "webhook",
                "BATCHCALL_DIALER_WEBHOOK_URL", "http://localhost:" + receiver.actualPort() + "/dial")));
    }

    @Test
    void dialRequestsGoOutAndOutcomesComeBackAsCallEvents() throws Exception {
        try (BatchCallServer server = server()) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            String id = http.post("/batch/create", Http.job("Hook", 2, 5, 2, ",\"retryableStatuses\":[\"no_answer\"]")).get("batchJobId").asText();
            http.awaitJob(id, Duration.ofSeconds(10), d -> d.get("statusBreakdown").get("dialing").asLong() == 2 && dialRequests.size() == 2);
            assertThat(dialRequests).hasSize(2);
            JsonObject first = dialRequests.get(0);
            assertThat(first.fieldNames()).containsExactlyInAnyOrder("batchJobId", "contactId", "attempt", "phoneNumber",
                    "fromPhoneNumberId", "agentId", "contactData", "roomName");
            assertThat(first.getString("batchJobId")).isEqualTo(id);
            assertThat(first.getInteger("attempt")).isEqualTo(1);
            assertThat(first.getString("fromPhoneNumberId")).isEqualTo("pn_1");
            assertThat(first.getString("agentId")).isEqualTo("ag_1");
            assertThat(first.getJsonObject("contactData").getInteger("n")).isNotNull();

            for (JsonObject r : dialRequests) {
                String c = r.getString("contactId");
                assertThat(http.post("/batch/call-events", "{\"batchJobId\":\"" + id + "\",\"contactId\":\"" + c
                        + "\",\"attempt\":1,\"type\":\"connected\",\"roomName\":\"lk-" + c + "\"}").get("_status").asInt()).isEqualTo(200);
            }
            String c1 = dialRequests.get(0).getString("contactId");
            String c2 = dialRequests.get(1).getString("contactId");
            http.post("/batch/call-events", "{\"batchJobId\":\"" + id + "\",\"contactId\":\"" + c1
                    + "\",\"attempt\":1,\"type\":\"ended\",\"outcome\":\"completed\",\"callDuration\":42}");
            http.post("/batch/call-events", "{\"batchJobId\":\"" + id + "\",\"contactId\":\"" + c2
                    + "\",\"attempt\":1,\"type\":\"ended\",\"sipCode\":480}");
            http.awaitJob(id, Duration.ofSeconds(10), d -> dialRequests.size() == 3);
            assertThat(dialRequests.get(2).getString("contactId")).isEqualTo(c2);
            assertThat(dialRequests.get(2).getInteger("attempt")).isEqualTo(2);
            http.post("/batch/call-events", "{\"batchJobId\":\"" + id + "\",\"contactId\":\"" + c2
                    + "\",\"attempt\":2,\"type\":\"ended\",\"outcome\":\"completed\",\"callDuration\":7}");
            JsonNode done = http.awaitJob(id, Duration.ofSeconds(10), d -> d.get("status").asText().equals("completed"));
            JsonNode first1 = done.get("contacts").get(0);
            assertThat(first1.get("callDuration").asInt()).isEqualTo(42);
            assertThat(first1.get("roomName").asText()).isEqualTo("lk-" + c1);
            assertThat(done.get("successfulCalls").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedDialIsACarrierError() throws Exception {
        answer.set(503);
        try (BatchCallServer server = server()) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            String id = http.post("/batch/create", Http.job("Refused", 1, 1, 1, "")).get("batchJobId").asText();
            JsonNode done = http.awaitJob(id, Duration.ofSeconds(10), d -> d.get("status").asText().equals("completed"));
            JsonNode c = done.get("contacts").get(0);
            assertThat(c.get("status").asText()).isEqualTo("carrier_error");
            assertThat(c.get("failureReason").asText()).contains("503");
        }
    }

    @Test
    void aFatalRefusalFailsTheJobAndCancelsItsOpenContacts() throws Exception {
        answer.set(403);
        answerBody = "{\"fatal\": true, \"reason\": \"caller ID pn_1 rejected\"}";
        try (BatchCallServer server = server()) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            String id = http.post("/batch/create", Http.job("Fatal", 4, 2, 1, "")).get("batchJobId").asText();
            JsonNode failed = http.awaitJob(id, Duration.ofSeconds(10), d -> d.get("status").asText().equals("failed"));
            assertThat(failed.get("completedAt").isNull()).isFalse();
            assertThat(failed.get("statusBreakdown").get("cancelled").asLong()).isEqualTo(4);
            assertThat(failed.get("contacts").get(0).get("failureReason").asText()).isEqualTo("job failed: caller ID pn_1 rejected");
        }
    }
}
