package io.batchcall.domain.window;

import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.vavr.collection.List;
import io.vavr.control.Option;

import java.time.Instant;
import java.time.ZoneId;

/** When a contact can next be dialed: its retry time, then its calling window (CONTRACT §10). Pure. */
public final class Callable {

    private static final List<ZoneId> UTC = List.of(ZoneId.of("UTC"));

    private Callable() {
    }

    /** The zones a contact is called in (its stored zones; UTC when it has none). */
    public static List<ZoneId> zonesOf(Contact c) {
        return c.timezone().map(ContactZones::parse).getOrElse(UTC);
    }

    /**
     * The first instant at or after {@code now} when the contact may be dialed, or none when it is
     * callable now, is not waiting (dialing or terminal), or never becomes callable within the horizon.
     */
    public static Option<Instant> nextCallableAt(Option<CallingWindow> window, Contact c, Instant now) {
        if (c.status() != ContactStatus.PENDING && c.status() != ContactStatus.QUEUED) {
            return Option.none();
        }
        Instant due = c.status() == ContactStatus.QUEUED ? c.nextRetryAt().filter(t -> t.isAfter(now)).getOrElse(now) : now;
        Option<Instant> at = window.isEmpty() ? Option.of(due) : window.get().nextOpening(due, zonesOf(c));
        return at.filter(t -> t.isAfter(now));
    }
}
