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

/** CONTRACT §17 consent over a real socket, every answer checked against the OpenAPI document. */
class ConsentApiTest {

    private static final String KEY = "consent-key-00000000001";
    private static final String OTHER = "consent-key-00000000002";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, Map.of(KEY, "org-consent", OTHER, "org-other"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    @Test
    void consentsAreRecordedLookedUpAndRevokedAsRecordsPerOrganization() {
        ApiClient.Response first = api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557001", "source", "web form",
                "grantedAt", "2026-01-15T10:00:00Z", "text", "You may call me about my order"));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.body().get("consent").get("grantedAt").asText()).isEqualTo("2026-01-15T10:00:00Z");
        ApiClient.Response again = api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557001", "source", "call"));
        assertThat(again.status()).as("the record in force is updated").isEqualTo(200);

        ApiClient.Response shown = api.get("/batch/consents?phoneNumber=%2B13125557001", KEY);
        assertThat(shown.status()).as(shown.raw()).isEqualTo(200);
        assertThat(shown.body().get("consented").asBoolean()).isTrue();
        assertThat(shown.body().get("consent").get("source").asText()).isEqualTo("call");
        assertThat(api.get("/batch/consents?phoneNumber=%2B13125557001", OTHER).body().get("consented").asBoolean())
                .as("another organization's records are invisible").isFalse();

        ApiClient.Response revoked = api.send("DELETE", "/batch/consents/%2B13125557001", KEY, null, null);
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(200);
        assertThat(revoked.body().get("consent").get("revokedAt").isNull()).isFalse();
        ApiClient.Response twice = api.send("DELETE", "/batch/consents/%2B13125557001", KEY, null, null);
        assertThat(twice.status()).isEqualTo(404);
        assertThat(twice.code()).isEqualTo("consent_not_found");
        JsonShown after = new JsonShown(api.get("/batch/consents?phoneNumber=%2B13125557001", KEY));
        assertThat(after.consented()).isFalse();
        assertThat(after.records()).as("the revoked record is kept").isEqualTo(1);

        byte[] csv = "phone,source,grantedAt,text\n+13125557002,import,2026-02-01T00:00:00Z,ok\n+13125557003,,,\nnot-a-number,x,,\n+13125557004,form,tomorrow,\n"
                .getBytes(StandardCharsets.UTF_8);
        ApiClient.Response upload = api.postCsv("/batch/consents", KEY, Map.of("source", "spring list"), csv);
        assertThat(upload.status()).as(upload.raw()).isEqualTo(200);
        assertThat(upload.body().get("added").asLong()).isEqualTo(2);
        assertThat(upload.body().get("skippedRows").findValuesAsText("reason")).containsExactly("invalid_phone", "invalid_granted_at");
        assertThat(api.get("/batch/consents?phoneNumber=%2B13125557003", KEY).body().get("consent").get("source").asText())
                .as("the form's source for a row without one").isEqualTo("spring list");
    }

    @Test
    void badConsentRequestsAreRefusedWithDocumentedCodes() {
        assertThat(api.post("/batch/consents", KEY, Map.of("phoneNumber", "555", "source", "x")).code()).isEqualTo("invalid_phone_number");
        assertThat(api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557010")).code()).isEqualTo("invalid_source");
        assertThat(api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557010", "source", "x", "grantedAt", "2999-01-01T00:00:00Z"))
                .code()).isEqualTo("invalid_granted_at");
        assertThat(api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557010", "source", "x", "text", "t".repeat(2001))).code())
                .isEqualTo("invalid_text");
        assertThat(api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557010", "source", "x", "when", "now")).code())
                .isEqualTo("unknown_field");
        assertThat(api.post("/batch/consents", KEY, Map.of("phoneNumber", 13125557010L, "source", "x")).status()).isEqualTo(400);
        assertThat(api.get("/batch/consents", KEY).code()).isEqualTo("missing_phone_number");
        assertThat(api.get("/batch/consents?phoneNumber=abc", KEY).code()).isEqualTo("invalid_phone_number");
        assertThat(api.postCsv("/batch/consents", KEY, Map.of(), "phone\nnope\n".getBytes(StandardCharsets.UTF_8)).code())
                .isEqualTo("no_valid_numbers");
        assertThat(new JsonShown(api.get("/batch/consents?phoneNumber=%2B13125557010", KEY)).records()).as("nothing stored").isZero();
    }

    /** A job created with requireConsent: numbers without consent skipped; revoked after the create → blocked at its dial. */
    @Test
    void aJobThatRequiresConsentSkipsAndBlocksNumbersWithoutOne() {
        api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557101", "source", "form"));
        api.post("/batch/consents", KEY, Map.of("phoneNumber", "+13125557102", "source", "form"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Consented only");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("requireConsent", true);
        body.put("scheduledStartTime", "2099-01-01T00:00:00Z");
        body.put("contacts", List.of(Map.of("phone", "+13125557101"), Map.of("phone", "+13125557102"), Map.of("phone", "+13125557103")));
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("skippedRows").get(0).get("reason").asText()).isEqualTo("no_consent");
        String job = created.body().get("batchJobId").asText();
        assertThat(api.get("/batch/jobs/" + job, KEY).body().get("requireConsent").asBoolean()).isTrue();

        api.send("DELETE", "/batch/consents/%2B13125557102", KEY, null, null);
        assertThat(api.post("/batch/jobs/" + job + "/start", KEY, Map.of()).status()).isEqualTo(200);
        h.engine.dispatcher.tick();
        List<DialRequest> calls = h.dialer.drain().stream().filter(d -> d.batchJobId().equals(job)).toList();
        assertThat(calls).extracting(DialRequest::phoneNumber).containsExactly("+13125557101");
        ApiClient.Response blocked = api.get("/batch/jobs/" + job + "?contactStatus=blocked", KEY);
        assertThat(blocked.body().get("contacts").get(0).get("phoneNumber").asText()).isEqualTo("+13125557102");
        assertThat(blocked.body().get("contacts").get(0).get("errorCode").asText()).isEqualTo("no_consent");
    }

    /** The lookup's figures read from its JSON. */
    private record JsonShown(boolean consented, int records) {
        JsonShown(ApiClient.Response r) {
            this(r.body().get("consented").asBoolean(), r.body().get("records").size());
        }
    }
}
