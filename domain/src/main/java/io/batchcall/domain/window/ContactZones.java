package io.batchcall.domain.window;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time zone(s) a contact is called in (CONTRACT §10): its own {@code timezone} value, else the
 * zones of its number's prefix, else the job's zone, else UTC. Written as zone ids joined by {@code &}.
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

    /** The zones of a stored group. */
    public static String zonesText(String group) {
        int hash = group.indexOf('#');
        return hash < 0 ? group : group.substring(0, hash);
    }

    /** The region of a stored group, if it has one. */
    public static Option<String> regionOf(String group) {
        int hash = group.indexOf('#');
        return hash < 0 ? Option.none() : Option.of(group.substring(hash + 1));
    }
}
