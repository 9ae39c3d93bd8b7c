package io.batchcall.adapter.http;

import io.batchcall.application.CallingRulesCampaignTest;
import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §17 over a real socket: the rules in force, each contact's region in the detail, export and dry run. */
class CallingRulesApiTest {

    private static final String KEY = "rules-key-00000000000001";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS.withCallingRules(CallingRulesCampaignTest.PACK_FOR_HTTP),
            Map.of(KEY, "org-rules"), uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final ApiClient api = app.client;

    @Test
    void theRulesInForceAreShown() {
        ApiClient.Response rules = api.get("/batch/calling-rules", KEY);
        assertThat(rules.status()).as(rules.raw()).isEqualTo(200);
        assertThat(rules.body().get("count").asInt()).isEqualTo(4);
        assertThat(rules.body().get("rules").findValuesAsText("region")).containsExactly("US", "US-FL", "US-AL", "GB");
        var alabama = rules.body().get("rules").get(2);
        assertThat(alabama.get("hours").get("sun").isNull()).isTrue();
        assertThat(alabama.get("hours").get("mon").asText()).isEqualTo("08:00-20:00");
        assertThat(rules.body().get("rules").get(1).get("holidays").get(0).asText()).isEqualTo("2026-03-10");
        assertThat(rules.body().get("rules").get(0).get("source").asText()).isEqualTo("47 CFR 64.1200(c)(1)");
    }

    @Test
    void eachContactHasARegionItsOwnItsAreaCodesStateOrItsCountry() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Regions");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("scheduledStartTime", "2099-01-01T00:00:00Z");
        body.put("contacts", List.of(Map.of("phone", "+13055550101"), Map.of("phone", "+13055550102", "region", "us-ga"),
                Map.of("phone", "+442071234567"), Map.of("phone", "+16045550101"), Map.of("phone", "+13055550103", "region", "Georgia")));
        ApiClient.Response dry = api.post("/batch/create?dryRun=true", KEY, body);
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.body().get("regions").get("US-FL").asLong()).isEqualTo(1);
        assertThat(dry.body().get("regions").get("US-GA").asLong()).isEqualTo(1);
        assertThat(dry.body().get("regions").get("GB").asLong()).isEqualTo(1);
        assertThat(dry.body().get("regions").get("CA").asLong()).isEqualTo(1);
        assertThat(dry.body().get("timezones").has("America/New_York")).as("zones shown without the region").isTrue();

        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("skippedRows").get(0).get("reason").asText()).isEqualTo("invalid_region");
        String job = created.body().get("batchJobId").asText();
        var contacts = api.get("/batch/jobs/" + job, KEY).body().get("contacts");
        List<String> regions = new java.util.ArrayList<>();
        contacts.forEach(c -> regions.add(c.get("region").asText()));
        assertThat(regions).containsExactly("US-FL", "US-GA", "GB", "CA");
        assertThat(contacts.get(0).get("timezone").asText()).isEqualTo("America/New_York");
        String csv = api.text("/batch/jobs/" + job + "/contacts.csv", KEY);
        assertThat(csv.lines().findFirst().get()).contains(",region");
        assertThat(csv).contains(",US-GA");
        api.text("/batch/jobs/" + job + "/contacts.ndjson", KEY).lines().forEach(l -> OpenApiCheck.checkSchema("ExportRow", l));
        var timeline = api.get("/batch/jobs/" + job + "/contacts/" + job + "-c3", KEY);
        assertThat(timeline.status()).as(timeline.raw()).isEqualTo(200);
        assertThat(timeline.raw()).contains("\"region\":\"GB\"");
        assertThat(csv).as("zones shown without the stored group's region").doesNotContain("#");
    }

    @Test
    void aNumberOnlyItsCountryPrefixMatchesShowsEveryZoneOfTheCountryWhereverItIsRead() {
        // +1 200…: no such NANP area code, so the zones are all 42 of prefix 1 (stored short: ADR 9)
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Country zones");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("scheduledStartTime", "2099-01-01T00:00:00Z");
        body.put("contacts", List.of(Map.of("phone", "+12000000001"), Map.of("phone", "+12125550101")));
        ApiClient.Response dry = api.post("/batch/create?dryRun=true", KEY, body);
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        List<String> dryZones = new java.util.ArrayList<>();
        dry.body().get("timezones").fieldNames().forEachRemaining(dryZones::add);
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String job = created.body().get("batchJobId").asText();
        String zones = api.get("/batch/jobs/" + job, KEY).body().get("contacts").get(0).get("timezone").asText();
        assertThat(zones.split("&")).hasSize(42).contains("America/New_York", "America/Los_Angeles", "Pacific/Honolulu");
        assertThat(zones).doesNotContain("@").doesNotContain("#");
        assertThat(dryZones).containsExactlyInAnyOrder(zones, "America/New_York");
        assertThat(api.get("/batch/jobs/" + job + "/contacts/" + job + "-c1", KEY).raw()).contains(zones);
        assertThat(api.text("/batch/jobs/" + job + "/contacts.csv", KEY)).contains(zones);
    }
}
