package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAPI document: served at /openapi.json without a key, a valid OpenAPI 3.1 document (swagger-parser
 * reads it without a message), covering every route the router mounts, and strict enough that
 * {@link OpenApiCheck} — which every HTTP test's response goes through — rejects a wrong body.
 */
class OpenApiDocumentTest {

    private static final String KEY = "openapi-key-1";
    private static TestApi server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = new TestApi(io.batchcall.application.service.EngineSettings.DEFAULTS, Map.of(KEY, "org-a"),
                new HttpApi.Settings(1 << 20, java.nio.file.Path.of("target", "uploads")));
        api = server.client;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theServedDocumentIsAValidOpenApi31Document() {
        ApiClient.Response served = api.get("/openapi.json", null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body().get("openapi").asText()).isEqualTo("3.1.0");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(served.raw(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKey("/batch/jobs/{id}");
    }

    @Test
    void everyRouteOfTheApiIsInTheDocument() {
        JsonNode paths = api.get("/openapi.json", null).body().get("paths");
        TreeSet<String> documented = new TreeSet<>();
        paths.fieldNames().forEachRemaining(p -> documented.add(p.replaceAll("\\{[^}]+}", "{}")));
        TreeSet<String> mounted = new TreeSet<>();
        for (var route : new HttpApi(server.vertx, server.harness.engine, new io.batchcall.application.memory.InMemoryApiKeys(),
                new HttpApi.Settings(1 << 20, java.nio.file.Path.of("target", "uploads"))).router().getRoutes()) {
            String path = route.getPath();
            // every route but the dashboard's static files and the auth guard of /batch/*
            if (path != null && !path.endsWith("/") && !path.equals("/index.html")) {
                mounted.add(path.replaceAll(":[A-Za-z]+", "{}"));
            }
        }
        assertThat(mounted).isNotEmpty();
        assertThat(documented).containsAll(mounted);
    }

    @Test
    void aBodyThatDiffersFromTheDocumentIsRejected() throws Exception {
        String id = api.post("/batch/create", KEY, Map.of("name", "Doc", "fromPhoneNumberId", "pn_1",
                "contacts", List.of(Map.of("phone", "+14155550101")))).body().get("batchJobId").asText();
        ApiClient.Response detail = api.get("/batch/jobs/" + id, KEY);
        String path = "/batch/jobs/" + id;
        OpenApiCheck.check("GET", path, 200, "application/json", detail.raw()); // the real body passes

        ObjectNode extra = ((ObjectNode) detail.body().deepCopy()).put("undocumented", 1);
        assertThatThrownBy(() -> OpenApiCheck.check("GET", path, 200, "application/json", extra.toString()))
                .hasMessageContaining("undocumented");
        ObjectNode missing = (ObjectNode) detail.body().deepCopy();
        missing.remove("contactsHasMore");
        assertThatThrownBy(() -> OpenApiCheck.check("GET", path, 200, "application/json", missing.toString()))
                .hasMessageContaining("contactsHasMore");
        ObjectNode badStatus = ((ObjectNode) detail.body().deepCopy()).put("status", "exploded");
        assertThatThrownBy(() -> OpenApiCheck.check("GET", path, 200, "application/json", badStatus.toString()))
                .isInstanceOf(AssertionError.class);
        ObjectNode contact = (ObjectNode) detail.body().deepCopy();
        ((ObjectNode) contact.get("contacts").get(0)).remove("phoneNumber");
        assertThatThrownBy(() -> OpenApiCheck.check("GET", path, 200, "application/json", contact.toString()))
                .hasMessageContaining("phoneNumber");
        assertThatThrownBy(() -> OpenApiCheck.check("GET", path, 404, "application/json", "{\"success\":false}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> OpenApiCheck.check("GET", path, 200, "text/html", "<html>"))
                .hasMessageContaining("Content-Type");
        assertThatThrownBy(() -> OpenApiCheck.check("GET", "/batch/nothing/here", 200, "application/json", "{}"))
                .hasMessageContaining("not an operation");
    }
}
