package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.application.EngineHarness;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detail answers served again from memory (the in-memory store, like the embedded one, versions every
 * write): a repeated request gets the same answer, and never one that a write or the clock has made stale.
 */
class DetailAnswersTest {

    private static final String KEY = "detail-answers-key-0001";
    private static final String OTHER = "detail-answers-key-0002";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, Map.of(KEY, "org-da", OTHER, "org-db"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    private static String create(int contacts, Map<String, Object> retryFields) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            rows.add(Map.of("phone", String.format("+1212555%04d", 1000 + i + (int) (h.clock.now().getEpochSecond() % 1000) * 10)));
        }
        var body = new java.util.LinkedHashMap<String, Object>(Map.of("name", "Kept", "fromPhoneNumberId", "pn_1", "contacts", rows));
        body.put("concurrentCallLimit", 1);
        body.putAll(retryFields);
        ApiClient.Response r = api.post("/batch/create", KEY, body);
        assertThat(r.status()).isEqualTo(201);
        return r.body().get("batchJobId").asText();
    }

    private static JsonNode detail(String id, String query) {
        ApiClient.Response r = api.get("/batch/jobs/" + id + query, KEY);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** The call's end, reported over HTTP as a telephony bridge does. */
    private static void end(DialRequest call, String outcome) {
        ApiClient.Response r = api.post("/batch/call-events", KEY, Map.of("batchJobId", call.batchJobId(), "contactId", call.contactId(),
                "attempt", call.attempt(), "type", "ended", "outcome", outcome));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    @Test
    void everyWriteIsSeenByTheNextRead() {
        String id = create(3, Map.of("maxAttempts", 1));
        ApiClient.Response first = api.get("/batch/jobs/" + id, KEY);
        assertThat(api.get("/batch/jobs/" + id, KEY).raw()).isEqualTo(first.raw());
        assertThat(detail(id, "?contactsPageSize=1&contactsPage=2").get("contacts").get(0).get("phoneNumber").asText())
                .as("another page is another answer").isNotEqualTo(first.body().get("contacts").get(0).get("phoneNumber").asText());

        assertThat(api.post("/batch/jobs/" + id + "/start", KEY, Map.of()).status()).isEqualTo(200);
        assertThat(detail(id, "").get("status").asText()).isEqualTo("running");
        h.engine.dispatcher.tick();
        assertThat(detail(id, "").get("statusBreakdown").get("dialing").asLong()).isEqualTo(1);
        DialRequest call = h.dialer.requests().stream().filter(d -> d.batchJobId().equals(id)).findFirst().orElseThrow();
        end(call, "completed");
        assertThat(detail(id, "").get("statusBreakdown").get("completed").asLong()).isEqualTo(1);
        assertThat(api.post("/batch/jobs/" + id + "/cancel", KEY, Map.of()).status()).isEqualTo(200);
        JsonNode cancelled = detail(id, "");
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(api.get("/batch/jobs/" + id, KEY).raw()).isEqualTo(api.get("/batch/jobs/" + id, KEY).raw());

        ApiClient.Response stranger = api.get("/batch/jobs/" + id, OTHER);
        assertThat(stranger.status()).as("another organization, after the owner's answers were kept").isEqualTo(404);
        assertThat(stranger.code()).isEqualTo("job_not_found");
    }

    @Test
    void aRetryTimeThatPassesIsNotShownAgain() {
        String id = create(1, Map.of("maxAttempts", 3, "retryableStatuses", List.of("busy"), "retryDelaySeconds", 600));
        api.post("/batch/jobs/" + id + "/start", KEY, Map.of());
        h.engine.dispatcher.tick();
        DialRequest call = h.dialer.requests().stream().filter(d -> d.batchJobId().equals(id)).findFirst().orElseThrow();
        end(call, "busy");
        api.post("/batch/jobs/" + id + "/pause", KEY, Map.of());
        JsonNode waiting = detail(id, "").get("contacts").get(0);
        assertThat(waiting.get("status").asText()).isEqualTo("queued");
        Instant retryAt = Instant.parse(waiting.get("nextCallableAt").asText());
        assertThat(detail(id, "").get("contacts").get(0).get("nextCallableAt").asText()).isEqualTo(waiting.get("nextCallableAt").asText());
        h.clock.set(retryAt.plusSeconds(1));
        assertThat(detail(id, "").get("contacts").get(0).get("nextCallableAt").isNull()).as("callable now").isTrue();
    }
}
