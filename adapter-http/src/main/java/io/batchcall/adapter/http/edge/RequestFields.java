package io.batchcall.adapter.http.edge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.domain.contact.StoredContactData;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.error.BatchJobError.InvalidInput;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of a request's JSON (or its form fields, as text): each getter answers the value, or
 * null when absent or wrong; the first problem is kept as a {@link BatchJobError} with the field's code, and
 * {@link #then} answers it instead of the command built from the values. Nothing here throws.
 */
public final class RequestFields {

    /** Deepest nesting accepted in a request body (a contact's own data is held to less, see ContactData). */
    public static final int MAX_NESTING = 64;
    /**
     * Reads request bodies and writes replies. Contact data a store kept as JSON text is copied as it is
     * ({@link StoredContactData}): a page of contacts is never parsed and written again.
     */
    public static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("stored-contact-data")
                    .addSerializer(StoredContactData.class, new com.fasterxml.jackson.databind.JsonSerializer<StoredContactData>() {
                        @Override
                        public void serialize(StoredContactData data, com.fasterxml.jackson.core.JsonGenerator gen,
                                              com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                            gen.writeRawValue(data.json());
                        }
                    }));
    private static final Pattern CLASS_NAMES = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error):?\\s*");

    private final JsonNode fields;
    private final boolean textAllowed;
    private BatchJobError problem;

    private RequestFields(JsonNode fields, boolean textAllowed) {
        this.fields = fields;
        this.textAllowed = textAllowed;
    }

    /** The fields of a JSON object: numbers must be JSON numbers, booleans JSON booleans. */
    public static RequestFields json(JsonNode object) {
        return new RequestFields(object, false);
    }

    /** Form fields (text only): numbers and booleans are read from their text. */
    public static RequestFields form(JsonNode fields) {
        return new RequestFields(fields, true);
    }

    public static <T> Either<BatchJobError, T> invalid(String code, String message) {
        return Either.left(new InvalidInput(code, message));
    }

    /** A whole request body as JSON; invalid_text when it holds a NUL, invalid_json when it is not JSON. */
    public static Either<BatchJobError, JsonNode> parse(io.vertx.core.buffer.Buffer body) {
        if (body != null && hasNul(body)) {
            return invalid("invalid_text", "Text may not contain the NUL character (U+0000, \\u0000)");
        }
        try {
            return Either.right(JSON.readTree(new BufferInputStream(body)));
        } catch (java.io.IOException e) {
            return invalid("invalid_json", "Malformed JSON: " + userMessage(e.getMessage()));
        }
    }

    /** A request body that must be one JSON object (or absent, when {@code optional}); {@code shape} says what it looks like. */
    public static Either<BatchJobError, Option<JsonNode>> object(io.vertx.core.buffer.Buffer body, boolean optional, String shape) {
        if (body == null || body.length() == 0) {
            return optional ? Either.right(Option.none()) : invalid("invalid_json", "The body must be " + shape);
        }
        return parse(body).flatMap(b -> b.isObject() ? Either.right(Option.of(b)) : invalid("invalid_json", "The body must be " + shape));
    }

    /**
     * Whether a JSON text holds a NUL (docs/api.md "Text"): a raw 0x00 byte, or a {@code \u0000} escape (a backslash
     * that is itself not escaped). PostgreSQL cannot store U+0000, and no store should hold what another refuses.
     */
    public static boolean hasNul(io.vertx.core.buffer.Buffer body) {
        int n = body.length();
        int backslashes = 0;
        for (int i = 0; i < n; i++) {
            byte b = body.getByte(i);
            if (b == 0) {
                return true;
            }
            if (b == '\\') {
                backslashes++;
                continue;
            }
            if (b == 'u' && (backslashes & 1) == 1 && i + 4 < n && body.getByte(i + 1) == '0' && body.getByte(i + 2) == '0'
                    && body.getByte(i + 3) == '0' && body.getByte(i + 4) == '0') {
                return true;
            }
            backslashes = 0;
        }
        return false;
    }

    /** invalid_text when a value (a form field, a CSV cell) holds U+0000; none otherwise. */
    public static Option<BatchJobError> nul(String where, String value) {
        return value != null && value.indexOf('\0') >= 0
                ? Option.of(new InvalidInput("invalid_text", where + " contains the NUL character (U+0000), which text may not hold"))
                : Option.none();
    }

    /** Keeps {@code error} as the answer unless a problem came first. */
    public RequestFields refuse(Option<BatchJobError> error) {
        if (problem == null && error.isDefined()) {
            problem = error.get();
        }
        return this;
    }

    /** Refuses any field that {@code known} does not know. */
    public RequestFields only(KnownFields known) {
        return refuse(known.check(() -> fields.fieldNames()));
    }

    /** The first problem, or the value built from the fields read. */
    public <T> Either<BatchJobError, T> then(Supplier<T> build) {
        return problem != null ? Either.left(problem) : Either.right(build.get());
    }

    public JsonNode node(String name) {
        return fields.get(name);
    }

    private <T> T fail(String code, String message) {
        refuse(Option.of(new InvalidInput(code, message)));
        return null;
    }

    public String text(String name, String code) {
        JsonNode n = fields.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            return fail(code, name + " must be a string");
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    public Integer integer(String name, String code) {
        Long v = longValue(name, code);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            return fail(code, name + " is out of range");
        }
        return v.intValue();
    }

    public Long longValue(String name, String code) {
        JsonNode n = fields.get(name);
        if (n == null || n.isNull() || (textAllowed && n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (textAllowed && n.isTextual() && n.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(n.asText().trim());
        }
        return fail(code, name + " must be an integer" + (n.isTextual() && !textAllowed ? " (a JSON number, not a string)" : ""));
    }

    /** A number field (integer or decimal); null when absent. */
    public Double decimal(String name, String code) {
        JsonNode n = fields.get(name);
        if (n == null || n.isNull() || (textAllowed && n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (textAllowed && n.isTextual() && n.asText().trim().matches("-?\\d{1,9}(\\.\\d{1,9})?")) {
            return Double.parseDouble(n.asText().trim());
        }
        return fail(code, name + " must be a number" + (n.isTextual() && !textAllowed ? " (a JSON number, not a string)" : ""));
    }

    /** A boolean field; null when absent. */
    public Boolean optionalBool(String name, String code) {
        JsonNode n = fields.get(name);
        if (n == null || n.isNull() || (textAllowed && n.isTextual() && n.asText().isEmpty())) {
            return null;
        }
        return bool(name, code);
    }

    public boolean bool(String name, String code) {
        JsonNode n = fields.get(name);
        if (n == null || n.isNull() || (textAllowed && n.isTextual() && n.asText().isEmpty())) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (textAllowed && n.isTextual() && (n.asText().equalsIgnoreCase("true") || n.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(n.asText());
        }
        fail(code, name + " must be true or false" + (n.isTextual() && !textAllowed ? " (a JSON boolean, not a string)" : ""));
        return false;
    }

    public List<String> stringList(String name, String code) {
        JsonNode n = fields.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            for (String part : n.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (!n.isArray()) {
            return fail(code, name + " must be an array of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                return fail(code, name + " must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The first line of a library's message, without Java class names: what is wrong, in the user's words. */
    public static String userMessage(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        line = CLASS_NAMES.matcher(line).replaceAll("").replace("`", "");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line.trim();
    }
}
