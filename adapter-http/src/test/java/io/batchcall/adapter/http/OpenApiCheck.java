package io.batchcall.adapter.http;

import io.batchcall.adapter.http.dashboard.OpenApiDocument;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a real response against the OpenAPI 3.1 document the server serves: the request's path and
 * method find the operation, the status finds the response (or {@code default}), the Content-Type must be
 * one the response declares, and a JSON body is validated against the response's schema by
 * networknt's json-schema-validator in the OpenAPI 3.1 dialect. {@link ApiClient} calls it on every
 * response, so every HTTP test keeps the document true. A path no operation matches must answer the
 * error envelope.
 */
public final class OpenApiCheck {

    private static final String DOC = "https://batchcall.invalid/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final OpenApiCheck INSTANCE = new OpenApiCheck();

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Template(Pattern pattern, String path) {
    }

    private OpenApiCheck() {
        String text = OpenApiDocument.tree().toString();
        doc = JSON.readTree(text);
        registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(DOC, text)));
        for (Iterator<String> it = doc.get("paths").propertyNames().iterator(); it.hasNext(); ) {
            String path = it.next();
            String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            templates.add(new Template(Pattern.compile(regex), path));
        }
    }

    /** Fails (AssertionError) when the response does not conform to the document. */
    public static void check(String method, String target, int status, String contentType, String body) {
        INSTANCE.verify(method, target, status, contentType, body);
    }

    /**
     * Fails (AssertionError) when a delivered webhook body does not match the document's {@code webhooks}
     * entry for its {@code type}: each of the eight events is declared there with its payload.
     */
    public static void checkWebhook(String body) {
        INSTANCE.verifyWebhook(body);
    }

    /** Fails (AssertionError) when {@code body} does not match the document's component schema {@code name}. */
    public static void checkSchema(String name, String body) {
        INSTANCE.verifySchema(name, body);
    }

    private void verifySchema(String name, String body) {
        String at = "#/components/schemas/" + name;
        Schema schema = schemas.computeIfAbsent(at, l -> registry.getSchema(SchemaLocation.of(DOC + l)));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(name + ": the body does not match the document: " + errors + "\nbody: " + body);
        }
    }

    private void verifyWebhook(String body) {
        JsonNode tree = JSON.readTree(body);
        String type = tree.path("type").asString();
        JsonNode hook = doc.path("webhooks").path(type);
        if (hook.isMissingNode()) {
            throw new AssertionError("webhook type '" + type + "' is not in the document's webhooks: " + body);
        }
        String at = "#/webhooks/" + type + "/post/requestBody/content/application~1json/schema";
        Schema schema = schemas.computeIfAbsent(at, l -> registry.getSchema(SchemaLocation.of(DOC + l)));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError("webhook " + type + ": the body does not match the document: " + errors + "\nbody: " + body);
        }
    }

    private void verify(String method, String target, int status, String contentType, String body) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String where = method + " " + target + " → " + status;
        String operationPointer = operation(method, path);
        JsonNode operation = operationPointer == null ? null : doc.at(operationPointer);
        String pointer;
        JsonNode response;
        if (operation == null) {
            if (status < 400) {
                throw new AssertionError(where + ": not an operation of the OpenAPI document");
            }
            pointer = "/components/responses/Error";
            response = doc.at(pointer);
        } else {
            String key = operation.path("responses").has(Integer.toString(status)) ? Integer.toString(status) : "default";
            response = operation.path("responses").path(key);
            if (response.isMissingNode()) {
                throw new AssertionError(where + ": the document declares no such response (and no default)");
            }
            pointer = operationPointer + "/responses/" + key;
            if (response.has("$ref")) {
                pointer = response.get("$ref").asString().substring(1);
                response = doc.at(pointer);
            }
        }
        String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return;
        }
        if (!content.has(media)) {
            throw new AssertionError(where + ": Content-Type '" + contentType + "' is not one the document declares " + content.propertyNames());
        }
        if (!media.equals("application/json")) {
            return;
        }
        JsonNode schemaNode = content.get(media).get("schema");
        String location = schemaNode.has("$ref") ? schemaNode.get("$ref").asString() : null;
        // an inline schema is addressed by its JSON pointer in the document, so its own $refs resolve there
        String at = location != null ? location : "#" + pointer + "/content/application~1json/schema";
        Schema schema = schemas.computeIfAbsent(at, l -> registry.getSchema(SchemaLocation.of(DOC + l)));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ": the body does not match " + (location != null ? location : "its schema") + ": " + errors
                    + "\nbody: " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
        }
    }

    /** The JSON pointer of the operation whose template matches the path (literal segments win over parameters), or null. */
    private String operation(String method, String path) {
        Template best = null;
        for (Template t : templates) {
            if (t.pattern().matcher(path).matches() && (best == null || literalLength(t.path()) > literalLength(best.path()))) {
                best = t;
            }
        }
        if (best == null) {
            return null;
        }
        String item = "/paths/" + best.path().replace("~", "~0").replace("/", "~1");
        if (doc.at(item).has("$ref")) {
            item = doc.at(item).get("$ref").asString().substring(1);
        }
        String op = item + "/" + method.toLowerCase(Locale.ROOT);
        return doc.at(op).isMissingNode() ? null : op;
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\{[^}]+}", "").length();
    }
}
