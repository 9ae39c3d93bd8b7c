package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.OpenApiCheck;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs show what the API answers today: every answer in docs/tour.md (written by
 * {@code scripts/tour-doc.sh} from the packaged jar) and the detail example of docs/api.md are checked
 * against the OpenAPI document the HTTP tests hold every real response to — a field added to or removed
 * from the detail fails here until the docs are regenerated.
 */
class TourDocTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern COMMAND = Pattern.compile("^\\$ curl -s (?:-X (\\w+) )?\"?(https?://[^/]+)?([^\" ]+)\"?");

    @Test
    void everyAnswerOfTheTourMatchesTheApiOfToday() throws Exception {
        List<String> lines = Files.readAllLines(DOCS.resolve("tour.md"));
        int checked = 0;
        int details = 0;
        for (int i = 0; i < lines.size() - 1; i++) {
            Matcher m = COMMAND.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            String method = m.group(1) == null ? "GET" : m.group(1);
            String target = m.group(3);
            String body = lines.get(i + 1);
            assertThat(body).as("an answer follows " + lines.get(i)).startsWith("{");
            JsonNode json = Http.JSON.readTree(body);
            int status = json.path("success").isBoolean() && !json.get("success").asBoolean()
                    ? (json.path("error").path("code").asText().endsWith("not_found") ? 404 : 400)
                    : target.equals("/batch/create") ? 201 : 200;
            OpenApiCheck.check(method, target, status, "application/json", body);
            checked++;
            if (json.has("contacts") && json.has("statusBreakdown")) {
                details++;
            }
        }
        assertThat(checked).as("answers checked").isGreaterThanOrEqualTo(9);
        assertThat(details).as("job details among them").isGreaterThanOrEqualTo(2);
    }

    @Test
    void theDetailExampleOfTheApiPageMatchesTheApiOfToday() throws Exception {
        String api = Files.readString(DOCS.resolve("api.md"));
        int section = api.indexOf("### `GET /batch/jobs/{id}?");
        int start = api.indexOf("```json", section) + "```json".length();
        String example = api.substring(start, api.indexOf("```", start)).trim();
        OpenApiCheck.check("GET", "/batch/jobs/bj_1", 200, "application/json", example);
    }
}
