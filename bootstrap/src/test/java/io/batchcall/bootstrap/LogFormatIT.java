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
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-jar", Path.of("target", "batchcall.jar").toAbsolutePath().toString())
                .directory(dir.toFile()).redirectError(log.toFile()).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().putAll(java.util.Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_LOG_FORMAT", "json",
                "BATCHCALL_API_KEYS", "org-log:" + KEY, "BATCHCALL_SIM_CALL_SECONDS", "0", "BATCHCALL_TICK_MILLIS", "20"));
        Process server = pb.start();
        try {
            int port = awaitPort(log);
            Http http = new Http(port, KEY);
            String id = http.post("/batch/create", Http.job("Logged", 3, 3, 1, "")).get("batchJobId").asText();
            http.awaitJob(id, Duration.ofSeconds(20), d -> d.get("status").asText().equals("completed"));
            http.get("/batch/jobs/bj_nothing");
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/batch/jobs")).build(),
                    HttpResponse.BodyHandlers.discarding());
            Thread.sleep(500); // the request log is written from a queue
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            assertThat(line).as("no API key in the log").doesNotContain(KEY);
            lines.add(Http.JSON.readTree(line)); // each line alone is a JSON object
        }
        assertThat(lines).allMatch(l -> l.isObject() && l.has("level") && l.has("timestamp") && l.has("formattedMessage"));
        List<String> messages = lines.stream().map(l -> l.get("formattedMessage").asText()).toList();
        assertThat(messages).anyMatch(m -> m.contains("created: 3 contacts")).anyMatch(m -> m.contains("started"))
                .anyMatch(m -> m.contains("completed")).anyMatch(m -> m.contains("listening on"));

        List<JsonNode> requests = lines.stream().filter(l -> l.get("loggerName").asText().equals("io.batchcall.http.requests")).toList();
        JsonNode create = requests.stream().filter(l -> kv(l, "route").equals("/batch/create")).findFirst().orElseThrow();
        assertThat(kv(create, "method")).isEqualTo("POST");
        assertThat(kv(create, "status")).isEqualTo("201");
        assertThat(kv(create, "organization")).isEqualTo("org-log");
        assertThat(Double.parseDouble(kv(create, "ms"))).isPositive();
        assertThat(requests).anyMatch(l -> kv(l, "route").equals("/batch/jobs/:id") && kv(l, "status").equals("404")
                && kv(l, "path").equals("/batch/jobs/bj_nothing"));
        // refused by the key check before any endpoint: the route is the guard of /batch/*
        assertThat(requests).anyMatch(l -> kv(l, "path").equals("/batch/jobs") && kv(l, "status").equals("401") && kv(l, "organization").equals("null"));
    }

    private static String kv(JsonNode line, String key) {
        for (JsonNode pair : line.path("kvpList")) {
            if (pair.has(key)) {
                return pair.get(key).asText();
            }
        }
        return "";
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
