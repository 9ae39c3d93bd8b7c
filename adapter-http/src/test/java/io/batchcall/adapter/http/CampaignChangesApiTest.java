package io.batchcall.adapter.http;

import io.batchcall.application.EngineHarness;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §16 over a real socket (every answer checked against the OpenAPI document): contacts added to a running job
 * as JSON and as a CSV file, a dry run, an idempotent retry, refusals.
 */
class CampaignChangesApiTest {

    private static final String KEY = "changes-key-00000000001";
    private static final String OTHER = "changes-key-00000000002";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, Map.of(KEY, "org-changes", OTHER, "org-other"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    @Test
    void contactsAreAddedToARunningJobAsJsonOrCsvOnceAndOnlyToAJobThatHasNotEnded() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Growing");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("contacts", List.of(Map.of("phone", "+13125558001")));
        String job = api.post("/batch/create", KEY, body).body().get("batchJobId").asText();
        h.engine.dispatcher.tick();
        String path = "/batch/jobs/" + job + "/contacts";

        ApiClient.Response dry = api.post(path + "?dryRun=true", KEY, Map.of("contacts", List.of(Map.of("phone", "+13125558002"))));
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.body().get("dryRun").asBoolean()).isTrue();
        assertThat(api.get("/batch/jobs/" + job, KEY).body().get("totalContacts").asLong()).isEqualTo(1);

        ApiClient.Response json = api.post(path, KEY, Map.of("contacts", List.of(Map.of("phone", "+13125558001"),
                Map.of("phone", "+13125558002", "name", "Ada", "expiresAt", "2099-01-01T00:00:00Z"))));
        assertThat(json.status()).as(json.raw()).isEqualTo(200);
        assertThat(json.body().get("added").asLong()).isEqualTo(1);
        assertThat(json.body().get("totalContacts").asLong()).isEqualTo(2);
        assertThat(json.body().get("skippedRows").get(0).get("reason").asText()).isEqualTo("duplicate_in_job");

        byte[] csv = "phone,name\n+13125558003,Bo\n+13125558003,Bo again\n".getBytes(StandardCharsets.UTF_8);
        ApiClient.Response viaCsv = api.postCsv(path, KEY, Map.of(), csv);
        assertThat(viaCsv.status()).as(viaCsv.raw()).isEqualTo(200);
        assertThat(viaCsv.body().get("added").asLong()).isEqualTo(1);
        assertThat(viaCsv.body().get("skippedRows").get(0).get("reason").asText()).isEqualTo("duplicate_phone");

        Map<String, Object> again = Map.of("contacts", List.of(Map.of("phone", "+13125558004")));
        ApiClient.Response first = api.sendWith("POST", path, KEY, "application/json",
                "{\"contacts\":[{\"phone\":\"+13125558004\"}]}".getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", "add-1"));
        ApiClient.Response replay = api.sendWith("POST", path, KEY, "application/json",
                "{\"contacts\":[{\"phone\":\"+13125558004\"}]}".getBytes(StandardCharsets.UTF_8), Map.of("Idempotency-Key", "add-1"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(replay.raw()).isEqualTo(first.raw());
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(api.get("/batch/jobs/" + job, KEY).body().get("totalContacts").asLong()).isEqualTo(4);

        h.engine.dispatcher.tick();
        List<DialRequest> calls = h.dialer.drain().stream().filter(d -> d.batchJobId().equals(job)).toList();
        assertThat(calls).extracting(DialRequest::phoneNumber).contains("+13125558002", "+13125558003", "+13125558004");

        assertThat(api.post(path, OTHER, again).code()).isEqualTo("job_not_found");
        assertThat(api.post(path, KEY, Map.of("contacts", again.get("contacts"), "name", "x")).code()).isEqualTo("unknown_field");
        assertThat(api.post(path, KEY, Map.of("people", List.of())).code()).isEqualTo("missing_contacts");
        assertThat(api.post("/batch/jobs/" + job + "/cancel", KEY, Map.of()).status()).isEqualTo(200);
        ApiClient.Response ended = api.post(path, KEY, again);
        assertThat(ended.status()).isEqualTo(400);
        assertThat(ended.code()).isEqualTo("invalid_status");
    }
}
