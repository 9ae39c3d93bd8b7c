package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
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

/** CONTRACT §10–§12 over a real socket: calling windows, suppression lists, dry run and idempotent create. */
class ComplianceApiTest {

    private static final String KEY = "compliance-key-000000001";
    private static final String OTHER = "compliance-key-000000002";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, java.util.Map.of(KEY, "org-c", OTHER, "org-d"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    private static Map<String, Object> job(String name, Object window, List<Map<String, Object>> contacts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("fromPhoneNumberId", "pn_1");
        if (window != null) {
            body.put("callingWindow", window);
        }
        body.put("contacts", contacts);
        return body;
    }

    @Test
    void aJobCarriesItsRuleForMachineAnswersAndABadOneIsRefused() {
        Map<String, Object> body = job("Machines", null, List.of(Map.of("phone", "+12125550111")));
        body.put("machineAnswerOutcome", "voicemail");
        long before = jobs(KEY);
        ApiClient.Response bad = api.post("/batch/create", KEY, body);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid_machine_answer_outcome");
        assertThat(jobs(KEY)).isEqualTo(before);

        body.put("machineAnswerOutcome", "no_answer");
        String id = api.post("/batch/create", KEY, body).body().get("batchJobId").asText();
        assertThat(api.get("/batch/jobs/" + id, KEY).body().get("machineAnswerOutcome").asText()).isEqualTo("no_answer");
        body.remove("machineAnswerOutcome");
        String plain = api.post("/batch/create", KEY, body).body().get("batchJobId").asText();
        assertThat(api.get("/batch/jobs/" + plain, KEY).body().get("machineAnswerOutcome").isNull()).isTrue();
        ApiClient.Response multipart = api.postCsv("/batch/create", KEY, Map.of("name", "CSV machines", "fromPhoneNumberId", "pn_1",
                "machineAnswerOutcome", "completed"), "phone\n+12125550112\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(multipart.status()).isEqualTo(201);
        assertThat(api.get("/batch/jobs/" + multipart.body().get("batchJobId").asText(), KEY).body().get("machineAnswerOutcome").asText())
                .isEqualTo("completed");
    }

    private static long jobs(String key) {
        return api.get("/batch/jobs?pageSize=100", key).body().get("total").asLong();
    }

    @Test
    void suppressionListEndpoints() {
        ApiClient.Response added = api.post("/batch/suppressions", KEY, Map.of("phoneNumbers",
                List.of("+14155550901", "+14155550902", "not-a-number", "+14155550901"), "reason", "asked"));
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        assertThat(added.body().get("added").asLong()).isEqualTo(2);
        assertThat(added.body().get("skippedCount").asLong()).isEqualTo(2);
        assertThat(api.post("/batch/suppressions", KEY, Map.of("phoneNumbers", List.of("+14155550902"))).body()
                .get("alreadyPresent").asLong()).isEqualTo(1);
        ApiClient.Response csv = api.postCsv("/batch/suppressions", KEY, Map.of("reason", "dnc scrub"),
                "Phone\n+14155550903\n+14155550904\n".getBytes(StandardCharsets.UTF_8));
        assertThat(csv.body().get("added").asLong()).as(csv.raw()).isEqualTo(2);

        JsonNode one = api.get("/batch/suppressions?phoneNumber=%2B14155550903", KEY).body();
        assertThat(one.get("suppressed").asBoolean()).isTrue();
        assertThat(one.get("reason").asText()).isEqualTo("dnc scrub");
        assertThat(one.get("addedAt").asText()).endsWith("Z");
        assertThat(api.get("/batch/suppressions?phoneNumber=%2B14155550999", KEY).body().get("suppressed").asBoolean()).isFalse();
        assertThat(api.get("/batch/suppressions?phoneNumber=%2B14155550903", OTHER).body().get("suppressed").asBoolean())
                .as("another organization's list is invisible").isFalse();
        assertThat(api.get("/batch/suppressions?phoneNumber=123", KEY).code()).isEqualTo("invalid_phone_number");

        JsonNode page = api.get("/batch/suppressions?pageSize=3&page=1", KEY).body();
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(page.get("suppressions")).hasSize(3);
        assertThat(api.get("/batch/suppressions?pageSize=501", KEY).code()).isEqualTo("invalid_page_size");

        assertThat(api.send("DELETE", "/batch/suppressions/%2B14155550904", KEY, null, null).status()).isEqualTo(200);
        ApiClient.Response again = api.send("DELETE", "/batch/suppressions/%2B14155550904", KEY, null, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("not_suppressed");
    }

    @Test
    void createSkipsSuppressedNumbersAndInvalidZonesAndADryRunStoresNothing() {
        api.post("/batch/suppressions", KEY, Map.of("phoneNumbers", List.of("+12125550777")));
        Map<String, Object> body = job("Dry", Map.of("start", "09:00", "end", "20:00"), List.of(
                Map.of("phone", "+12125550101"), Map.of("phone", "+12125550777"), Map.of("phone", "+442071234567", "timezone", "Europe/London"),
                Map.of("phone", "+33142000000", "timezone", "Mars/Base")));
        long before = jobs(KEY);
        ApiClient.Response dry = api.post("/batch/create?dryRun=true", KEY, body);
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.body().get("totalContacts").asLong()).isEqualTo(2);
        assertThat(dry.body().get("skippedCount").asLong()).isEqualTo(2);
        assertThat(dry.body().get("skippedRows").get(0).get("reason").asText()).isEqualTo("suppressed");
        assertThat(dry.body().get("skippedRows").get(1).get("reason").asText()).isEqualTo("invalid_timezone");
        assertThat(dry.body().get("skippedByReason").get("suppressed").asLong()).isEqualTo(1);
        assertThat(dry.body().get("skippedByReason").get("invalid_timezone").asLong()).isEqualTo(1);
        assertThat(dry.body().get("skippedByReason").size()).isEqualTo(2);
        assertThat(dry.body().get("timezones").get("America/New_York").asLong()).isEqualTo(1);
        assertThat(dry.body().get("timezones").get("Europe/London").asLong()).isEqualTo(1);
        // the harness clock is Sunday 2026-03-01 09:00 UTC: London opens at 09:00 UTC, now
        assertThat(dry.body().get("firstCallableAt").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(jobs(KEY)).as("a dry run stores nothing").isEqualTo(before);

        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).isEqualTo(201);
        JsonNode detail = api.get("/batch/jobs/" + created.body().get("batchJobId").asText(), KEY).body();
        assertThat(detail.get("callingWindow").get("start").asText()).isEqualTo("09:00");
        assertThat(detail.get("callingWindow").get("days")).hasSize(7);
        JsonNode ny = detail.get("contacts").get(0);
        assertThat(ny.get("timezone").asText()).isEqualTo("America/New_York");
        assertThat(ny.get("nextCallableAt").asText()).isEqualTo("2026-03-01T14:00:00Z"); // 09:00 EST
        assertThat(detail.get("contacts").get(1).get("nextCallableAt").isNull()).as("London is callable now").isTrue();
    }

    @Test
    void badWindowsAreRefusedAndStoreNothing() {
        long before = jobs(KEY);
        for (Object bad : List.of(Map.of("start", "20:00", "end", "09:00"), Map.of("start", "9:00", "end", "17:00"),
                Map.of("start", "09:00", "end", "17:00", "days", List.of("someday")),
                Map.of("start", "09:00", "end", "17:00", "blackoutDates", List.of("2026-02-30")), "not an object", List.of(1))) {
            ApiClient.Response r = api.post("/batch/create", KEY, job("Bad", bad, List.of(Map.of("phone", "+12125550101"))));
            assertThat(r.status()).as(bad + " → " + r.raw()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("invalid_calling_window");
        }
        ApiClient.Response form = api.postCsv("/batch/create", KEY, Map.of("name", "Form", "fromPhoneNumberId", "pn",
                "callingWindow", "{\"start\":\"10:00\",\"end\":\"09:00\"}"), "phone\n+12125550101\n".getBytes(StandardCharsets.UTF_8));
        assertThat(form.code()).isEqualTo("invalid_calling_window");
        assertThat(jobs(KEY)).isEqualTo(before);
        ApiClient.Response good = api.postCsv("/batch/create", KEY, Map.of("name", "Form", "fromPhoneNumberId", "pn",
                "callingWindow", "{\"start\":\"10:00\",\"end\":\"18:00\",\"days\":[\"sat\",\"sun\"]}"), "phone\n+12125550101\n".getBytes(StandardCharsets.UTF_8));
        assertThat(good.status()).as(good.raw()).isEqualTo(201);
    }

    @Test
    void anIdempotentCreateAnswersTheFirstResponseAgain() {
        Map<String, Object> body = job("Once", null, List.of(Map.of("phone", "+16465550301"), Map.of("phone", "+16465550302")));
        byte[] bytes = ApiClient.json(body);
        long before = jobs(KEY);
        ApiClient.Response first = api.sendWith("POST", "/batch/create", KEY, "application/json", bytes, Map.of("Idempotency-Key", "order-42"));
        ApiClient.Response second = api.sendWith("POST", "/batch/create", KEY, "application/json", bytes, Map.of("Idempotency-Key", "order-42"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.raw()).isEqualTo(first.raw());
        assertThat(jobs(KEY)).isEqualTo(before + 1);
        body.put("name", "Twice");
        ApiClient.Response reused = api.sendWith("POST", "/batch/create", KEY, "application/json", ApiClient.json(body),
                Map.of("Idempotency-Key", "order-42"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        // the same key from another organization is another key
        assertThat(api.sendWith("POST", "/batch/create", OTHER, "application/json", bytes, Map.of("Idempotency-Key", "order-42"))
                .status()).isEqualTo(201);
        assertThat(jobs(KEY)).isEqualTo(before + 1);
    }

    @Test
    void anOptOutEventSuppressesTheNumber() {
        ApiClient.Response created = api.post("/batch/create", KEY, job("Opt", null, List.of(Map.of("phone", "+16465550401"))));
        String id = created.body().get("batchJobId").asText();
        h.engine.dispatcher.tick();
        DialRequest r = h.dialer.drain().stream().filter(d -> d.batchJobId().equals(id)).findFirst().get();
        ApiClient.Response ended = api.post("/batch/call-events", KEY, Map.of("batchJobId", id, "contactId", r.contactId(),
                "attempt", 1, "type", "ended", "outcome", "completed", "optOut", true));
        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(api.get("/batch/suppressions?phoneNumber=%2B16465550401", KEY).body().get("suppressed").asBoolean()).isTrue();
    }
}
