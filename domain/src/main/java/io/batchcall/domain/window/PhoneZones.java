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

/**
 * Phone-number prefix → time zone(s), longest prefix first: libphonenumber's public time-zone map
 * (Apache License 2.0, see NOTICE), bundled as a resource with its header. Lines are
 * {@code prefix|Zone/One&Zone/Two}; {@code #} starts a comment. Zones this JDK does not know are left out.
 */
public final class PhoneZones {

    private static final String RESOURCE = "phone-prefix-timezones.txt";
    private static volatile PhoneZones bundled;

    /**
     * The prefixes as a digit trie: a number is looked up by walking its digits once, remembering the last node with
     * zones — no substring or hash per prefix length (an import looks up every contact's number).
     */
    private final Node root;

    private static final class Node {
        private final Node[] next = new Node[10];
        private List<ZoneId> zones;
        /** The zones as stored: ids, distinct, sorted, joined by {@code &} — one instance per prefix. */
        private String text;
    }

    private PhoneZones(Node root) {
        this.root = root;
    }

    /** The table from its text lines; a prefix is digits (other lines are ignored: no E.164 number could match them). */
    public static PhoneZones parse(Iterable<String> lines) {
        Node root = new Node();
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String prefix = bar <= 0 ? "" : line.substring(0, bar).trim();
            if (prefix.isEmpty() || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
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
                Node node = root;
                for (int i = 0; i < prefix.length(); i++) {
                    int d = prefix.charAt(i) - '0';
                    if (node.next[d] == null) {
                        node.next[d] = new Node();
                    }
                    node = node.next[d];
                }
                node.zones = zones;
                node.text = text(zones);
            }
        }
        return new PhoneZones(root);
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
        Node node = longestPrefix(e164);
        return node == null ? Option.none() : Option.of(node.zones);
    }

    /** {@link #zonesFor} as zones are stored (the same String for every number of a prefix). */
    Option<String> zoneTextFor(String e164) {
        Node node = longestPrefix(e164);
        return node == null ? Option.none() : Option.of(node.text);
    }

    private Node longestPrefix(String e164) {
        Node found = null;
        Node node = root;
        for (int i = e164.startsWith("+") ? 1 : 0; i < e164.length(); i++) {
            int d = e164.charAt(i) - '0';
            if (d < 0 || d > 9 || node.next[d] == null) {
                break;
            }
            node = node.next[d];
            if (node.zones != null) {
                found = node;
            }
        }
        return found;
    }

    /** Zones as stored (ContactZones.parse reads them back): their ids, distinct, sorted, joined by {@code &}. */
    static String text(List<ZoneId> zones) {
        return zones.map(ZoneId::getId).distinct().sorted().mkString("&");
    }
}
