package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.application.EngineHarness;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CONTRACT §13 over a real socket: export, retry the failed, delete, live progress. */
class ResultsApiTest {

    private static final String KEY = "results-key-000000000001";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS.withOrganizationConcurrency(5000), java.util.Map.of(KEY, "org-r"),
            uploads -> new HttpApi.Settings(4 * 1024 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    /** A finished job of n contacts: every third completed, the others no_answer or busy. */
    private static String finishedJob(int n, int base) {
        StringBuilder csv = new StringBuilder("phone,name,note\n");
        for (int i = 1; i <= n; i++) {
            csv.append(String.format("+1650%07d", base + i)).append(",Name ").append(i).append(',')
                    .append(i == 1 ? "=HYPERLINK(\"x\")" : i == 2 ? "@SUM(1)" : i == 3 ? "+1 555" : "note " + i).append('\n');
        }
        ApiClient.Response created = api.postCsv("/batch/create", KEY, Map.of("name", "Export", "fromPhoneNumberId", "pn",
                "concurrentCallLimit", "1000", "maxAttempts", "1"), csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("batchJobId").asText();
        while (!api.get("/batch/jobs/" + id, KEY).body().get("status").asText().equals("completed")) {
            h.engine.dispatcher.tick();
            for (DialRequest r : h.dialer.drain()) {
                int seq = Integer.parseInt(r.contactId().substring(r.contactId().lastIndexOf("-c") + 2));
                end(r, seq % 3 == 0 ? "completed" : seq % 3 == 1 ? "no_answer" : "busy");
            }
        }
        return id;
    }

    private static void end(DialRequest r, String outcome) {
        h.engine.callEvents.record(r.organizationId(), io.batchcall.application.port.in.CallEvent.of(r.batchJobId(), r.contactId(),
                r.attempt(), "ended", outcome, null, 30, null, null).get()).get();
    }

    @Test
    void contactDataKeysThatCollideWithAFixedColumnGetTheirOwnHeader() throws Exception {
        String csvIn = "phone,timezone,status,name\n+16505559901,America/Los_Angeles,vip,Ada\n";
        ApiClient.Response created = api.postCsv("/batch/create", KEY, Map.of("name", "Collide", "fromPhoneNumberId", "pn",
                "maxAttempts", "1"), csvIn.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String csv = api.text("/batch/jobs/" + created.body().get("batchJobId").asText() + "/contacts.csv", KEY);
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv)).setFormat(CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).get()).get()) {
            List<String> headers = parser.getHeaderNames();
            assertThat(headers).doesNotHaveDuplicates();
            assertThat(headers).containsSubsequence("timezone", "contactData.timezone");
            assertThat(headers).contains("contactData.status", "name");
            CSVRecord row = parser.getRecords().get(0);
            assertThat(row.get("timezone")).isEqualTo("America/Los_Angeles");
            assertThat(row.get("contactData.timezone")).isEqualTo("America/Los_Angeles");
            assertThat(row.get("contactData.status")).isEqualTo("vip");
            assertThat(row.get("status")).isIn("pending", "queued", "dialing");
        }
    }

    @Test
    void theCsvExportParsesBackToTheFiguresOfTheDetailAndIsInjectionSafe() throws Exception {
        String id = finishedJob(12_000, 0); // three pages of the export, each read while the one before is written
        String csv = api.text("/batch/jobs/" + id + "/contacts.csv", KEY);
        Map<String, Long> counts = new HashMap<>();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(csv))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            assertThat(parser.getHeaderNames()).startsWith("id", "phoneNumber", "status", "errorCode", "attemptCount", "lastAttemptAt",
                    "completedAt", "callDuration", "failureReason", "timezone").contains("name", "note");
            records = parser.getRecords();
        }
        records.forEach(r -> counts.merge(r.get("status"), 1L, Long::sum));
        JsonNode detail = api.get("/batch/jobs/" + id, KEY).body();
        assertThat(records).hasSize(12_000);
        assertThat(records.stream().map(r -> r.get("id")).distinct().count()).as("no row twice, none lost across pages").isEqualTo(12_000);
        detail.get("statusBreakdown").fields().forEachRemaining(e ->
                assertThat(counts.getOrDefault(e.getKey(), 0L)).as(e.getKey()).isEqualTo(e.getValue().asLong()));
        assertThat(records.get(0).get("note")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(records.get(1).get("note")).isEqualTo("'@SUM(1)");
        assertThat(records.get(2).get("note")).isEqualTo("'+1 555");
        assertThat(records.get(3).get("note")).isEqualTo("note 4");
        assertThat(records.get(0).get("phoneNumber")).isEqualTo("+16500000001"); // a phone number is never altered

        String ndjson = api.text("/batch/jobs/" + id + "/contacts.ndjson?contactStatus=completed", KEY);
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(4000);
        lines.forEach(line -> OpenApiCheck.checkSchema("ExportRow", line));
        assertThat(ApiClient.JSON.readTree(lines.get(0)).get("status").asText()).isEqualTo("completed");
        assertThat(api.get("/batch/jobs/" + id + "/contacts.csv?contactStatus=nope", KEY).code()).isEqualTo("invalid_contact_status");
        assertThat(api.get("/batch/jobs/bj_missing/contacts.csv", KEY).code()).isEqualTo("job_not_found");
    }

    @Test
    void retryCreatesANewJobFromTheRightSubset() {
        String id = finishedJob(30, 10_000);
        // default: the job's retryable statuses (no_answer, busy, timeout): 20 of the 30
        ApiClient.Response retried = api.post("/batch/jobs/" + id + "/retry", KEY, null);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(201);
        assertThat(retried.body().get("totalContacts").asInt()).isEqualTo(20);
        assertThat(retried.body().get("parentBatchJobId").asText()).isEqualTo(id);
        JsonNode child = api.get("/batch/jobs/" + retried.body().get("batchJobId").asText() + "?contactsPageSize=500", KEY).body();
        assertThat(child.get("parentBatchJobId").asText()).isEqualTo(id);
        assertThat(child.get("contacts").get(0).get("contactData").get("name").asText()).isEqualTo("Name 1");
        ApiClient.Response busyOnly = api.post("/batch/jobs/" + id + "/retry", KEY, Map.of("statuses", List.of("busy"), "name", "Busy again"));
        assertThat(busyOnly.body().get("totalContacts").asInt()).isEqualTo(10);
        assertThat(api.post("/batch/jobs/" + id + "/retry", KEY, Map.of("statuses", List.of("timeout"))).code()).isEqualTo("nothing_to_retry");
        assertThat(api.post("/batch/jobs/" + id + "/retry", KEY, Map.of("statuses", List.of("pending"))).code()).isEqualTo("invalid_statuses");
        // an active job cannot be retried
        assertThat(api.post("/batch/jobs/" + retried.body().get("batchJobId").asText() + "/retry", KEY, null).code()).isEqualTo("invalid_status");
    }

    @Test
    void deleteRemovesAFinalJobAndRefusesAnActiveOne() {
        String done = finishedJob(5, 20_000);
        ApiClient.Response active = api.post("/batch/create", KEY, Map.of("name", "Active", "fromPhoneNumberId", "pn",
                "scheduledStartTime", "2099-01-01T00:00:00Z", "contacts", List.of(Map.of("phone", "+16505559999"))));
        String activeId = active.body().get("batchJobId").asText();
        ApiClient.Response refused = api.send("DELETE", "/batch/jobs/" + activeId, KEY, null, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid_status");
        assertThat(api.send("DELETE", "/batch/jobs/" + done, KEY, null, null).status()).isEqualTo(200);
        assertThat(api.get("/batch/jobs/" + done, KEY).code()).isEqualTo("job_not_found");
        assertThat(api.send("DELETE", "/batch/jobs/" + done, KEY, null, null).code()).isEqualTo("job_not_found");
        assertThat(api.get("/batch/jobs/" + activeId, KEY).status()).isEqualTo(200);
    }

    @Test
    void aProgressStreamEndsWithTheFinalEvent() throws Exception {
        ApiClient.Response created = api.post("/batch/create", KEY, Map.of("name", "Live", "fromPhoneNumberId", "pn", "maxAttempts", 1,
                "contacts", List.of(Map.of("phone", "+16505550001"), Map.of("phone", "+16505550002"))));
        String id = created.body().get("batchJobId").asText();
        HttpClient client = HttpClient.newHttpClient();
        var stream = client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/batch/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        h.engine.dispatcher.tick();
        h.dialer.drain().forEach(r -> end(r, "completed"));
        h.engine.dispatcher.tick();
        HttpResponse<String> events = stream.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(events.body()).startsWith("event: progress\ndata: {");
        assertThat(events.body()).contains("event: final\ndata: {").contains("\"status\":\"completed\"");
        assertThat(events.body().indexOf("event: final")).isGreaterThan(events.body().lastIndexOf("event: progress"));
    }
}
