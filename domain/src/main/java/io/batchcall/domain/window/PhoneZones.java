package io.batchcall.domain.window;

import io.vavr.collection.List;
import io.vavr.control.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Phone-number prefix → time zone(s), longest prefix first: libphonenumber's public time-zone map
 * (Apache License 2.0, see NOTICE), bundled as a resource with its header. Lines are
 * {@code prefix|Zone/One&Zone/Two}; {@code #} starts a comment. Zones this JDK does not know are left out.
 */
public final class PhoneZones {

    private static final String RESOURCE = "phone-prefix-timezones.txt";
    private static volatile PhoneZones bundled;

    private final Map<String, List<ZoneId>> byPrefix;
    private final int longest;

    private PhoneZones(Map<String, List<ZoneId>> byPrefix) {
        this.byPrefix = byPrefix;
        this.longest = byPrefix.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The table from its text lines. */
    public static PhoneZones parse(Iterable<String> lines) {
        Map<String, List<ZoneId>> map = new HashMap<>();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            if (bar <= 0) {
                continue;
            }
            List<ZoneId> zones = List.empty();
            for (String id : line.substring(bar + 1).split("&")) {
                try {
                    zones = zones.append(ZoneId.of(id.trim()));
                } catch (DateTimeException unknown) {
                    // a zone this JDK's tz data lacks: the prefix keeps the others
                }
            }
            if (!zones.isEmpty()) {
                map.put(line.substring(0, bar).trim(), zones);
            }
        }
        return new PhoneZones(map);
    }

    /** The bundled table (read once). */
    public static PhoneZones bundled() {
        PhoneZones table = bundled;
        if (table == null) {
            try (InputStream in = PhoneZones.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing");
                }
                table = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = table;
        }
        return table;
    }

    /** The zones of the longest prefix of an E.164 number ({@code +} then digits), if any prefix matches. */
    public Option<List<ZoneId>> zonesFor(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        for (int n = Math.min(longest, digits.length()); n > 0; n--) {
            List<ZoneId> zones = byPrefix.get(digits.substring(0, n));
            if (zones != null) {
                return Option.of(zones);
            }
        }
        return Option.none();
    }
}
