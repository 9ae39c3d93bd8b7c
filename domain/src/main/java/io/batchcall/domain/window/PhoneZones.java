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
    private static volatile PhoneZones bundled;

    /** The zones of each prefix, and the same zones as stored text (one String per prefix). */
    private record Zones(List<ZoneId> zones, String text) {
    }

    private final PrefixTrie<Zones> byPrefix;

    private PhoneZones(PrefixTrie<Zones> byPrefix) {
        this.byPrefix = byPrefix;
    }

    /** The table from its text lines; a prefix is digits (other lines are ignored: no E.164 number could match them). */
    public static PhoneZones parse(Iterable<String> lines) {
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
                trie.put(prefix, new Zones(zones, text(zones)));
            }
        }
        return new PhoneZones(trie);
    }

    /** The bundled table (read once). */
    public static PhoneZones bundled() {
        PhoneZones table = bundled;
        if (table == null) {
            table = parse(PrefixTrie.resourceLines(RESOURCE));
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

    /** Zones as stored (ContactZones.parse reads them back): their ids, distinct, sorted, joined by {@code &}. */
    static String text(List<ZoneId> zones) {
        return zones.map(ZoneId::getId).distinct().sorted().mkString("&");
    }
}
