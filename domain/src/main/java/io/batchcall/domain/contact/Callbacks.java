package io.batchcall.domain.contact;

import io.vavr.control.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** When a requested callback is (CONTRACT §15): an instant with an offset, or a local minute in the contact's own zone. */
public final class Callbacks {

    /** At most this far ahead. */
    public static final Duration HORIZON = Duration.ofDays(30);

    private Callbacks() {
    }

    /**
     * The instant {@code at} names: as written with its offset, or {@code YYYY-MM-DDTHH:mm} in the contact's zone (the first
     * of a zone group; UTC for a contact without one). None when it is neither.
     */
    public static Option<Instant> resolve(String at, Option<String> timezone) {
        if (at == null || at.length() > 40) {
            return Option.none();
        }
        try {
            if (at.length() == 16) {
                LocalDateTime local = LocalDateTime.parse(at);
                ZoneId zone = timezone.flatMap(Callbacks::zone).getOrElse(ZoneOffset.UTC);
                return Option.of(local.atZone(zone).toInstant());
            }
            return Option.of(OffsetDateTime.parse(at).toInstant());
        } catch (DateTimeParseException e) {
            return Option.none();
        }
    }

    /** Whether {@code at} lies no further than {@link #HORIZON} after {@code now} (a past time is due at once). */
    public static boolean withinHorizon(Instant at, Instant now) {
        return !at.isAfter(now.plus(HORIZON));
    }

    private static Option<ZoneId> zone(String group) {
        try {
            return Option.of(io.batchcall.domain.window.ContactZones.parse(group).head()); // the zones, not the region after '#'
        } catch (RuntimeException e) {
            return Option.none();
        }
    }
}
