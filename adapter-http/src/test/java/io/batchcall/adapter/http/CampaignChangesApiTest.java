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

    /** CONTRACT §16 priority over HTTP: a CSV column and a JSON field; a bad one skips its row; higher goes first. */
    @Test
    void contactsCarryAPriorityFromACsvColumnOrAJsonFieldAndTheHigherIsDialedFirst() {
        byte[] csv = ("phone,priority\n+13125559101,\n+13125559102,high\n+13125559103,5\n+13125559104,100\n").getBytes(StandardCharsets.UTF_8);
        ApiClient.Response created = api.postCsv("/batch/create", KEY, Map.of("name", "Ranked", "fromPhoneNumberId", "pn_1",
                "concurrentCallLimit", "1"), csv);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("totalContacts").asLong()).isEqualTo(2);
        assertThat(created.body().get("skippedRows").findValuesAsText("reason")).containsExactly("invalid_priority", "invalid_priority");
        String job = created.body().get("batchJobId").asText();
        ApiClient.Response added = api.post("/batch/jobs/" + job + "/contacts", KEY, Map.of("contacts", List.of(
                Map.of("phone", "+13125559105", "priority", 9), Map.of("phone", "+13125559106", "priority", 2.5))));
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        assertThat(added.body().get("added").asLong()).isEqualTo(1);
        assertThat(added.body().get("skippedRows").get(0).get("reason").asText()).isEqualTo("invalid_priority");
        h.engine.dispatcher.tick();
        List<DialRequest> calls = h.dialer.drain().stream().filter(d -> d.batchJobId().equals(job)).toList();
        assertThat(calls).extracting(DialRequest::phoneNumber).as("priority 9 before 5 before 0").containsExactly("+13125559105");
    }
}
