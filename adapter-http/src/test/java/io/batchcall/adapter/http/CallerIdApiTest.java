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

/** CONTRACT §14 over a real socket: caller ids, pools on create, the chosen id in the dial, the detail and the export. */
class CallerIdApiTest {

    private static final String KEY = "callerid-key-0000000001";
    private static final String OTHER = "callerid-key-0000000002";
    /** An organization only the registry test uses: its list holds what that test registered. */
    private static final String ALONE = "callerid-key-0000000003";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, Map.of(KEY, "org-cid", OTHER, "org-cid-2", ALONE, "org-cid-3"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    private static ApiClient.Response put(String id, String key, Object body) {
        try {
            return api.send("PUT", "/batch/caller-ids/" + id, key, "application/json",
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void callerIdsAreRegisteredListedChangedAndRemovedAndInvisibleToOtherOrganizations() {
        ApiClient.Response created = put("pn-sf", ALONE, Map.of("phoneNumber", "+14155550100", "callsPerSecond", 1, "dailyCap", 300));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("state").asText()).isEqualTo("active");
        assertThat(created.body().get("dialsToday").asLong()).isZero();
        ApiClient.Response changed = put("pn-sf", ALONE, Map.of("phoneNumber", "+14155550199", "callsPerSecond", 2.5));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("callsPerSecond").asDouble()).isEqualTo(2.5);
        assertThat(changed.body().get("dailyCap").isNull()).isTrue();

        JsonNode list = api.get("/batch/caller-ids", ALONE).body();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.get("callerIds").get(0).get("phoneNumber").asText()).isEqualTo("+14155550199");
        assertThat(api.get("/batch/caller-ids", OTHER).body().get("total").asInt()).isZero();
        assertThat(api.get("/batch/caller-ids/pn-sf", OTHER).code()).isEqualTo("caller_id_not_found");
        assertThat(api.send("DELETE", "/batch/caller-ids/pn-sf", OTHER, null, null).status()).isEqualTo(404);

        assertThat(api.send("DELETE", "/batch/caller-ids/pn-sf", ALONE, null, null).status()).isEqualTo(200);
        assertThat(api.get("/batch/caller-ids/pn-sf", ALONE).status()).isEqualTo(404);
    }

    @Test
    void badRegistrationsAreRefusedWithTheirCodesAndNothingIsStored() {
        Map<String, Object> ok = Map.of("phoneNumber", "+14155550100");
        assertThat(put("pn-x", KEY, Map.of("phoneNumber", "4155550100")).code()).isEqualTo("invalid_phone_number");
        assertThat(put("pn-x", KEY, Map.of()).code()).isEqualTo("missing_phone_number");
        assertThat(put("pn-x", KEY, Map.of("phoneNumber", "+14155550100", "callsPerSecond", 0.01)).code()).isEqualTo("invalid_calls_per_second");
        assertThat(put("pn-x", KEY, Map.of("phoneNumber", "+14155550100", "callsPerSecond", 1001)).code()).isEqualTo("invalid_calls_per_second");
        assertThat(put("pn-x", KEY, Map.of("phoneNumber", "+14155550100", "callsPerSecond", "fast")).code()).isEqualTo("invalid_calls_per_second");
        assertThat(put("pn-x", KEY, Map.of("phoneNumber", "+14155550100", "dailyCap", 0)).code()).isEqualTo("invalid_daily_cap");
        assertThat(put("pn-x", KEY, Map.of("phoneNumber", "+14155550100", "dailyCap", 5_000_000_000L)).code()).isEqualTo("invalid_daily_cap");
        assertThat(put("pn-x", KEY, Map.of("phoneNumber", "+14155550100", "cps", 1)).code()).isEqualTo("unknown_field");
        assertThat(put("x".repeat(201), KEY, ok).code()).isEqualTo("invalid_caller_id");
        assertThat(api.get("/batch/caller-ids/pn-x", KEY).status()).isEqualTo(404);
    }

    @Test
    void aPoolDialsEachContactFromItsLocalNumberAndSaysSoInTheDetailAndTheExport() {
        put("pool-415", KEY, Map.of("phoneNumber", "+14155550100"));
        put("pool-212", KEY, Map.of("phoneNumber", "+12125550100"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Local presence");
        body.put("fromPhoneNumberIds", List.of("pool-212", "pool-415"));
        body.put("contacts", List.of(Map.of("phone", "+14155551001"), Map.of("phone", "+12125551002")));
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("batchJobId").asText();
        JsonNode detail = api.get("/batch/jobs/" + id, KEY).body();
        assertThat(detail.get("fromPhoneNumberId").asText()).isEqualTo("pool-212");
        assertThat(detail.get("fromPhoneNumberIds").toString()).isEqualTo("[\"pool-212\",\"pool-415\"]");
        assertThat(detail.get("callerIdSelection").asText()).isEqualTo("local");
        assertThat(detail.get("stickyCallerId").asBoolean()).isTrue();

        h.engine.dispatcher.tick();
        h.engine.dispatcher.tick();
        Map<String, String> fromByPhone = new LinkedHashMap<>();
        for (DialRequest r : h.dialer.requests()) {
            if (r.batchJobId().equals(id)) {
                fromByPhone.put(r.phoneNumber(), r.fromPhoneNumberId());
            }
        }
        assertThat(fromByPhone).containsEntry("+14155551001", "pool-415").containsEntry("+12125551002", "pool-212");
        JsonNode contacts = api.get("/batch/jobs/" + id, KEY).body().get("contacts");
        assertThat(contacts.get(0).get("callerId").asText()).isEqualTo("pool-415");
        String csv = api.text("/batch/jobs/" + id + "/contacts.csv", KEY);
        assertThat(csv.lines().findFirst().get()).contains("callerId");
        assertThat(csv).contains("pool-415").contains("pool-212");
        assertThat(api.get("/batch/caller-ids/pool-415", KEY).body().get("dialsToday").asLong()).isEqualTo(1);
    }

    @Test
    void badPoolsAreRefusedAndNothingIsStored() {
        long before = api.get("/batch/jobs?pageSize=100", KEY).body().get("total").asLong();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Bad pool");
        body.put("contacts", List.of(Map.of("phone", "+14155551001")));
        body.put("fromPhoneNumberIds", List.of("a", "a"));
        assertThat(api.post("/batch/create", KEY, body).code()).isEqualTo("duplicate_caller_id");
        body.put("fromPhoneNumberIds", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "pn-" + i).toList());
        assertThat(api.post("/batch/create", KEY, body).code()).isEqualTo("invalid_from_phone_number_ids");
        body.put("fromPhoneNumberIds", List.of());
        assertThat(api.post("/batch/create", KEY, body).code()).isEqualTo("invalid_from_phone_number_ids");
        body.put("fromPhoneNumberIds", List.of("a"));
        body.put("callerIdSelection", "nearest");
        assertThat(api.post("/batch/create", KEY, body).code()).isEqualTo("invalid_caller_id_selection");
        body.put("callerIdSelection", "round_robin");
        body.put("stickyCallerId", "yes");
        assertThat(api.post("/batch/create", KEY, body).code()).isEqualTo("invalid_sticky_caller_id");
        body.remove("fromPhoneNumberIds");
        body.remove("stickyCallerId");
        assertThat(api.post("/batch/create", KEY, body).code()).isEqualTo("missing_from_phone_number_id");
        assertThat(api.get("/batch/jobs?pageSize=100", KEY).body().get("total").asLong()).isEqualTo(before);
        ApiClient.Response form = api.postCsv("/batch/create", KEY, Map.of("name", "CSV pool", "fromPhoneNumberIds", "pn-a, pn-b",
                "callerIdSelection", "round_robin", "stickyCallerId", "false"), "phone\n+14155551001\n".getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).as(form.raw()).isEqualTo(201);
        JsonNode job = api.get("/batch/jobs/" + form.body().get("batchJobId").asText(), KEY).body();
        assertThat(job.get("fromPhoneNumberIds").toString()).as("a form sends the pool comma-separated").isEqualTo("[\"pn-a\",\"pn-b\"]");
        assertThat(job.get("stickyCallerId").asBoolean()).isFalse();
    }
}
