package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.application.EngineHarness;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole API over a real socket: every endpoint, every error code, organization isolation. */
class HttpApiTest {

    private static final String A = "key-a";
    private static final String B = "key-b";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, java.util.Map.of(A, "org-a", B, "org-b"),
            uploads -> new HttpApi.Settings(256 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    static Map<String, Object> job(String name, Object... contacts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("fromPhoneNumberId", "pn_1");
        body.put("agentId", "agent_1");
        body.put("concurrentCallLimit", 2);
        List<Object> list = new ArrayList<>();
        for (Object c : contacts) {
            list.add(c instanceof String s ? Map.of("phone", s) : c);
        }
        body.put("contacts", list);
        return body;
    }

    /** Each job gets numbers of its own: one number is never in two calls of an organization at once. */
    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger();

    static String create(String key, int n) {
        Object[] phones = new Object[n];
        int base = NUMBERS.getAndAdd(n);
        for (int i = 0; i < n; i++) {
            phones[i] = String.format("+1415%07d", base + i + 1);
        }
        ApiClient.Response r = api.post("/batch/create", key, job("Job", phones));
        assertThat(r.status()).isEqualTo(201);
        return r.body().get("batchJobId").asText();
    }

    @Test
    void healthNeedsNoKey() {
        ApiClient.Response r = api.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void missingOrUnknownKeyIs401Enveloped() {
        for (String key : new String[] {null, "nope"}) {
            ApiClient.Response r = api.get("/batch/jobs", key);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body().get("success").asBoolean()).isFalse();
            assertThat(r.code()).isEqualTo("unauthorized");
        }
        assertThat(api.send("GET", "/batch/jobs", null, null, null).code()).isEqualTo("unauthorized");
    }

    @Test
    void createFromJsonReportsSkippedRowsAndKeepsContactData() {
        Map<String, Object> ada = new LinkedHashMap<>();
        ada.put("phone", "+14155550101");
        ada.put("name", "Ada");
        ada.put("plan", Map.of("tier", "gold"));
        ApiClient.Response r = api.post("/batch/create", A, job("Launch", ada, "+1 415 555 0102", "+14155550101", Map.of("name", "nobody")));
        assertThat(r.status()).isEqualTo(201);
        JsonNode b = r.body();
        assertThat(b.get("success").asBoolean()).isTrue();
        assertThat(b.get("totalContacts").asLong()).isEqualTo(1);
        assertThat(b.get("status").asText()).isEqualTo("pending");
        assertThat(b.get("scheduledStartTime").isNull()).isTrue();
        assertThat(b.get("estimatedDuration").isNumber()).isTrue();
        assertThat(b.get("skippedRows").toString()).isEqualTo(
                "[{\"row\":2,\"value\":\"+1 415 555 0102\",\"reason\":\"invalid_phone\"},"
                        + "{\"row\":3,\"value\":\"+14155550101\",\"reason\":\"duplicate_phone\"},"
                        + "{\"row\":4,\"value\":null,\"reason\":\"missing_phone\"}]");
        String id = b.get("batchJobId").asText();
        JsonNode contact = api.get("/batch/jobs/" + id, A).body().get("contacts").get(0);
        assertThat(contact.get("contactData").toString()).isEqualTo("{\"name\":\"Ada\",\"plan\":{\"tier\":\"gold\"}}");
        assertThat(contact.get("phoneNumber").asText()).isEqualTo("+14155550101");
    }

    @Test
    void createErrors() {
        assertThat(api.post("/batch/create", A, job("x", "bad")).code()).isEqualTo("no_valid_contacts");
        assertThat(api.postRaw("/batch/create", A, "application/json", "{\"name\": ").code()).isEqualTo("invalid_json");
        assertThat(api.postRaw("/batch/create", A, "application/json", "[1,2]").code()).isEqualTo("invalid_json");
        assertThat(api.postRaw("/batch/create", A, "application/json", "{\"name\":\"x\",\"fromPhoneNumberId\":\"p\"}").code())
                .isEqualTo("missing_contacts");
        Map<String, Object> noName = job(null, "+14155550101");
        assertThat(api.post("/batch/create", A, noName).code()).isEqualTo("missing_name");
        Map<String, Object> badLimit = job("x", "+14155550101");
        badLimit.put("concurrentCallLimit", "lots");
        ApiClient.Response bad = api.post("/batch/create", A, badLimit);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("invalid_concurrent_call_limit");
        Map<String, Object> badAttempts = job("x", "+14155550101");
        badAttempts.put("maxAttempts", 0);
        assertThat(api.post("/batch/create", A, badAttempts).code()).isEqualTo("invalid_max_attempts");
        ApiClient.Response text = api.postRaw("/batch/create", A, "text/plain", "hello");
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.code()).isEqualTo("unsupported_media_type");
        ApiClient.Response big = api.postRaw("/batch/create", A, "application/json", "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.code()).isEqualTo("payload_too_large");
    }

    @Test
    void scheduledCreateWithATimezone() {
        Map<String, Object> body = job("Later", "+14155550101");
        body.put("scheduledStartTime", "2099-06-01T09:00:00");
        body.put("timezone", "Europe/Paris");
        ApiClient.Response r = api.post("/batch/create", A, body);
        assertThat(r.body().get("status").asText()).isEqualTo("scheduled");
        assertThat(r.body().get("scheduledStartTime").asText()).isEqualTo("2099-06-01T07:00:00Z");
    }

    @Test
    void csvUploadHandlesQuotesNewlinesCrlfBomAndHeaderCase() {
        String csv = "\uFEFFName,PHONE,Note\r\n"
                + "\"Lovelace, Ada\",+14155550101,\"line one\nline two\"\r\n"
                + "Bob,+14155550102,\"said \"\"hi\"\"\"\r\n"
                + "\r\n"
                + "Eve,555-0103,x\r\n"
                + "Dup,+14155550101,y\r\n";
        ApiClient.Response r = api.postCsv("/batch/create", A, Map.of("name", "CSV job", "fromPhoneNumberId", "pn_9",
                "maxAttempts", "2", "retryableStatuses", "busy,no_answer"), csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().get("totalContacts").asLong()).isEqualTo(2);
        assertThat(r.body().get("skippedRows").toString()).contains("\"reason\":\"invalid_phone\"").contains("\"reason\":\"duplicate_phone\"");
        String id = r.body().get("batchJobId").asText();
        JsonNode detail = api.get("/batch/jobs/" + id, A).body();
        assertThat(detail.get("retryPolicy").toString()).isEqualTo("{\"maxAttempts\":2,\"retryableStatuses\":[\"busy\",\"no_answer\"],\"retryDelaySeconds\":300}");
        JsonNode first = detail.get("contacts").get(0);
        assertThat(first.get("contactData").get("Name").asText()).isEqualTo("Lovelace, Ada");
        assertThat(first.get("contactData").get("Note").asText()).isEqualTo("line one\nline two");
        assertThat(detail.get("contacts").get(1).get("contactData").get("Note").asText()).isEqualTo("said \"hi\"");
    }

    @Test
    void csvErrors() {
        ApiClient.Response noPhone = api.postCsv("/batch/create", A, Map.of("name", "x", "fromPhoneNumberId", "p"),
                "name,number\nA,+14155550101\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noPhone.code()).isEqualTo("missing_phone_column");
        ApiClient.Response broken = api.postCsv("/batch/create", A, Map.of("name", "x", "fromPhoneNumberId", "p"),
                "phone,name\n+14155550101,\"unterminated\n".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.code()).isEqualTo("invalid_csv");
        ApiClient.Response noFile = api.postCsv("/batch/create", A, Map.of("name", "x"), null);
        assertThat(noFile.code()).isEqualTo("missing_file");
        long before = api.get("/batch/jobs?pageSize=100", A).body().get("total").asLong();
        api.postCsv("/batch/create", A, Map.of("name", "x", "fromPhoneNumberId", "p"),
                "phone\n+14155550101\n+14155550102\n\"oops\n".getBytes(StandardCharsets.UTF_8));
        assertThat(api.get("/batch/jobs?pageSize=100", A).body().get("total").asLong()).isEqualTo(before);
    }

    @Test
    void detailFiltersPagesAndValidates() {
        String id = create(A, 7);
        JsonNode page = api.get("/batch/jobs/" + id + "?contactsPage=2&contactsPageSize=3", A).body();
        assertThat(page.get("contactsTotal").asLong()).isEqualTo(7);
        assertThat(page.get("contactsPage").asInt()).isEqualTo(2);
        assertThat(page.get("contactsPageSize").asInt()).isEqualTo(3);
        assertThat(page.get("contactsHasMore").asBoolean()).isTrue();
        assertThat(page.get("contacts")).hasSize(3);
        assertThat(page.get("contacts").get(0).get("id").asText()).endsWith("-c4");
        JsonNode past = api.get("/batch/jobs/" + id + "?contactsPage=9&contactsPageSize=3", A).body();
        assertThat(past.get("contacts")).isEmpty();
        assertThat(past.get("contactsHasMore").asBoolean()).isFalse();
        JsonNode filtered = api.get("/batch/jobs/" + id + "?contactStatus=completed,busy&contactsPage=&contactsPageSize=", A).body();
        assertThat(filtered.get("contactsTotal").asLong()).isZero();
        assertThat(filtered.get("contactsPageSize").asInt()).isEqualTo(50);
        JsonNode all = api.get("/batch/jobs/" + id, A).body();
        for (String field : List.of("id", "name", "description", "status", "organizationId", "agentId", "fromPhoneNumberId",
                "totalContacts", "contactsProcessed", "successfulCalls", "failedCalls", "statusBreakdown", "scheduledStartTime",
                "actualStartTime", "completedAt", "estimatedCompletionTime", "createdAt", "concurrentCallLimit", "retryPolicy",
                "contacts", "contactsTotal", "contactsPage", "contactsPageSize", "contactsHasMore")) {
            assertThat(all.has(field)).as(field).isTrue();
        }
        assertThat(all.get("statusBreakdown")).hasSize(12);
        assertThat(all.get("organizationId").asText()).isEqualTo("org-a");
        assertThat(all.get("createdAt").asText()).endsWith("Z");
        for (String field : List.of("id", "phoneNumber", "contactData", "status", "errorCode", "attemptCount", "maxAttempts",
                "lastAttemptAt", "nextRetryAt", "completedAt", "roomName", "failureReason", "callDuration")) {
            assertThat(all.get("contacts").get(0).has(field)).as(field).isTrue();
        }
        assertThat(api.get("/batch/jobs/" + id + "?contactStatus=done", A).code()).isEqualTo("invalid_contact_status");
        assertThat(api.get("/batch/jobs/" + id + "?contactsPage=0", A).code()).isEqualTo("invalid_page");
        assertThat(api.get("/batch/jobs/" + id + "?contactsPage=99999999999", A).code()).isEqualTo("invalid_page");
        assertThat(api.get("/batch/jobs/" + id + "?contactsPageSize=501", A).code()).isEqualTo("invalid_page_size");
        ApiClient.Response missing = api.get("/batch/jobs/bj_nope", A);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("job_not_found");
    }

    @Test
    void listIsNewestFirstFilteredPagedAndValidated() {
        String first = create(B, 1);
        String second = create(B, 1);
        JsonNode list = api.get("/batch/jobs?pageSize=1", B).body();
        assertThat(list.get("page").asInt()).isEqualTo(1);
        assertThat(list.get("pageSize").asInt()).isEqualTo(1);
        assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(list.get("batchJobs")).hasSize(1);
        assertThat(list.get("batchJobs").get(0).get("id").asText()).isEqualTo(second);
        assertThat(list.get("batchJobs").get(0).has("contacts")).isFalse();
        assertThat(list.get("batchJobs").get(0).get("statusBreakdown")).hasSize(12);
        assertThat(api.get("/batch/jobs?status=pending&pageSize=100", B).body().get("batchJobs").findValuesAsText("id")).contains(first, second);
        assertThat(api.get("/batch/jobs?organizationId=org-b", B).body().get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/batch/jobs?organizationId=org-a", B).body().get("batchJobs")).isEmpty();
        assertThat(api.get("/batch/jobs?status=nope", B).code()).isEqualTo("invalid_status");
        assertThat(api.get("/batch/jobs?page=0", B).code()).isEqualTo("invalid_page");
        assertThat(api.get("/batch/jobs?pageSize=101", B).code()).isEqualTo("invalid_page_size");
    }

    @Test
    void actionsAndTheirErrors() {
        String id = create(A, 3);
        ApiClient.Response started = api.post("/batch/jobs/" + id + "/start", A, null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body().get("success").asBoolean()).isTrue();
        assertThat(started.body().get("status").asText()).isEqualTo("running");
        assertThat(started.body().get("contactsEnqueued").asLong()).isEqualTo(3);
        assertThat(started.body().get("startedAt").asText()).endsWith("Z");
        assertThat(started.body().get("batchJobId").asText()).isEqualTo(id);
        assertThat(api.post("/batch/jobs/" + id + "/start", A, null).code()).isEqualTo("already_running");
        assertThat(api.post("/batch/jobs/" + id + "/resume", A, null).code()).isEqualTo("invalid_status");
        assertThat(api.post("/batch/jobs/" + id + "/pause", A, null).body().get("status").asText()).isEqualTo("paused");
        assertThat(api.post("/batch/jobs/" + id + "/resume", A, null).body().get("status").asText()).isEqualTo("running");
        ApiClient.Response cancelled = api.post("/batch/jobs/" + id + "/cancel", A, null);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.body().get("contactsCancelled").asLong()).isEqualTo(3);
        assertThat(api.post("/batch/jobs/" + id + "/cancel", A, null).code()).isEqualTo("invalid_status");
        assertThat(api.post("/batch/jobs/bj_nope/cancel", A, null).code()).isEqualTo("job_not_found");
    }

    @Test
    void rescheduleByBodyOrQuery() {
        String id = create(A, 1);
        ApiClient.Response r = api.send("PATCH", "/batch/jobs/" + id + "/reschedule", A, "application/json",
                "{\"scheduledStartTime\":\"2099-01-01T09:00:00\",\"timezone\":\"America/New_York\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.body().get("status").asText()).isEqualTo("scheduled");
        assertThat(r.body().get("scheduledStartTime").asText()).isEqualTo("2099-01-01T14:00:00Z");
        ApiClient.Response q = api.send("PATCH", "/batch/jobs/" + id + "/reschedule?scheduledStartTime=2099-02-01T00:00:00Z", A, null, null);
        assertThat(q.body().get("scheduledStartTime").asText()).isEqualTo("2099-02-01T00:00:00Z");
        assertThat(api.send("PATCH", "/batch/jobs/" + id + "/reschedule?scheduledStartTime=2099-01-01T00:00:00&timezone=Nowhere/City", A, null, null).code())
                .isEqualTo("invalid_timezone");
        // one rule with create (CONTRACT §3): a time that is not in the future means now — pending, started at once
        ApiClient.Response past = api.send("PATCH", "/batch/jobs/" + id + "/reschedule?scheduledStartTime=2001-01-01T00:00:00Z", A, null, null);
        assertThat(past.status()).as(past.raw()).isEqualTo(200);
        assertThat(past.body().get("status").asText()).isEqualTo("pending");
        assertThat(api.send("PATCH", "/batch/jobs/" + id + "/reschedule", A, null, null).code()).isEqualTo("invalid_scheduled_time");
        // the job's zone is checked when given, with or without a start time
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("name", "Z", "fromPhoneNumberId", "pn", "timezone", "PST",
                "contacts", List.of(Map.of("phone", "+14155550101"))));
        assertThat(api.post("/batch/create", A, body).code()).isEqualTo("invalid_timezone");
    }

    @Test
    void callEventsOverHttp() {
        String id = create(A, 1);
        h.engine.dispatcher.tick();
        DialRequest r = h.dialer.requests().stream().filter(d -> d.batchJobId().equals(id)).findFirst().orElseThrow();
        Map<String, Object> ended = new LinkedHashMap<>();
        ended.put("batchJobId", id);
        ended.put("contactId", r.contactId());
        ended.put("attempt", 1);
        ended.put("type", "ended");
        ended.put("sipCode", 486);
        ApiClient.Response first = api.post("/batch/call-events", A, ended);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.body().get("status").asText()).isEqualTo("queued");
        assertThat(first.body().get("duplicate").asBoolean()).isFalse();
        assertThat(api.post("/batch/call-events", A, ended).body().get("duplicate").asBoolean()).isTrue();
        ended.put("attempt", 2);
        ApiClient.Response stale = api.post("/batch/call-events", A, ended);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("stale_attempt");
        ended.put("outcome", "great");
        assertThat(api.post("/batch/call-events", A, ended).code()).isEqualTo("invalid_outcome");
        ended.put("type", "rang");
        assertThat(api.post("/batch/call-events", A, ended).code()).isEqualTo("invalid_event");
        assertThat(api.postRaw("/batch/call-events", A, "application/json", "{oops").code()).isEqualTo("invalid_json");
        ended.put("type", "ended");
        ended.put("outcome", "completed");
        ended.put("contactId", id + "-c999");
        assertThat(api.post("/batch/call-events", A, ended).code()).isEqualTo("contact_not_found");
        JsonNode contact = api.get("/batch/jobs/" + id, A).body().get("contacts").get(0);
        assertThat(contact.get("errorCode").asText()).isEqualTo("486");
        ApiClient.Response bulk = api.send("POST", "/batch/call-events", A, "application/json", ("[{\"batchJobId\":\"" + id
                + "\",\"contactId\":\"" + r.contactId() + "\",\"attempt\":1,\"type\":\"ended\",\"sipCode\":486},"
                + "{\"batchJobId\":\"" + id + "\",\"contactId\":\"" + r.contactId() + "\",\"attempt\":7,\"type\":\"ended\",\"outcome\":\"busy\"}]")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.body().get("results").get(0).get("duplicate").asBoolean()).isTrue();
        assertThat(bulk.body().get("results").get(1).get("error").get("code").asText()).isEqualTo("stale_attempt");
        assertThat(bulk.body().get("results").get(1).get("httpStatus").asInt()).isEqualTo(409);
        assertThat(contact.get("nextRetryAt").asText()).endsWith("Z");
    }

    @Test
    void anotherOrganizationsJobLooksExactlyLikeAMissingOne() {
        String id = create(A, 2);
        String missing = "bj_doesnotexist";
        List<String[]> calls = List.of(
                new String[] {"GET", "/batch/jobs/%s"},
                new String[] {"POST", "/batch/jobs/%s/start"},
                new String[] {"POST", "/batch/jobs/%s/cancel"},
                new String[] {"POST", "/batch/jobs/%s/pause"},
                new String[] {"POST", "/batch/jobs/%s/resume"},
                new String[] {"PATCH", "/batch/jobs/%s/reschedule?scheduledStartTime=2099-01-01T00:00:00Z"});
        for (String[] c : calls) {
            ApiClient.Response theirs = api.send(c[0], String.format(c[1], id), B, null, null);
            ApiClient.Response none = api.send(c[0], String.format(c[1], missing), B, null, null);
            assertThat(theirs.status()).as(c[1]).isEqualTo(404);
            assertThat(theirs.code()).isEqualTo("job_not_found");
            assertThat(theirs.body().get("error").get("message").asText())
                    .isEqualTo(none.body().get("error").get("message").asText().replace(missing, id));
        }
        Map<String, Object> event = Map.of("batchJobId", id, "contactId", id + "-c1", "attempt", 1, "type", "ended", "outcome", "completed");
        assertThat(api.post("/batch/call-events", B, event).code()).isEqualTo("job_not_found");
        assertThat(api.get("/batch/jobs?pageSize=100", B).body().get("batchJobs").findValuesAsText("id")).doesNotContain(id);
        assertThat(api.get("/batch/jobs/" + id, A).body().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void unknownRouteAndWrongMethodAreEnveloped() {
        ApiClient.Response none = api.get("/batch/nothing-here", A);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.code()).isEqualTo("not_found");
        ApiClient.Response wrong = api.send("PUT", "/batch/jobs/abc", A, null, null);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.code()).isEqualTo("method_not_allowed");
        assertThat(wrong.body().get("success").asBoolean()).isFalse();
    }
}
