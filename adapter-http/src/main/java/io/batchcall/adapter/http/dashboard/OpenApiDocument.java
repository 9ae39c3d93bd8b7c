package io.batchcall.adapter.http.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of the API, written as YAML ({@code openapi/batchcall.yaml} in this module's
 * resources) and served, without a key, at {@code /openapi.json} and {@code /openapi.yaml}. The HTTP
 * tests validate every response they receive against it.
 */
public final class OpenApiDocument {

    public static final String RESOURCE = "openapi/batchcall.yaml";

    private OpenApiDocument() {
    }

    /** The document as a JSON tree. */
    public static JsonNode tree() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void mount(Router router) {
        JsonNode tree = tree();
        Buffer json;
        Buffer yaml;
        try {
            json = Buffer.buffer(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
            yaml = Buffer.buffer(new YAMLMapper().writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        router.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(json));
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(yaml));
    }
}
