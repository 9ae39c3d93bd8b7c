package io.batchcall.adapter.http;

import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Upload errors that say how to fix them: what was found, what to rename, the first rows skipped and why. */
class UploadErrorsTest {

    private static final String KEY = "uploads-key-0000000001";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, Map.of(KEY, "org-u"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final ApiClient api = app.client;

    private static ApiClient.Response csv(String text) {
        return api.postCsv("/batch/create", KEY, Map.of("name", "Up", "fromPhoneNumberId", "pn_1"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingPhoneColumnSaysWhatWasFoundAndWhatToDo() {
        ApiClient.Response semicolons = csv("phone;name\n+14155550101;Ada\n");
        assertThat(semicolons.code()).isEqualTo("missing_phone_column");
        assertThat(semicolons.body().get("error").get("message").asText()).contains("'phone;name'").contains("semicolons");
        ApiClient.Response other = csv("number,name\n+14155550101,Ada\n");
        assertThat(other.code()).isEqualTo("missing_phone_column");
        assertThat(other.body().get("error").get("message").asText()).contains("2 columns: 'number', 'name'").contains("Rename");
    }

    @Test
    void commonNamesOfThePhoneColumnAreAccepted() {
        for (String header : List.of("Phone Number", "Mobile", "telephone", "phone_number", "MSISDN")) {
            ApiClient.Response r = csv(header + ",name\n+14155550101,Ada\n");
            assertThat(r.status()).as(header + ": " + r.raw()).isEqualTo(201);
            String id = r.body().get("batchJobId").asText();
            var contact = api.get("/batch/jobs/" + id, KEY).body().get("contacts").get(0);
            assertThat(contact.get("phoneNumber").asText()).isEqualTo("+14155550101");
            assertThat(contact.get("contactData").has(header)).as("the phone column is not kept as data").isFalse();
            api.post("/batch/jobs/" + id + "/cancel", KEY, null);
        }
        ApiClient.Response both = csv("mobile,phone\n+14155550102,+14155550103\n");
        String id = both.body().get("batchJobId").asText();
        assertThat(api.get("/batch/jobs/" + id, KEY).body().get("contacts").get(0).get("phoneNumber").asText())
                .as("'phone' wins over an alias").isEqualTo("+14155550103");
        api.post("/batch/jobs/" + id + "/cancel", KEY, null);
        ApiClient.Response json = api.post("/batch/create", KEY, Map.of("name", "J", "fromPhoneNumberId", "pn_1",
                "contacts", List.of(Map.of("phoneNumber", "+14155550104", "name", "Ada"))));
        assertThat(json.status()).as(json.raw()).isEqualTo(201);
        api.post("/batch/jobs/" + json.body().get("batchJobId").asText() + "/cancel", KEY, null);
    }

    @Test
    void noValidContactsCountsTheReasonsAndListsTheFirstRows() {
        ApiClient.Response bad = csv("phone,name\n415-555-0101,Ada\n(415) 555 0102,Bob\n,Cy\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("no_valid_contacts");
        var error = bad.body().get("error");
        assertThat(error.get("skippedByReason").get("invalid_phone").asLong()).isEqualTo(2);
        assertThat(error.get("skippedByReason").get("missing_phone").asLong()).isEqualTo(1);
        assertThat(error.get("skippedRows")).hasSize(3);
        assertThat(error.get("skippedRows").get(0).get("value").asText()).isEqualTo("415-555-0101");
        assertThat(error.get("message").asText()).contains("E.164");

        ApiClient.Response zones = csv("phone,timezone\n+14155550101,Mars/Base\n");
        assertThat(zones.body().get("error").get("message").asText()).contains("IANA");
        ApiClient.Response headerOnly = csv("phone,name\n");
        assertThat(headerOnly.code()).isEqualTo("no_valid_contacts");
        assertThat(headerOnly.body().get("error").get("message").asText()).contains("no data rows");
    }

    @Test
    void aCsvThatCannotBeParsedIsSaidInPlainWords() {
        ApiClient.Response r = csv("phone,name\n+14155550101,\"Ada\n+14155550102,Bob\n");
        assertThat(r.code()).isEqualTo("invalid_csv");
        assertThat(r.body().get("error").get("message").asText()).contains("quote").contains("never closed")
                .doesNotContain("EOF").doesNotContain("encapsulated").doesNotContain("startline");
    }

    @Test
    void aPlusTypedUnencodedInASuppressionLookupIsAPlus() {
        assertThat(api.post("/batch/suppressions", KEY, Map.of("phoneNumbers", List.of("+14155550199"))).status()).isEqualTo(200);
        ApiClient.Response raw = api.get("/batch/suppressions?phoneNumber=+14155550199", KEY);
        assertThat(raw.status()).as(raw.raw()).isEqualTo(200);
        assertThat(raw.body().get("suppressed").asBoolean()).isTrue();
        assertThat(raw.body().get("phoneNumber").asText()).isEqualTo("+14155550199");
        assertThat(api.get("/batch/suppressions?phoneNumber=%2B14155550199", KEY).body().get("suppressed").asBoolean()).isTrue();
    }
}
