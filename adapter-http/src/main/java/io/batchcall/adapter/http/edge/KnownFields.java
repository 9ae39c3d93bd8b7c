package io.batchcall.adapter.http.edge;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields a request body may carry. A name it does not know is refused with 400 {@code unknown_field},
 * naming the closest known one — a misspelled {@code concurrentCalls} would otherwise be dropped and its
 * default used. Names the reference API documents that batchcall does not use are accepted and ignored;
 * names of contract features not built yet are refused with 400 {@code unsupported_field} rather than
 * silently ignored (docs/api.md "Fields").
 *
 * @param known       the fields the endpoint reads
 * @param ignored     accepted and ignored
 * @param unsupported name → why it is refused (the contract section it belongs to)
 */
public record KnownFields(String where, Set<String> known, Set<String> ignored, Map<String, String> unsupported) {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    public static KnownFields of(String where, String... known) {
        return new KnownFields(where, Set.of(known), Set.of(), Map.of());
    }

    public KnownFields ignoring(String... names) {
        return new KnownFields(where, known, Set.of(names), unsupported);
    }

    public KnownFields unsupported(Map<String, String> why) {
        return new KnownFields(where, known, ignored, why);
    }

    /** The refusal of the first name that is neither known nor ignored; none when all are. */
    public io.vavr.control.Option<io.batchcall.domain.error.BatchJobError> check(Iterable<String> names) {
        for (String name : names) {
            if (known.contains(name) || ignored.contains(name)) {
                continue;
            }
            String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
            String why = unsupported.get(name);
            if (why != null) {
                return refusal("unsupported_field", "'" + shown + "' (" + why + ") is not supported by this server yet;"
                        + " remove it (it would otherwise change who is called, or when)");
            }
            String closest = closest(name, known);
            return refusal("unknown_field", "Unknown field '" + shown + "' in " + where
                    + (closest == null ? "" : "; did you mean '" + closest + "'?") + " Known fields: " + String.join(", ", sorted(known)));
        }
        return io.vavr.control.Option.none();
    }

    private static io.vavr.control.Option<io.batchcall.domain.error.BatchJobError> refusal(String code, String message) {
        return io.vavr.control.Option.of(new io.batchcall.domain.error.BatchJobError.InvalidInput(code, message));
    }

    /** The known name nearest to {@code name} (ignoring case, '_' and '-'), when near enough to be a likely slip; else null. */
    public static String closest(String name, Set<String> known) {
        String n = normal(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : sorted(known)) {
            String kn = normal(k);
            int d = kn.equals(n) ? 0 : DISTANCE.apply(n, kn);
            if (kn.startsWith(n) || n.startsWith(kn)) {
                d = Math.min(d, Math.max(1, Math.abs(kn.length() - n.length()) / 3));
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(3, n.length() / 2) ? best : null;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static Set<String> sorted(Set<String> names) {
        return new LinkedHashSet<>(names.stream().sorted().toList());
    }
}
