package io.batchcall.domain.window;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time zone(s) a contact is called in (CONTRACT §10): its own {@code timezone} value, else the
 * zones of its number's prefix, else the job's zone, else UTC. Written as zone ids joined by {@code &} (or, for a country's
 * whole zone list, {@code @} and its prefix: {@link #zonesText} shows the ids).
 */
public final class ContactZones {

    private static final ConcurrentHashMap<String, List<ZoneId>> PARSED = new ConcurrentHashMap<>();

    private ContactZones() {
    }

    /** Left: the contact's own value is not an IANA zone id. Right: the zones, as text. */
    public static Either<String, String> resolve(Option<String> own, String e164, Option<ZoneId> jobZone, PhoneZones table) {
        if (own.isDefined() && !own.get().isBlank()) {
            String id = own.get().trim();
            if (id.length() > 64 || id.indexOf('&') >= 0) {
                return Either.left("invalid_timezone");
            }
            try {
                return Either.right(ZoneId.of(id).getId());
            } catch (DateTimeException e) {
                return Either.left("invalid_timezone");
            }
        }
        return Either.right(table.zoneTextFor(e164).getOrElse(() -> jobZone.map(ZoneId::getId).getOrElse("UTC")));
    }

    /** The zones of a stored text (cached: a job has few distinct ones); a region after {@code #} is not a zone. */
    public static List<ZoneId> parse(String text) {
        return PARSED.computeIfAbsent(text, t -> List.of(zonesText(t).split("&")).map(ZoneId::of));
    }

    /**
     * A contact's call group as stored (CONTRACT §17): its zones, then {@code #} and its region when it has one
     * ({@code America/New_York#US-FL}). Contacts of one group share their windows and their region's rules, so a claim
     * decides per group, not per contact.
     */
    public static String group(String zones, Option<String> region) {
        return region.isEmpty() ? zones : zones + "#" + region.get();
    }

    /**
     * The zones of a stored group, as shown: ids joined by {@code &}. A group of a number that only its country's prefix
     * matched stores {@code @} and that prefix ({@link PhoneZones#LONGEST_STORED}); it is read back through the bundled
     * table here.
     */
    public static String zonesText(String group) {
        int hash = group.indexOf('#');
        String zones = hash < 0 ? group : group.substring(0, hash);
        return zones.startsWith("@") ? PhoneZones.bundled().expand(zones) : zones;
    }

    /** The region of a stored group, if it has one. */
    public static Option<String> regionOf(String group) {
        int hash = group.indexOf('#');
        return hash < 0 ? Option.none() : Option.of(group.substring(hash + 1));
    }
}
