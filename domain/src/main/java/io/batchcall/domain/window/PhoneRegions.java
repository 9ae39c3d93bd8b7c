package io.batchcall.domain.window;

import io.vavr.control.Either;
import io.vavr.control.Option;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The region of a contact (CONTRACT §17): its own {@code region} (an ISO 3166-2 subdivision such as {@code US-FL}, or an
 * ISO 3166-1 country such as {@code GB}), else for a NANP number its area code's state ({@code nanp-area-codes.txt},
 * MIT), else the country of its number ({@code phone-prefix-regions.txt}, from libphonenumber's metadata, Apache-2.0) —
 * the longest matching prefix of the two bundled tables.
 */
public final class PhoneRegions {

    /** The row field (CSV column) that carries a contact's own region. */
    public static final String FIELD = "region";
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    private static volatile PhoneRegions bundled;

    private final PrefixTrie<String> byPrefix;

    private PhoneRegions(PrefixTrie<String> byPrefix) {
        this.byPrefix = byPrefix;
    }

    /** The tables from their lines: {@code prefix|REGION} (regions file) or {@code NPA REGION} (the NANP file, prefixed 1). */
    static PhoneRegions parse(Iterable<String> regionLines, Iterable<String> nanpLines) {
        PrefixTrie<String> map = new PrefixTrie<>();
        for (String raw : regionLines) {
            String line = raw.trim();
            int bar = line.indexOf('|');
            if (line.isEmpty() || line.startsWith("#") || bar <= 0) {
                continue;
            }
            map.put(line.substring(0, bar).trim(), line.substring(bar + 1).trim());
        }
        for (String raw : nanpLines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length == 2 && parts[0].matches("\\d{3}") && REGION.matcher(parts[1]).matches()) {
                map.put("1" + parts[0], parts[1]);
            }
        }
        return new PhoneRegions(map);
    }

    /** The bundled tables (read once). */
    public static PhoneRegions bundled() {
        PhoneRegions table = bundled;
        if (table == null) {
            table = parse(PrefixTrie.resourceLines("phone-prefix-regions.txt"), PrefixTrie.resourceLines("nanp-area-codes.txt"));
            bundled = table;
        }
        return table;
    }

    /** The region of an E.164 number by its longest known prefix; none for a prefix no table knows. */
    public Option<String> regionOf(String e164) {
        return Option.of(byPrefix.longest(e164));
    }

    /** A region as written: ISO 3166-1 alpha-2, or ISO 3166-2 ({@code CC-XXX}), any case; else why not. */
    public static Either<String, String> parseRegion(String raw) {
        String r = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        return REGION.matcher(r).matches() ? Either.right(r)
                : Either.left("a region is an ISO 3166-2 code such as US-FL or an ISO 3166-1 country code such as GB");
    }

    /**
     * The contact's region: its own (checked, {@code invalid_region} when it does not read), else its number's; none
     * when neither is known.
     */
    public Either<String, Option<String>> resolve(Object own, String e164) {
        if (own != null && !(own instanceof String s && s.isBlank())) {
            return parseRegion(String.valueOf(own)).map(Option::of).mapLeft(e -> "invalid_region");
        }
        return Either.right(regionOf(e164));
    }

    /** The country of a region: {@code US} of {@code US-FL}. */
    public static String countryOf(String region) {
        int dash = region.indexOf('-');
        return dash < 0 ? region : region.substring(0, dash);
    }
}
