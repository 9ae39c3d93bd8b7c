package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchcall.domain.window.CallingRules;
import io.vavr.control.Either;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a calling-rule pack ({@code BATCHCALL_CALLING_RULES}, CONTRACT §17): a JSON array of
 * {@code {"region","hours":{"mon":"08:00-20:00",…,"sun":null},"holidays":[…],"validFrom":"YYYY-MM-DD","source":"…"}}.
 * Anything wrong is one line naming the file and the entry; the server does not start with it.
 */
final class CallingRulesFile {

    private static final Set<String> FIELDS = Set.of("region", "hours", "holidays", "validFrom", "source", "note");

    private CallingRulesFile() {
    }

    static CallingRules load(String path) {
        return read(Path.of(path)).getOrElseThrow(e -> new Config.ConfigException("BATCHCALL_CALLING_RULES: " + path + ": " + e));
    }

    static Either<String, CallingRules> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            return Either.left("cannot be read as JSON (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isArray()) {
            return Either.left("must be a JSON array of rules");
        }
        List<CallingRules.Rule> rules = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode r = root.get(i);
            String where = "entry " + (i + 1) + (r != null && r.hasNonNull("region") ? " (" + r.get("region").asText() + ")" : "");
            if (r == null || !r.isObject()) {
                return Either.left(where + ": a rule is a JSON object");
            }
            for (Iterator<String> names = r.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    return Either.left(where + ": unknown field '" + name + "' (region, hours, holidays, validFrom, source, note)");
                }
            }
            Map<String, String> hours = new LinkedHashMap<>();
            JsonNode h = r.get("hours");
            if (h != null && !h.isNull()) {
                if (!h.isObject()) {
                    return Either.left(where + ": hours is an object of weekday to 'HH:mm-HH:mm' or null");
                }
                for (Iterator<Map.Entry<String, JsonNode>> days = h.fields(); days.hasNext(); ) {
                    Map.Entry<String, JsonNode> d = days.next();
                    if (!d.getValue().isNull() && !d.getValue().isTextual()) {
                        return Either.left(where + ": hours." + d.getKey() + " is 'HH:mm-HH:mm' or null");
                    }
                    hours.put(d.getKey(), d.getValue().isNull() ? null : d.getValue().asText());
                }
            }
            List<String> holidays = new ArrayList<>();
            JsonNode hol = r.get("holidays");
            if (hol != null && !hol.isNull()) {
                if (!hol.isArray()) {
                    return Either.left(where + ": holidays is an array of dates YYYY-MM-DD");
                }
                hol.forEach(d -> holidays.add(d.isTextual() ? d.asText() : d.toString()));
            }
            Either<String, CallingRules.Rule> rule = CallingRules.rule(text(r, "region"), hours, holidays, text(r, "validFrom"), text(r, "source"));
            if (rule.isLeft()) {
                return Either.left(where + ": " + rule.getLeft());
            }
            rules.add(rule.get());
        }
        return Either.right(CallingRules.of(rules));
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
