package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small real HTTP client for end-to-end tests against a started server; every answer is checked against the OpenAPI document. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    Http(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    JsonNode send(String method, String path, String json) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            // every answer a real server gives these tests is one the OpenAPI document declares
            io.batchcall.adapter.http.OpenApiCheck.check(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    r.body());
            JsonNode node = JSON.readTree(r.body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("_status", r.statusCode());
            return node;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, String json) {
        return send("POST", path, json);
    }

    /** Polls the job detail until the condition holds (or fails after the timeout). */
    JsonNode awaitJob(String id, Duration timeout, Predicate<JsonNode> condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = get("/batch/jobs/" + id + "?contactsPageSize=500");
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("condition not reached in " + timeout + "; last detail: " + last);
    }

    static String job(String name, int contacts, int limit, int maxAttempts, String extra) {
        StringBuilder sb = new StringBuilder("{\"name\":\"" + name + "\",\"fromPhoneNumberId\":\"pn_1\",\"agentId\":\"ag_1\","
                + "\"concurrentCallLimit\":" + limit + ",\"maxAttempts\":" + maxAttempts + ",\"retryDelaySeconds\":0" + extra + ",\"contacts\":[");
        for (int i = 1; i <= contacts; i++) {
            sb.append(i > 1 ? "," : "").append("{\"phone\":\"").append(String.format("+1415%07d", i)).append("\",\"n\":").append(i).append('}');
        }
        return sb.append("]}").toString();
    }
}
