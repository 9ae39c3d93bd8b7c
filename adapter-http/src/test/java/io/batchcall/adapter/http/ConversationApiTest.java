package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.application.EngineHarness;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §15 over a real socket (every answer checked against the OpenAPI document): ended events carrying what the
 * conversation produced, stored per attempt; the contact's last in the detail, the disposition breakdown and filter;
 * a contact's timeline; bad outcome fields refused with nothing stored.
 */
class ConversationApiTest {

    private static final String KEY = "conversation-key-0000001";
    private static final String OTHER = "conversation-key-0000002";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, Map.of(KEY, "org-conv", OTHER, "org-other"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads));
    private static final EngineHarness h = app.harness;
    private static final ApiClient api = app.client;

    private static String createRunning(int contacts) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            rows.add(Map.of("phone", String.format("+1312555%04d", 7000 + i + (int) (System.nanoTime() % 1000) * 5), "name", "P" + i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Conversations");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("concurrentCallLimit", 10);
        body.put("maxAttempts", 2);
        body.put("retryableStatuses", List.of("no_answer"));
        body.put("retryDelaySeconds", 0);
        body.put("contacts", rows);
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("batchJobId").asText();
        api.post("/batch/jobs/" + id + "/start", KEY, Map.of());
        return id;
    }

    private static List<DialRequest> dial(String job) {
        h.engine.dispatcher.tick();
        return h.dialer.drain().stream().filter(d -> d.batchJobId().equals(job)).toList();
    }

    private static ApiClient.Response ended(DialRequest r, Map<String, Object> fields) {
        Map<String, Object> event = new HashMap<>(Map.of("batchJobId", r.batchJobId(), "contactId", r.contactId(), "attempt", r.attempt(),
                "type", "ended"));
        event.putAll(fields);
        return api.post("/batch/call-events", KEY, event);
    }

    @Test
    void whatConversationsProducedIsKeptPerAttemptAndShownFilteredAndInTheTimeline() throws Exception {
        String job = createRunning(3);
        List<DialRequest> first = dial(job);
        assertThat(first).hasSize(3);
        Map<String, Object> extracted = new LinkedHashMap<>();
        extracted.put("budget", 1200);
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", "Pro");
        product.put("seats", List.of(1, 2));
        extracted.put("product", product);
        extracted.put("note", "Größe ✓");
        assertThat(ended(first.get(0), Map.of("outcome", "completed", "callDuration", 42, "disposition", "interested",
                "answeredBy", "human", "outcomeData", extracted)).status()).isEqualTo(200);
        assertThat(ended(first.get(1), Map.of("outcome", "no_answer", "disposition", "call_later",
                "callbackAt", "2026-03-03T10:00")).status()).isEqualTo(200);
        assertThat(ended(first.get(2), Map.of("outcome", "completed", "disposition", "not_interested")).status()).isEqualTo(200);

        JsonNode detail = api.get("/batch/jobs/" + job, KEY).body();
        assertThat(detail.get("dispositionBreakdown").toString()).isEqualTo("{\"call_later\":1,\"interested\":1,\"not_interested\":1}");
        JsonNode c1 = detail.get("contacts").get(0);
        assertThat(c1.get("disposition").asText()).isEqualTo("interested");
        assertThat(c1.get("answeredBy").asText()).isEqualTo("human");
        assertThat(c1.get("outcomeData")).isEqualTo(ApiClient.JSON.valueToTree(extracted));
        assertThat(detail.get("contacts").get(1).get("callbackAt").asText()).isEqualTo("2026-03-03T10:00");

        // the second contact asked for a callback (the 3rd, 10:00 in Chicago: 16:00 UTC): dialed then, and its second attempt
        // says something else: the contact shows its last
        JsonNode waiting = api.get("/batch/jobs/" + job, KEY).body().get("contacts").get(1);
        assertThat(waiting.get("status").asText()).isEqualTo("queued");
        assertThat(waiting.get("nextRetryAt").asText()).isEqualTo("2026-03-03T16:00:00Z");
        h.clock.set(java.time.Instant.parse("2026-03-03T16:00:00Z"));
        List<DialRequest> second = dial(job);
        assertThat(second).hasSize(1);
        assertThat(ended(second.get(0), Map.of("outcome", "completed", "callDuration", 7, "disposition", "interested")).status()).isEqualTo(200);
        detail = api.get("/batch/jobs/" + job, KEY).body();
        assertThat(detail.get("dispositionBreakdown").toString()).isEqualTo("{\"interested\":2,\"not_interested\":1}");

        JsonNode filtered = api.get("/batch/jobs/" + job + "?contactDisposition=interested", KEY).body();
        assertThat(filtered.get("contactsTotal").asLong()).isEqualTo(2);
        assertThat(filtered.get("contacts").findValuesAsText("disposition")).containsExactly("interested", "interested");
        JsonNode both = api.get("/batch/jobs/" + job + "?contactDisposition=not_interested,interested&contactStatus=completed&contactsPageSize=1&contactsPage=3", KEY).body();
        assertThat(both.get("contactsTotal").asLong()).isEqualTo(3);
        assertThat(both.get("contacts").get(0).get("disposition").asText()).isEqualTo("not_interested");
        assertThat(api.get("/batch/jobs/" + job + "?contactDisposition=Interested!", KEY).code()).isEqualTo("invalid_contact_disposition");

        String csv = api.text("/batch/jobs/" + job + "/contacts.csv", KEY);
        String header = csv.lines().findFirst().get();
        assertThat(header).isEqualTo("id,phoneNumber,status,errorCode,attemptCount,lastAttemptAt,completedAt,callDuration,failureReason,timezone,"
                + "disposition,answeredBy,callbackAt,callerId,region,outcome.budget,outcome.product,outcome.note,name");
        String firstRow = csv.lines().skip(1).findFirst().get();
        assertThat(firstRow).contains(",interested,human,,pn_1,US-IL,1200,\"{\"\"name\"\":\"\"Pro\"\",\"\"seats\"\":[1,2]}\",Größe ✓,P0");
        String ndjson = api.text("/batch/jobs/" + job + "/contacts.ndjson", KEY);
        // every exported line, with its outcomeData object, is one the OpenAPI document declares
        ndjson.lines().forEach(l -> OpenApiCheck.checkSchema("ExportRow", l));
        JsonNode line = ApiClient.JSON.readTree(ndjson.lines().findFirst().get());
        assertThat(line.get("outcomeData")).as("an object in NDJSON").isEqualTo(ApiClient.JSON.valueToTree(extracted));
        assertThat(line.get("disposition").asText()).isEqualTo("interested");

        String contact = second.get(0).contactId();
        ApiClient.Response timeline = api.get("/batch/jobs/" + job + "/contacts/" + contact, KEY);
        assertThat(timeline.status()).as(timeline.raw()).isEqualTo(200);
        JsonNode attempts = timeline.body().get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("status").asText()).isEqualTo("no_answer");
        assertThat(attempts.get(0).get("disposition").asText()).isEqualTo("call_later");
        assertThat(attempts.get(0).get("callbackAt").asText()).isEqualTo("2026-03-03T10:00");
        assertThat(attempts.get(1).get("status").asText()).isEqualTo("completed");
        assertThat(attempts.get(1).get("callDuration").asInt()).isEqualTo(7);
        assertThat(timeline.body().get("disposition").asText()).as("the contact as in the detail").isEqualTo("interested");
        assertThat(timeline.body().get("waits").isArray()).isTrue();
        assertThat(timeline.body().get("voicemails").asInt()).isZero();

        assertThat(api.get("/batch/jobs/" + job + "/contacts/" + job + "-c99", KEY).code()).isEqualTo("contact_not_found");
        assertThat(api.get("/batch/jobs/" + job + "/contacts/nonsense", KEY).code()).isEqualTo("contact_not_found");
        ApiClient.Response foreign = api.get("/batch/jobs/" + job + "/contacts/" + contact, OTHER);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.code()).as("another organization's job does not exist").isEqualTo("job_not_found");
    }

    @Test
    void badOutcomeFieldsAreRefusedAndNothingIsStored() {
        String job = createRunning(1);
        DialRequest r = dial(job).get(0);
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> level = deep;
        for (int i = 0; i < 8; i++) {
            Map<String, Object> next = new HashMap<>();
            level.put("k", next);
            level = next;
        }
        List<Map<String, Object>> bad = List.of(
                Map.of("outcome", "completed", "disposition", "Not Interested"),
                Map.of("outcome", "completed", "disposition", "x".repeat(65)),
                Map.of("outcome", "completed", "outcomeData", List.of(1, 2)),
                Map.of("outcome", "completed", "outcomeData", "text"),
                Map.of("outcome", "completed", "outcomeData", deep),
                Map.of("outcome", "completed", "outcomeData", Map.of("blob", "é".repeat(9000))),
                Map.of("outcome", "completed", "answeredBy", "robot"),
                Map.of("outcome", "completed", "callbackAt", "tomorrow at 3"),
                Map.of("outcome", "completed", "callbackAt", "2026-02-30T10:00"));
        for (Map<String, Object> fields : bad) {
            ApiClient.Response answer = ended(r, fields);
            assertThat(answer.status()).as(fields.keySet() + " " + answer.raw()).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("invalid_event");
        }
        Map<String, Object> connected = new HashMap<>(Map.of("batchJobId", job, "contactId", r.contactId(), "attempt", 1, "type", "connected",
                "disposition", "interested"));
        assertThat(api.post("/batch/call-events", KEY, connected).code()).isEqualTo("invalid_event");
        JsonNode detail = api.get("/batch/jobs/" + job, KEY).body();
        assertThat(detail.get("contacts").get(0).get("status").asText()).as("nothing stored").isEqualTo("dialing");
        assertThat(detail.get("dispositionBreakdown").size()).isZero();
        assertThat(api.get("/batch/jobs/" + job + "/contacts/" + r.contactId(), KEY).body().get("attempts")).isEmpty();

        // at the limits: 8 levels, 16 KB
        Map<String, Object> eight = new HashMap<>();
        Map<String, Object> at = eight;
        for (int i = 0; i < 7; i++) {
            Map<String, Object> next = new HashMap<>();
            at.put("k", next);
            at = next;
        }
        ApiClient.Response ok = ended(r, Map.of("outcome", "completed", "disposition", "a_1", "answeredBy", "machine", "outcomeData", eight,
                "callbackAt", "2026-03-03T10:00:00+01:00"));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        JsonNode contact = api.get("/batch/jobs/" + job, KEY).body().get("contacts").get(0);
        assertThat(contact.get("status").asText()).as("a machine answer counts as no_answer by default (the job allows a retry)")
                .isEqualTo("queued");
    }

    @Test
    void aJobsDispositionRulesAndCallbacksOverTheApi() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Rules");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("contacts", List.of(Map.of("phone", "+13125559001"), Map.of("phone", "+13125559002")));
        body.put("dispositions", Map.of("final", List.of("wrong_person"), "optOut", List.of("do_not_call")));
        body.put("maxCallbacks", 1);
        for (Object bad : List.of(Map.of("final", List.of("Wrong Person")), Map.of("later", List.of("x")), List.of("a"), "text")) {
            Map<String, Object> b = new LinkedHashMap<>(body);
            b.put("dispositions", bad);
            ApiClient.Response refused = api.post("/batch/create", KEY, b);
            assertThat(refused.status()).as(bad + " " + refused.raw()).isEqualTo(400);
            assertThat(refused.code()).isIn("invalid_dispositions", "unknown_field");
        }
        Map<String, Object> tooMany = new LinkedHashMap<>(body);
        tooMany.put("maxCallbacks", 21);
        assertThat(api.post("/batch/create", KEY, tooMany).code()).isEqualTo("invalid_max_callbacks");
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String job = created.body().get("batchJobId").asText();
        JsonNode detail = api.get("/batch/jobs/" + job, KEY).body();
        assertThat(detail.get("dispositions").toString()).isEqualTo("{\"final\":[\"wrong_person\"],\"optOut\":[\"do_not_call\"]}");
        assertThat(detail.get("maxCallbacks").asInt()).isEqualTo(1);
        ApiClient.Response csv = api.postCsv("/batch/create", KEY, Map.of("name", "CSV rules", "fromPhoneNumberId", "pn_1",
                "dispositions", "{\"final\":[\"not_interested\"]}", "maxCallbacks", "0"), "phone\n+13125559003\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(csv.status()).as(csv.raw()).isEqualTo(201);
        assertThat(api.get("/batch/jobs/" + csv.body().get("batchJobId").asText(), KEY).body().get("dispositions").get("final").get(0).asText())
                .isEqualTo("not_interested");

        api.post("/batch/jobs/" + job + "/start", KEY, Map.of());
        List<DialRequest> calls = dial(job);
        assertThat(calls).hasSize(2);
        String c1 = calls.get(0).contactId();
        String path = "/batch/jobs/" + job + "/contacts/" + c1 + "/callback";
        assertThat(api.post(path, KEY, Map.of("at", "2030-01-01T10:00:00Z")).code()).as("in a call").isEqualTo("contact_in_call");
        assertThat(ended(calls.get(0), Map.of("outcome", "completed", "disposition", "do_not_call")).status()).isEqualTo(200);
        assertThat(api.get("/batch/suppressions?phoneNumber=%2B13125559001", KEY).body().toString()).contains("opt_out:do_not_call");
        String at = h.clock.now().plus(java.time.Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        ApiClient.Response scheduled = api.post(path, KEY, Map.of("at", at));
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(200);
        assertThat(scheduled.body().get("contact").get("status").asText()).isEqualTo("queued");
        assertThat(scheduled.body().get("contact").get("nextRetryAt").asText()).isEqualTo(at);
        assertThat(api.post(path, KEY, Map.of("at", at)).code()).as("maxCallbacks 1").isEqualTo("callback_limit");
        assertThat(api.post(path, KEY, Map.of("at", "soon")).code()).isEqualTo("invalid_callback");
        assertThat(api.post(path, KEY, Map.of("when", at)).code()).isEqualTo("unknown_field");
        assertThat(api.post("/batch/jobs/" + job + "/contacts/" + c1 + "/callback", OTHER, Map.of("at", at)).code()).isEqualTo("job_not_found");

        // CONTRACT §16: the contact waiting for its callback is taken out; the one in a call cannot be
        String cancel = "/batch/jobs/" + job + "/contacts/" + c1 + "/cancel";
        assertThat(api.post(cancel, OTHER, Map.of()).code()).isEqualTo("job_not_found");
        ApiClient.Response cancelled = api.post(cancel, KEY, Map.of());
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.body().get("contact").get("status").asText()).isEqualTo("cancelled");
        ApiClient.Response again = api.post(cancel, KEY, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("contact_final");
        ApiClient.Response inCall = api.post("/batch/jobs/" + job + "/contacts/" + calls.get(1).contactId() + "/cancel", KEY, Map.of());
        assertThat(inCall.status()).isEqualTo(409);
        assertThat(inCall.code()).isEqualTo("contact_in_call");
        assertThat(api.post("/batch/jobs/" + job + "/contacts/" + job + "-c99/cancel", KEY, Map.of()).code()).isEqualTo("contact_not_found");
    }

    /** A contact its calling window holds shows that wait on its timeline, until the window's opening (OpenAPI-checked). */
    @Test
    void aContactHeldByItsWindowShowsTheWaitOnItsTimeline() {
        int hour = h.clock.now().atZone(java.time.ZoneOffset.UTC).getHour();
        String from = String.format("%02d:00", (hour + 2) % 24);
        String to = String.format("%02d:00", (hour + 3) % 24);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Held");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("callingWindow", Map.of("start", from, "end", to));
        body.put("contacts", List.of(Map.of("phone", "+13125559201", "timezone", "UTC")));
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String job = created.body().get("batchJobId").asText();
        h.engine.dispatcher.tick();
        ApiClient.Response timeline = api.get("/batch/jobs/" + job + "/contacts/" + job + "-c1", KEY);
        assertThat(timeline.status()).as(timeline.raw()).isEqualTo(200);
        JsonNode waits = timeline.body().get("waits");
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).get("reason").asText()).isEqualTo("calling_window");
        assertThat(waits.get(0).get("until").asText()).isEqualTo(timeline.body().get("nextCallableAt").asText());
    }

    /** CONTRACT §16's endAt at create: shown on the job; bad, past or before the start → 400 invalid_end_at, nothing stored. */
    @Test
    void anEndTimeIsTakenAndShownAndABadOneIsRefused() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Ends");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("contacts", List.of(Map.of("phone", "+13125559101")));
        String end = h.clock.now().plus(java.time.Duration.ofHours(8)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        for (Object bad : List.of("tonight", h.clock.now().minusSeconds(60).toString(), 42)) {
            Map<String, Object> b = new LinkedHashMap<>(body);
            b.put("endAt", bad);
            ApiClient.Response refused = api.post("/batch/create", KEY, b);
            assertThat(refused.status()).as(bad + " " + refused.raw()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("invalid_end_at");
        }
        Map<String, Object> late = new LinkedHashMap<>(body);
        late.put("endAt", end);
        late.put("scheduledStartTime", h.clock.now().plus(java.time.Duration.ofHours(9)).toString());
        assertThat(api.post("/batch/create", KEY, late).code()).as("after the start").isEqualTo("invalid_end_at");
        body.put("endAt", end);
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode detail = api.get("/batch/jobs/" + created.body().get("batchJobId").asText(), KEY).body();
        assertThat(detail.get("endAt").asText()).isEqualTo(end);
    }

    @Test
    void aVoicemailPolicyLeavesTheMessageFilledForTheContactAndCountsAMachineAsItSays() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Voicemail");
        body.put("fromPhoneNumberId", "pn_1");
        body.put("contacts", List.of(Map.of("phone", "+13125559101", "name", "Ada")));
        List<Object> bad = List.of(Map.of("action", "beep"), Map.of("action", "leave_message"), Map.of("outcome", "maybe"),
                Map.of("action", "hangup", "message", "hi"), Map.of("action", "leave_message", "message", "x".repeat(2001)),
                Map.of("when", "now"), "not json");
        for (Object v : bad) {
            Map<String, Object> b = new LinkedHashMap<>(body);
            b.put("voicemail", v);
            ApiClient.Response refused = api.post("/batch/create", KEY, b);
            assertThat(refused.status()).as(v + " " + refused.raw()).isEqualTo(400);
            assertThat(refused.code()).isIn("invalid_voicemail", "unknown_field");
        }
        Map<String, Object> disagreeing = new LinkedHashMap<>(body);
        disagreeing.put("voicemail", Map.of("outcome", "final"));
        disagreeing.put("machineAnswerOutcome", "no_answer");
        assertThat(api.post("/batch/create", KEY, disagreeing).code()).isEqualTo("invalid_voicemail");

        body.put("voicemail", Map.of("action", "leave_message", "message", "Hi {{name}}, this is Acme; call us back.", "outcome", "final"));
        body.put("machineAnswerOutcome", "completed"); // the shorthand, agreeing
        ApiClient.Response created = api.post("/batch/create", KEY, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String job = created.body().get("batchJobId").asText();
        JsonNode detail = api.get("/batch/jobs/" + job, KEY).body();
        assertThat(detail.get("voicemail").toString())
                .isEqualTo("{\"action\":\"leave_message\",\"message\":\"Hi {{name}}, this is Acme; call us back.\",\"outcome\":\"final\"}");
        api.post("/batch/jobs/" + job + "/start", KEY, Map.of());
        DialRequest r = dial(job).get(0);
        assertThat(r.voicemailMessage()).as("placeholders filled from the contact's data").isEqualTo("Hi Ada, this is Acme; call us back.");
        assertThat(ended(r, Map.of("outcome", "completed", "answeredBy", "machine", "callDuration", 25)).status()).isEqualTo(200);
        JsonNode contact = api.get("/batch/jobs/" + job, KEY).body().get("contacts").get(0);
        assertThat(contact.get("status").asText()).isEqualTo("completed");
        assertThat(contact.get("errorCode").asText()).isEqualTo("voicemail");

        Map<String, Object> plain = new LinkedHashMap<>(body);
        plain.remove("voicemail");
        plain.remove("machineAnswerOutcome");
        plain.put("contacts", List.of(Map.of("phone", "+13125559102")));
        JsonNode defaults = api.get("/batch/jobs/" + api.post("/batch/create", KEY, plain).body().get("batchJobId").asText(), KEY).body();
        assertThat(defaults.get("voicemail").toString()).isEqualTo("{\"action\":\"hangup\",\"message\":null,\"outcome\":\"retry\"}");
    }
}
