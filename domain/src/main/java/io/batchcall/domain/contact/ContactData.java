package io.batchcall.domain.contact;

import io.vavr.control.Option;

import java.util.List;
import java.util.Map;

/**
 * Limits on a contact's free-form data, checked when a contact list enters, so that no stored value
 * can later break a read: at most {@link #MAX_JSON_CHARS} characters once written as JSON (the column
 * size) and at most {@link #MAX_DEPTH} levels of nesting.
 */
public final class ContactData {

    /** Characters of the data written as compact JSON. */
    public static final int MAX_JSON_CHARS = 100_000;
    /** Levels of nested objects and arrays below the top-level object. */
    public static final int MAX_DEPTH = 32;

    private ContactData() {
    }

    /** Why the data cannot be stored ({@code contact_data_too_large}, {@code contact_data_too_deep}), or none. */
    public static Option<String> problem(Map<String, Object> data) {
        // First with an upper bound of each string's JSON length (6 characters per character at most), which does not
        // read the characters: almost every contact is far below the limit, and then the bound says so. Only when the
        // bound is above the limit are the strings measured exactly. The bound is never below the exact size, so it
        // stops early only where the exact pass would too, or sooner: both passes find a too-deep nesting alike.
        long[] bound = {0};
        if (!measure(data, 0, bound, false)) {
            return Option.of("contact_data_too_deep");
        }
        if (bound[0] <= MAX_JSON_CHARS) {
            return Option.none();
        }
        long[] size = {0};
        if (!measure(data, 0, size, true)) {
            return Option.of("contact_data_too_deep");
        }
        return size[0] > MAX_JSON_CHARS ? Option.of("contact_data_too_large") : Option.none();
    }

    /**
     * Adds the JSON length of {@code value} to size[0] (for strings: exactly, or their upper bound); false when nested
     * deeper than allowed. Stops early once too large.
     */
    private static boolean measure(Object value, int depth, long[] size, boolean exact) {
        if (size[0] > MAX_JSON_CHARS) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            if (depth > MAX_DEPTH) {
                return false;
            }
            size[0] += 2 + Math.max(0, map.size() - 1);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size[0] += jsonString(String.valueOf(e.getKey()), exact) + 1;
                if (!measure(e.getValue(), depth + 1, size, exact)) {
                    return false;
                }
            }
        } else if (value instanceof List<?> list) {
            if (depth > MAX_DEPTH) {
                return false;
            }
            size[0] += 2 + Math.max(0, list.size() - 1);
            for (Object item : list) {
                if (!measure(item, depth + 1, size, exact)) {
                    return false;
                }
            }
        } else if (value instanceof CharSequence s) {
            size[0] += jsonString(s, exact);
        } else {
            size[0] += String.valueOf(value).length();
        }
        return true;
    }

    private static long jsonString(CharSequence s, boolean exact) {
        if (!exact) {
            return 2 + 6L * s.length();
        }
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x20 ? 6 : (c == '"' || c == '\\') ? 2 : 1;
        }
        return n;
    }
}
