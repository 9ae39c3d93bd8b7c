package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * U+0000 anywhere text enters (docs/api.md "Text"): refused with 400 {@code invalid_text} (or
 * {@code invalid_query} in a query string), an id holding one in a path answers like any id that does not
 * exist, and the embedded store and PostgreSQL answer alike — PostgreSQL cannot store the character, and
 * before this rule each such request was a 500 there. Nothing is stored by a refused request.
 */
class NulTextTest {

    private static final String KEY = "nul-key-000000000001";

    @TempDir
    Path data;

    private record Case(String what, String method, String path, String type, byte[] body, Map<String, String> headers,
                        int status, String code) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void textHoldingNulIsRefusedAlikeOnEveryStore(String store) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_DATA_DIR", data.toString(),
                "BATCHCALL_API_KEYS", "org-1:" + KEY, "BATCHCALL_SIM_CALL_SECONDS", "60"));
        if (store.equals("postgres")) {
            env.putAll(Map.of("BATCHCALL_DB_URL", io.batchcall.adapter.persistence.Postgres.freshDatabaseUrl(),
                    "BATCHCALL_DB_USER", "postgres", "BATCHCALL_DB_PASSWORD", "postgres"));
        }
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env))) {
            Http http = new Http(server.port(), KEY);
            String job = http.post("/batch/create", Http.job("Real", 2, 1, 1, "")).get("batchJobId").asText();
            String boundary = "b0undary";
            List<Case> cases = new ArrayList<>();
            cases.add(json("name", "/batch/create", Http.job("Bad\\u0000name", 1, 1, 1, ""), 400, "invalid_text"));
            cases.add(json("contact data", "/batch/create",
                    "{\"name\":\"x\",\"fromPhoneNumberId\":\"pn_1\",\"contacts\":[{\"phone\":\"+14155550101\",\"note\":\"a\\u0000b\"}]}",
                    400, "invalid_text"));
            cases.add(json("a key of contact data", "/batch/create",
                    "{\"name\":\"x\",\"fromPhoneNumberId\":\"pn_1\",\"contacts\":[{\"phone\":\"+14155550101\",\"k\\u0000\":\"b\"}]}",
                    400, "invalid_text"));
            cases.add(json("call event", "/batch/call-events", "{\"batchJobId\":\"" + job + "\",\"contactId\":\"" + job
                    + "-c1\",\"type\":\"ended\",\"status\":\"completed\",\"failureReason\":\"x\\u0000\"}", 400, "invalid_text"));
            cases.add(json("suppression reason", "/batch/suppressions", "{\"phoneNumbers\":[\"+14155550199\"],\"reason\":\"r\\u0000\"}",
                    400, "invalid_text"));
            cases.add(json("webhook url", "/batch/webhooks", "{\"url\":\"https://example.com/\\u0000\"}", 400, "invalid_text"));
            cases.add(new Case("CSV cell", "POST", "/batch/create", "multipart/form-data; boundary=" + boundary,
                    multipart(boundary, Map.of("name", "csv", "fromPhoneNumberId", "pn_1"), "phone,note\n+14155550101,a\0b\n"),
                    Map.of(), 400, "invalid_text"));
            cases.add(new Case("form field", "POST", "/batch/create", "multipart/form-data; boundary=" + boundary,
                    multipart(boundary, Map.of("name", "c\0sv", "fromPhoneNumberId", "pn_1"), "phone\n+14155550101\n"),
                    Map.of(), 400, "invalid_text"));
            cases.add(new Case("job id in a path", "GET", "/batch/jobs/%00", null, null, Map.of(), 404, "job_not_found"));
            cases.add(new Case("job id with a NUL inside", "GET", "/batch/jobs/" + job + "%00", null, null, Map.of(), 404, "job_not_found"));
            cases.add(new Case("action on such an id", "POST", "/batch/jobs/%00/pause", null, null, Map.of(), 404, "job_not_found"));
            cases.add(new Case("export of such an id", "GET", "/batch/jobs/x%00/contacts.csv", null, null, Map.of(), 404, "job_not_found"));
            cases.add(new Case("webhook id in a path", "GET", "/batch/webhooks/%00/deliveries", null, null, Map.of(), 404, "webhook_not_found"));
            cases.add(new Case("query value", "GET", "/batch/jobs?status=%00", null, null, Map.of(), 400, "invalid_query"));
            cases.add(new Case("suppression lookup", "GET", "/batch/suppressions?phoneNumber=%2B1415%00", null, null, Map.of(), 400,
                    "invalid_query"));

            HttpClient client = HttpClient.newHttpClient();
            for (Case c : cases) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + c.path()))
                        .header("Authorization", "Bearer " + KEY)
                        .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
                if (c.type() != null) {
                    b.header("Content-Type", c.type());
                }
                c.headers().forEach(b::header);
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                io.batchcall.adapter.http.OpenApiCheck.check(c.method(), c.path(), r.statusCode(),
                        r.headers().firstValue("Content-Type").orElse(null), r.body());
                assertThat(r.statusCode()).as(store + ": " + c.what() + " → " + r.body()).isEqualTo(c.status());
                if (c.code() != null) {
                    JsonNode body = Http.JSON.readTree(r.body());
                    assertThat(body.get("error").get("code").asText()).as(store + ": " + c.what()).isEqualTo(c.code());
                }
            }
            // nothing of the refused requests was stored: the good job only, no suppression, no webhook
            assertThat(http.get("/batch/jobs").get("batchJobs")).hasSize(1);
            assertThat(http.get("/batch/suppressions").get("total").asLong()).isZero();
            assertThat(http.get("/batch/webhooks").get("webhooks")).isEmpty();
            assertThat(http.get("/batch/jobs/" + job).get("_status").asInt()).isEqualTo(200);
        }
    }

    private static Case json(String what, String path, String body, int status, String code) {
        return new Case(what, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of(), status, code);
    }

    private static byte[] multipart(String boundary, Map<String, String> fields, String csv) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(k)
                .append("\"\r\n\r\n").append(v).append("\r\n"));
        sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n")
                .append("Content-Type: text/csv\r\n\r\n").append(csv).append("\r\n--").append(boundary).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
