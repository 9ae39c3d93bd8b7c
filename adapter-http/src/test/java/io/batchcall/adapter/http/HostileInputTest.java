package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.application.service.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input over a real socket: every malformed request gets an enveloped 4xx with its documented
 * code, never a 500 and never a bare HTTP error, and nothing is stored.
 */
class HostileInputTest {

    private static final String KEY = "hostile-key-0000000001";

    @RegisterExtension
    static final TestApi app = TestApi.started(EngineSettings.DEFAULTS, java.util.Map.of(KEY, "org-h"),
            uploads -> new HttpApi.Settings(1024 * 1024, uploads, 256 * 1024, 1024 * 1024, 4, 1));
    private static final ApiClient api = app.client;
    private static final int port = app.port();
    private static final Path uploads = app.uploads;

    /** A raw HTTP exchange: what a client that does not follow the rules sends. */
    private record Raw(int status, String head, JsonNode body) {
    }

    private static Raw raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Raw raw(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading everything
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    buf.write(b, 0, n);
                    String sofar = buf.toString(StandardCharsets.UTF_8);
                    int split = sofar.indexOf("\r\n\r\n");
                    if (split > 0) {
                        String head = sofar.substring(0, split);
                        int length = contentLength(head);
                        if (length >= 0 && sofar.length() - split - 4 >= length) {
                            break;
                        }
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException done) {
                // read what came
            }
            String all = buf.toString(StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : all.substring(split + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            return new Raw(status, head, body.isBlank() ? null : ApiClient.JSON.readTree(body));
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    private static void assertEnvelope(Raw r, int status, String code) {
        assertThat(r.status()).as(r.head()).isEqualTo(status);
        assertThat(r.body()).as("JSON envelope of " + r.head()).isNotNull();
        assertThat(r.body().get("success").asBoolean()).isFalse();
        assertThat(r.body().get("error").get("code").asText()).as(r.body().toString()).isEqualTo(code);
    }

    private static void assertEnvelope(ApiClient.Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.body().get("success").asBoolean()).isFalse();
        assertThat(r.code()).isEqualTo(code);
    }

    @Test
    void malformedPercentEscapesAreInvalidQuery() throws IOException {
        for (String q : List.of("status=%zz", "%u0=1", "page=%", "contactStatus=%E0%A4%A")) {
            assertEnvelope(raw("GET /batch/jobs?" + q + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n"), 400, "invalid_query");
        }
        assertEnvelope(raw("GET /batch/jobs/%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY + "\r\n\r\n"), 400, "bad_request");
    }

    @Test
    void httpLevelRefusalsAreEnveloped() throws IOException {
        assertEnvelope(raw("GET /batch/jobs?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, "uri_too_long");
        assertEnvelope(raw("GET /batch/jobs HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n"), 431, "headers_too_large");
        assertEnvelope(raw("GARBAGE\r\n\r\n"), 400, "bad_request");
        assertEnvelope(raw("GET /batch/jobs HTTP/9.9\r\nHost: x\r\n\r\n"), 505, "http_version_not_supported");
        assertEnvelope(raw("POST /batch/create HTTP/2.0\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"), 505, "http_version_not_supported");
        assertThat(raw("GET /health HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
        assertEnvelope(raw("GET /batch/jobs HTTP/1.1\r\nAuthorization: Bearer " + KEY + "\r\n\r\n"), 400, "missing_host");
        assertEnvelope(raw("POST /batch/create HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"), 417, "expectation_failed");
    }

    @Test
    void multipartWithoutABoundaryOrWithTooManyOrTooLongFieldsIsRefused() {
        assertEnvelope(api.postRaw("/batch/create", KEY, "multipart/form-data; boundary=", "xx"), 400, "invalid_multipart");
        assertEnvelope(api.postRaw("/batch/create", KEY, "multipart/form-data", "xx"), 400, "invalid_multipart");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            many.put("f" + i, "v");
        }
        assertEnvelope(api.postCsv("/batch/create", KEY, many, "phone\n+14155550101\n".getBytes(StandardCharsets.UTF_8)),
                400, "too_many_form_fields");
        assertEnvelope(api.postCsv("/batch/create", KEY, Map.of("name", "x".repeat(200_000), "fromPhoneNumberId", "pn"),
                "phone\n+14155550101\n".getBytes(StandardCharsets.UTF_8)), 413, "form_too_large");
    }

    @Test
    void oversizedAndUnauthenticatedBodiesAreRefusedBeforeTheyAreRead() throws IOException {
        // declared too large: refused from the header alone
        assertEnvelope(raw("POST /batch/create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 900000000\r\n\r\n{"), 413, "payload_too_large");
        // chunked, no key: 401 while the client is still sending
        Raw r = raw("POST /batch/create HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10000\r\n" + "a".repeat(0x10000) + "\r\n");
        assertEnvelope(r, 401, "unauthorized");
        // chunked with a key, past the JSON limit: 413
        ApiClient.Response big = api.postRaw("/batch/create", KEY, "application/json", "[" + " ".repeat(300 * 1024) + "]");
        assertEnvelope(big, 413, "payload_too_large");
        try (var files = Files.list(uploads)) {
            assertThat(files.count()).as("spooled uploads left behind").isZero();
        }
    }

    @Test
    void aStalledUploadIsClosedAndItsSpooledFileDeleted() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            String part = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                    + "phone\n+14155550101\n".repeat(2000);
            s.getOutputStream().write(("POST /batch/create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 900000\r\n\r\n" + part)
                    .getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            // the closing boundary never comes: the idle timeout (1 s here) closes the connection
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        long left;
        do {
            Thread.sleep(100);
            try (var files = Files.list(uploads)) {
                left = files.count();
            }
        } while (left > 0 && System.nanoTime() < deadline);
        assertThat(left).as("spooled files left by a stalled upload").isZero();
    }

    @Test
    void lengthsAreCheckedWhereInputEnters() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "n");
        job.put("fromPhoneNumberId", "pn");
        job.put("agentId", "a".repeat(201));
        job.put("contacts", List.of(Map.of("phone", "+14155550101")));
        assertEnvelope(api.post("/batch/create", KEY, job), 400, "invalid_agent_id");
        job.put("agentId", "agent");
        job.put("fromPhoneNumberId", "p".repeat(201));
        assertEnvelope(api.post("/batch/create", KEY, job), 400, "invalid_from_phone_number_id");
        job.put("fromPhoneNumberId", "pn");
        job.put("scheduledStartTime", "+200000000-01-01T00:00:00Z");
        assertEnvelope(api.post("/batch/create", KEY, job), 400, "invalid_scheduled_time");
        assertEnvelope(api.send("PATCH", "/batch/jobs/bj_x/reschedule?scheduledStartTime=%2B999999999-12-31T23:59:59Z", KEY, null, null),
                400, "invalid_scheduled_time");
    }

    @Test
    void contactDataThatCouldNotBeReadBackIsSkippedAtCreate() {
        Object deep = "leaf";
        for (int i = 0; i < 40; i++) {
            deep = Map.of("d", deep);
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "n");
        job.put("fromPhoneNumberId", "pn");
        job.put("contacts", List.of(Map.of("phone", "+14155550101", "deep", deep),
                Map.of("phone", "+14155550102", "big", "x".repeat(100_001)),
                Map.of("phone", "+14155550103", "ok", "fine")));
        ApiClient.Response r = api.post("/batch/create", KEY, job);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().get("totalContacts").asInt()).isEqualTo(1);
        List<String> reasons = new ArrayList<>();
        r.body().get("skippedRows").forEach(s -> reasons.add(s.get("reason").asText()));
        assertThat(reasons).containsExactly("contact_data_too_deep", "contact_data_too_large");
        ApiClient.Response detail = api.get("/batch/jobs/" + r.body().get("batchJobId").asText(), KEY);
        assertThat(detail.status()).isEqualTo(200);
    }

    @Test
    void callEventsAreBoundedAndEachEventOfAnArrayFailsAlone() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(Map.of("batchJobId", "bj_x", "contactId", "bj_x-c1", "attempt", 1, "type", "connected"));
        }
        assertEnvelope(api.post("/batch/call-events", KEY, events), 400, "too_many_events");
        Map<String, Object> longReason = new LinkedHashMap<>(Map.of("batchJobId", "bj_x", "contactId", "bj_x-c1", "attempt", 1,
                "type", "ended", "outcome", "failed"));
        longReason.put("failureReason", "r".repeat(1001));
        assertEnvelope(api.post("/batch/call-events", KEY, longReason), 400, "invalid_event");
        Map<String, Object> longRoom = new LinkedHashMap<>(Map.of("batchJobId", "bj_x", "contactId", "bj_x-c1", "attempt", 1,
                "type", "connected"));
        longRoom.put("roomName", "r".repeat(301));
        assertEnvelope(api.post("/batch/call-events", KEY, longRoom), 400, "invalid_event");
        ApiClient.Response mixed = api.post("/batch/call-events", KEY, List.of(longReason, Map.of("attempt", "x"), longRoom,
                Map.of("batchJobId", "bj_x", "contactId", "bj_x-c1", "attempt", 1, "type", "connected")));
        assertThat(mixed.status()).isEqualTo(200);
        JsonNode results = mixed.body().get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("error").get("code").asText()).isEqualTo("invalid_event");
        assertThat(results.get(1).get("error").get("code").asText()).isEqualTo("invalid_event");
        assertThat(results.get(2).get("error").get("code").asText()).isEqualTo("invalid_event");
        assertThat(results.get(3).get("error").get("code").asText()).isEqualTo("job_not_found");
        assertThat(results.get(3).get("httpStatus").asInt()).isEqualTo(404);
    }
}
