package io.batchcall.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.domain.contact.StoredContactData;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading typed fields out of request JSON (and form fields turned into JSON), each failure a 400 with its code. */
final class RequestFields {

    /** Deepest nesting accepted in a request body (a contact's own data is held to less, see ContactData). */
    static final int MAX_NESTING = 64;
    /**
     * Reads request bodies and writes replies. Contact data a store kept as JSON text is copied as it is
     * ({@link StoredContactData}): a page of contacts is never parsed and written again.
     */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
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

    private RequestFields() {
    }

    /**
     * Text may not hold U+0000 anywhere it enters (docs/api.md "Text"): PostgreSQL cannot store it, and no
     * store should hold what another refuses. Refuses a JSON body whose strings hold one (the escape
     * {@code \u0000}, or a raw NUL byte, which JSON does not allow anyway) with 400 {@code invalid_text}.
     */
    static void refuseNul(io.vertx.core.buffer.Buffer body) {
        if (body != null && hasNul(body)) {
            throw ApiException.badRequest("invalid_text", "Text may not contain the NUL character (U+0000, \\u0000)");
        }
    }

    /** Whether a JSON text holds a NUL: a raw 0x00 byte, or a {@code \u0000} escape (a backslash that is itself not escaped). */
    static boolean hasNul(io.vertx.core.buffer.Buffer body) {
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

    /** Refuses one text value holding U+0000 (a form field, a CSV cell) with 400 {@code invalid_text}. */
    static void refuseNul(String where, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw ApiException.badRequest("invalid_text", where + " contains the NUL character (U+0000), which text may not hold");
        }
    }

    /** A whole request body as JSON; 400 invalid_json when it is not, 400 invalid_text when it holds a NUL. */
    static JsonNode parse(io.vertx.core.buffer.Buffer body) {
        refuseNul(body);
        try {
            return JSON.readTree(new BufferInputStream(body));
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("invalid_json", "Malformed JSON: " + userMessage(e.getMessage()));
        }
    }

    static String text(JsonNode f, String name, String code) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw ApiException.badRequest(code, name + " must be a string");
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    static Integer integer(JsonNode f, String name, String code) {
        return integer(f, name, code, true);
    }

    /** @param textAllowed whether the integer may come as text ("5"): form fields; in JSON a number must be a number */
    static Integer integer(JsonNode f, String name, String code, boolean textAllowed) {
        Long v = longValue(f, name, code, textAllowed);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw ApiException.badRequest(code, name + " is out of range");
        }
        return v.intValue();
    }

    static Long longValue(JsonNode f, String name, String code) {
        return longValue(f, name, code, true);
    }

    static Long longValue(JsonNode f, String name, String code, boolean textAllowed) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull() || (textAllowed && n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (textAllowed && n.isTextual() && n.asText().trim().matches("-?\\d{1,18}")) {
            return Long.parseLong(n.asText().trim());
        }
        throw ApiException.badRequest(code, name + " must be an integer" + (n.isTextual() && !textAllowed ? " (a JSON number, not a string)" : ""));
    }

    static boolean bool(JsonNode f, String name, String code) {
        return bool(f, name, code, true);
    }

    static boolean bool(JsonNode f, String name, String code, boolean textAllowed) {
        JsonNode n = f.get(name);
        if (n == null || n.isNull() || (textAllowed && n.isTextual() && n.asText().isEmpty())) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (textAllowed && n.isTextual() && (n.asText().equalsIgnoreCase("true") || n.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(n.asText());
        }
        throw ApiException.badRequest(code, name + " must be true or false" + (n.isTextual() && !textAllowed ? " (a JSON boolean, not a string)" : ""));
    }

    static List<String> stringList(JsonNode f, String name, String code) {
        JsonNode n = f.get(name);
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
            throw ApiException.badRequest(code, name + " must be an array of statuses");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw ApiException.badRequest(code, name + " must be an array of statuses");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The first line of a library's message, without Java class names: what is wrong, in the user's words. */
    static String userMessage(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        line = CLASS_NAMES.matcher(line).replaceAll("").replace("`", "");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line.trim();
    }
}
