package io.batchcall.domain.window;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Phone-number prefix → time zone(s), longest prefix first: libphonenumber's public time-zone map
 * (Apache License 2.0, see NOTICE), bundled as a resource with its header. Lines are
 * {@code prefix|Zone/One&Zone/Two}; {@code #} starts a comment. Zones this JDK does not know are left out.
 */
public final class PhoneZones {

    private static final String RESOURCE = "phone-prefix-timezones.txt";

    /**
     * The longest zone text the bundled table stores as it is. Five of its prefixes map to a whole country's zones when
     * no longer prefix matches ({@code 1}: all 42 NANP zones, 727 characters; {@code 7}, {@code 52}, {@code 55},
     * {@code 61}); a contact of such a number stores {@code @} and the prefix instead ({@code @1}), read back through
     * the same table — a text in every contact row and in the claim indexes' keys (ADR 9).
     */
    public static final int LONGEST_STORED = 64;
    private static volatile PhoneZones bundled;

    /** The zones of each prefix, as stored (one String per prefix) and as shown (ids joined by {@code &}). */
    private record Zones(List<ZoneId> zones, String text, String shown) {
    }

    private final PrefixTrie<Zones> byPrefix;

    private PhoneZones(PrefixTrie<Zones> byPrefix) {
        this.byPrefix = byPrefix;
    }

    /** The table from its text lines; a prefix is digits (other lines are ignored: no E.164 number could match them). */
    public static PhoneZones parse(Iterable<String> lines) {
        return parse(lines, false);
    }

    /** With {@code compact}, a prefix whose zones' text is longer than {@link #LONGEST_STORED} is stored as {@code @prefix}. */
    private static PhoneZones parse(Iterable<String> lines, boolean compact) {
        PrefixTrie<Zones> trie = new PrefixTrie<>();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String prefix = bar <= 0 ? "" : line.substring(0, bar).trim();
            List<ZoneId> zones = List.empty();
            for (String id : line.substring(bar + 1).split("&")) {
                try {
                    zones = zones.append(ZoneId.of(id.trim()));
                } catch (DateTimeException unknown) {
                    // a zone this JDK's tz data lacks: the prefix keeps the others
                }
            }
            if (!zones.isEmpty()) {
                String shown = text(zones);
                trie.put(prefix, new Zones(zones, compact && shown.length() > LONGEST_STORED ? "@" + prefix : shown, shown));
            }
        }
        return new PhoneZones(trie);
    }

    /** The bundled table (read once). */
    public static PhoneZones bundled() {
        PhoneZones table = bundled;
        if (table == null) {
            table = parse(PrefixTrie.resourceLines(RESOURCE), true);
            bundled = table;
        }
        return table;
    }

    /** The zones of the longest prefix of an E.164 number ({@code +} then digits), if any prefix matches. */
    public Option<List<ZoneId>> zonesFor(String e164) {
        return Option.of(byPrefix.longest(e164)).map(Zones::zones);
    }

    /** {@link #zonesFor} as zones are stored (the same String for every number of a prefix). */
    Option<String> zoneTextFor(String e164) {
        return Option.of(byPrefix.longest(e164)).map(Zones::text);
    }

    /**
     * The zones a stored {@code @prefix} stands for, joined by {@code &}: those of that prefix (or, should a later table
     * lack it, of its longest prefix that it has), else UTC.
     */
    String expand(String code) {
        Zones z = byPrefix.longest(code.substring(1));
        return z == null ? "UTC" : z.shown();
    }

    /** Zones as stored (ContactZones.parse reads them back): their ids, distinct, sorted, joined by {@code &}. */
    static String text(List<ZoneId> zones) {
        return zones.map(ZoneId::getId).distinct().sorted().mkString("&");
    }
}
