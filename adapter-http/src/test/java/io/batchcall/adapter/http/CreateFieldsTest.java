package io.batchcall.adapter.http;

import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a create reads, and nothing else: {@code dryRun} wherever the create's fields go (query, form
 * field, JSON body) — a dry run asked in the body once created a real job that dialed —, an unknown or
 * misspelled field refused naming the closest known one, fields of contract parts not built refused
 * rather than ignored, a number sent as a JSON string refused, and a replayed idempotent create marked.
 */
class CreateFieldsTest {

    private static final String KEY = "fields-key-00000000001";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, Map.of(KEY, "org-f"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final ApiClient api = app.client;

    private static String body(String extra) {
        return "{\"name\":\"Fields\",\"fromPhoneNumberId\":\"pn_1\"" + extra + ",\"contacts\":[{\"phone\":\"+14155550101\"}]}";
    }

    private static ApiClient.Response postJson(String path, String json) {
        return api.postRaw(path, KEY, "application/json", json);
    }

    private static long jobs() {
        return api.get("/batch/jobs", KEY).body().get("total").asLong();
    }

    @Test
    void aDryRunAskedInTheBodyOrAFormFieldStoresNothing() {
        long before = jobs();
        ApiClient.Response json = postJson("/batch/create", body(",\"dryRun\":true"));
        assertThat(json.status()).as(json.raw()).isEqualTo(200);
        assertThat(json.body().get("dryRun").asBoolean()).isTrue();
        ApiClient.Response form = api.postCsv("/batch/create", KEY, Map.of("name", "F", "fromPhoneNumberId", "pn_1", "dryRun", "true"),
                "phone\n+14155550101\n".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).as(form.raw()).isEqualTo(200);
        assertThat(form.body().get("dryRun").asBoolean()).isTrue();
        ApiClient.Response query = postJson("/batch/create?dryRun=true", body(""));
        assertThat(query.status()).isEqualTo(200);
        assertThat(jobs()).as("no job was created by a dry run").isEqualTo(before);

        ApiClient.Response snake = postJson("/batch/create?dry_run=true", body(""));
        assertThat(snake.status()).isEqualTo(400);
        assertThat(snake.code()).isEqualTo("unknown_field");
        assertThat(snake.body().get("error").get("message").asText()).contains("'dry_run'").contains("did you mean 'dryRun'");
        assertThat(postJson("/batch/create", body(",\"dryRun\":\"yes\"")).code()).isEqualTo("invalid_dry_run");
        assertThat(jobs()).isEqualTo(before);
    }

    @Test
    void unknownFieldsAreRefusedWithTheClosestKnownOne() {
        long before = jobs();
        Map<String, String> misspelled = Map.of("concurrentCalls", "concurrentCallLimit", "max_attempts", "maxAttempts",
                "retryDelay", "retryDelaySeconds", "scheduledTime", "scheduledStartTime", "agent_id", "agentId");
        misspelled.forEach((wrong, right) -> {
            ApiClient.Response r = postJson("/batch/create", body(",\"" + wrong + "\":1"));
            assertThat(r.status()).as(wrong).isEqualTo(400);
            assertThat(r.code()).as(wrong).isEqualTo("unknown_field");
            assertThat(r.body().get("error").get("message").asText()).as(wrong).contains("'" + wrong + "'").contains("'" + right + "'");
        });
        ApiClient.Response csv = api.postCsv("/batch/create", KEY, Map.of("name", "F", "fromPhoneNumberId", "pn_1", "concurrentCalls", "2"),
                "phone\n+14155550101\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csv.code()).isEqualTo("unknown_field");
        ApiClient.Response consent = postJson("/batch/create", body(",\"requireConsent\":\"yes\""));
        assertThat(consent.status()).isEqualTo(400);
        assertThat(consent.code()).isEqualTo("invalid_require_consent");
        assertThat(postJson("/batch/create", body(",\"organizationId\":\"org-f\",\"concurrentCallLimit\":2")).status())
                .as("a field the reference API documents is accepted and ignored").isEqualTo(201);
        assertThat(jobs()).isEqualTo(before + 1);

        assertThat(postJson("/batch/webhooks", "{\"url\":\"https://example.com/h\",\"event\":[\"job.completed\"]}").code())
                .isEqualTo("unknown_field");
        assertThat(postJson("/batch/suppressions", "{\"phoneNumber\":[\"+14155550101\"]}").code()).isEqualTo("unknown_field");
        ApiClient.Response event = postJson("/batch/call-events", "{\"batchJobId\":\"bj_x\",\"contactId\":\"c\",\"attempt\":1,"
                + "\"type\":\"ended\",\"outcom\":\"completed\"}");
        assertThat(event.code()).isEqualTo("unknown_field");
        assertThat(event.body().get("error").get("message").asText()).contains("'outcome'");
    }

    @Test
    void aNumberSentAsAJsonStringIsRefusedButAFormFieldIsText() {
        ApiClient.Response r = postJson("/batch/create", body(",\"concurrentCallLimit\":\"5\""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid_concurrent_call_limit");
        assertThat(postJson("/batch/create", body(",\"maxAttempts\":\"2\"")).code()).isEqualTo("invalid_max_attempts");
        assertThat(postJson("/batch/create", body(",\"retryDelaySeconds\":\"60\"")).code()).isEqualTo("invalid_retry_delay");
        ApiClient.Response form = api.postCsv("/batch/create", KEY, Map.of("name", "F", "fromPhoneNumberId", "pn_1",
                "concurrentCallLimit", "5"), "phone\n+14155550101\n".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).as(form.raw()).isEqualTo(201);
    }

    @Test
    void aReplayedIdempotentCreateIsMarked() {
        byte[] json = body("").getBytes(StandardCharsets.UTF_8);
        ApiClient.Response first = api.sendWith("POST", "/batch/create", KEY, "application/json", json, Map.of("Idempotency-Key", "once-1"));
        ApiClient.Response again = api.sendWith("POST", "/batch/create", KEY, "application/json", json, Map.of("Idempotency-Key", "once-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.body().get("batchJobId").asText()).isEqualTo(first.body().get("batchJobId").asText());
    }
}
