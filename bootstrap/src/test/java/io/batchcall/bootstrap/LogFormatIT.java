package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar's log with {@code BATCHCALL_LOG_FORMAT=json}: every line on stderr is one JSON object;
 * a request line carries method, route template, status, time and organization; the job's lifecycle
 * lines (created, started, completed) are there; the API key is in no line.
 */
class LogFormatIT {

    private static final String KEY = "log-format-key-000000001";

    @Test
    void jsonLogsAreOneObjectPerLineWithRequestAndLifecycleLines(@TempDir Path dir) throws Exception {
        List<JsonNode> lines = run(dir, java.util.Map.of("BATCHCALL_REQUEST_LOG", "lines"));
        assertThat(lines).allMatch(l -> l.isObject() && l.has("level") && l.has("@timestamp") && l.has("message") && l.has("logger_name"));
        // ISO-8601 time, not epoch milliseconds
        lines.forEach(l -> assertThat(java.time.Instant.parse(l.get("@timestamp").asText())).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z")));
        List<String> messages = lines.stream().map(l -> l.get("message").asText()).toList();
        assertThat(messages).anyMatch(m -> m.contains("created: 3 contacts, 0 rows skipped")).anyMatch(m -> m.contains("started"))
                .anyMatch(m -> m.contains("of org-log completed (3 contacts)")).anyMatch(m -> m.contains("listening on"));

        // the request log's fields are top-level, each of its own type
        List<JsonNode> requests = lines.stream().filter(l -> l.get("logger_name").asText().equals("io.batchcall.http.requests")).toList();
        JsonNode create = requests.stream().filter(l -> l.path("route").asText().equals("/batch/create")).findFirst().orElseThrow();
        assertThat(create.get("method").asText()).isEqualTo("POST");
        assertThat(create.get("status").isInt()).isTrue();
        assertThat(create.get("status").asInt()).isEqualTo(201);
        assertThat(create.get("organization").asText()).isEqualTo("org-log");
        assertThat(create.get("ms").isNumber()).isTrue();
        assertThat(create.get("ms").asDouble()).isPositive();
        assertThat(create.has("code")).as("no error code on a success").isFalse();
        assertThat(requests).anyMatch(l -> l.path("route").asText().equals("/batch/jobs/:id") && l.path("status").asInt() == 404
                && l.path("path").asText().equals("/batch/jobs/bj_nothing") && l.path("code").asText().equals("job_not_found"));
        // refused by the key check before any endpoint: the route is the guard of /batch/*
        assertThat(requests).anyMatch(l -> l.path("path").asText().equals("/batch/jobs") && l.path("status").asInt() == 401
                && l.path("code").asText().equals("unauthorized") && !l.has("organization"));
    }

    /**
     * By default the request log is a summary per route and method each period (here a second, a minute by default):
     * counts by status class and percentiles, top-level typed fields, no line per request, no path (the client's text).
     */
    @Test
    void theDefaultRequestLogIsASummaryPerRouteNotALinePerRequest(@TempDir Path dir) throws Exception {
        List<JsonNode> lines = run(dir, java.util.Map.of("BATCHCALL_REQUEST_LOG_SUMMARY_SECONDS", "1"));
        List<JsonNode> requests = lines.stream().filter(l -> l.get("logger_name").asText().equals("io.batchcall.http.requests")).toList();
        assertThat(requests).isNotEmpty().noneMatch(l -> l.has("path") || l.has("status"));
        JsonNode create = requests.stream().filter(l -> l.path("route").asText().equals("/batch/create")).findFirst().orElseThrow();
        assertThat(create.get("method").asText()).isEqualTo("POST");
        assertThat(create.get("requests").asLong()).isEqualTo(1);
        assertThat(create.get("status2xx").asLong()).isEqualTo(1);
        assertThat(create.get("p99Ms").isNumber()).isTrue();
        assertThat(create.get("p99Ms").asDouble()).isPositive();
        assertThat(create.get("message").asText()).startsWith("POST /batch/create: 1 requests in ");
        long notFound = requests.stream().filter(l -> l.path("route").asText().equals("/batch/jobs/:id"))
                .mapToLong(l -> l.path("status4xx").asLong()).sum();
        assertThat(notFound).as("the read of bj_nothing, counted as a 4xx of its route").isEqualTo(1);
    }

    /** Runs the jar with JSON logs and {@code env}: a job of 3 contacts to its end, a 404 and a 401; the log's lines. */
    private static List<JsonNode> run(Path dir, java.util.Map<String, String> env) throws Exception {
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-jar", Path.of("target", "batchcall.jar").toAbsolutePath().toString())
                .directory(dir.toFile()).redirectError(log.toFile()).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().putAll(java.util.Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_LOG_FORMAT", "json",
                "BATCHCALL_API_KEYS", "org-log:" + KEY, "BATCHCALL_SIM_CALL_SECONDS", "0", "BATCHCALL_TICK_MILLIS", "20"));
        pb.environment().putAll(env);
        Process server = pb.start();
        try {
            int port = awaitPort(log);
            Http http = new Http(port, KEY);
            String id = http.post("/batch/create", Http.job("Logged", 3, 3, 1, "")).get("batchJobId").asText();
            http.awaitJob(id, Duration.ofSeconds(20), d -> d.get("status").asText().equals("completed"));
            http.get("/batch/jobs/bj_nothing");
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/batch/jobs")).build(),
                    HttpResponse.BodyHandlers.discarding());
            Thread.sleep(2500); // the request log is written from a queue, its summary each period
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            assertThat(line).as("no API key in the log").doesNotContain(KEY);
            lines.add(Http.JSON.readTree(line)); // each line alone is a JSON object
        }
        return lines;
    }

    private static int awaitPort(Path log) throws Exception {
        Pattern listening = Pattern.compile("listening on http:\\\\?/\\\\?/localhost:(\\d+)");
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                Matcher m = listening.matcher(Files.readString(log));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start:\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }
}
