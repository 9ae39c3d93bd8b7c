package io.batchcall.domain.window;

import io.vavr.collection.List;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a contact may be called, in its own local time (CONTRACT §10): from {@code start} (inclusive)
 * to {@code end} (exclusive) on the listed {@code days}, except on {@code blackoutDates}. Pure: every
 * instant is passed in. A contact whose number spans several zones is callable only when the window
 * is open in all of them.
 *
 * <p>Each local day's window is the interval of instants from the first whose local time is at or
 * after {@code start} to the first whose local time is at or after {@code end}: a boundary that falls
 * in a DST gap moves to the end of the gap (so a window inside a gap does not open that day), and in a
 * repeated hour the first occurrence counts (a window is never open twice for the same local time).
 * {@link #isOpen} and {@link #nextOpening} are defined by the same intervals, so the next opening is
 * always open, and nothing between now and it is.
 */
public record CallingWindow(LocalTime start, LocalTime end, SortedSet<DayOfWeek> days, SortedSet<LocalDate> blackoutDates) {

    /** How far ahead an opening is looked for: a window that never opens within it never opens. */
    public static final int HORIZON_DAYS = 400;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public CallingWindow {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("at least one day");
        }
    }

    /**
     * A window from its wire form: {@code start}/{@code end} as {@code HH:mm}, {@code days} as
     * {@code mon … sun} (null = all seven), {@code blackoutDates} as ISO dates. Left: what is wrong.
     */
    public static Either<String, CallingWindow> of(String start, String end, java.util.List<String> days, java.util.List<String> blackoutDates) {
        Option<LocalTime> s = time(start);
        Option<LocalTime> e = time(end);
        if (s.isEmpty() || e.isEmpty()) {
            return Either.left("start and end must be HH:mm (24-hour), e.g. 09:00 and 20:00");
        }
        if (!s.get().isBefore(e.get())) {
            return Either.left("start must be before end");
        }
        SortedSet<DayOfWeek> daySet = TreeSet.empty();
        if (days == null) {
            daySet = TreeSet.of(DayOfWeek.values());
        } else {
            if (days.isEmpty() || days.size() > 7) {
                return Either.left("days must list 1 to 7 of mon, tue, wed, thu, fri, sat, sun");
            }
            for (String d : days) {
                int i = d == null ? -1 : DAY_NAMES.indexOf(d.trim().toLowerCase(Locale.ROOT));
                if (i < 0) {
                    return Either.left("days must be among mon, tue, wed, thu, fri, sat, sun; got '" + d + "'");
                }
                daySet = daySet.add(DayOfWeek.of(i + 1));
            }
        }
        SortedSet<LocalDate> dates = TreeSet.empty();
        if (blackoutDates != null) {
            if (blackoutDates.size() > 1000) {
                return Either.left("at most 1000 blackoutDates");
            }
            for (String d : blackoutDates) {
                try {
                    dates = dates.add(LocalDate.parse(d == null ? "" : d.trim()));
                } catch (DateTimeException bad) {
                    return Either.left("blackoutDates must be ISO dates such as 2026-12-25; got '" + d + "'");
                }
            }
        }
        return Either.right(new CallingWindow(s.get(), e.get(), daySet, dates));
    }

    /** The server default's form, {@code HH:mm-HH:mm} (every day, no blackout date). */
    public static Either<String, CallingWindow> parseRange(String range) {
        String[] parts = range == null ? new String[0] : range.trim().split("-");
        if (parts.length != 2) {
            return Either.left("a calling window is HH:mm-HH:mm, e.g. 08:00-21:00");
        }
        return of(parts[0], parts[1], null, null);
    }

    private static Option<LocalTime> time(String s) {
        if (s == null || !s.trim().matches("\\d{2}:\\d{2}")) {
            return Option.none();
        }
        try {
            return Option.of(LocalTime.parse(s.trim(), HH_MM));
        } catch (DateTimeException e) {
            return Option.none();
        }
    }

    public String startText() {
        return start.format(HH_MM);
    }

    public String endText() {
        return end.format(HH_MM);
    }

    public List<String> dayNames() {
        return days.toList().map(d -> DAY_NAMES.get(d.getValue() - 1));
    }

    public List<String> blackoutDateTexts() {
        return blackoutDates.toList().map(LocalDate::toString);
    }

    /** Whether a call may be placed at {@code at} to a contact in all of {@code zones}. */
    public boolean isOpen(Instant at, Iterable<ZoneId> zones) {
        for (ZoneId zone : zones) {
            if (!nextOpening(at, zone).contains(at)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant at or after {@code from} when the window is open in every one of {@code zones}:
     * {@code from} itself when open now; none when it does not open within {@link #HORIZON_DAYS}.
     */
    public Option<Instant> nextOpening(Instant from, Iterable<ZoneId> zones) {
        Instant t = from;
        Instant limit = from.plus(java.time.Duration.ofDays(HORIZON_DAYS));
        for (int round = 0; round < 10_000; round++) {
            boolean moved = false;
            for (ZoneId zone : zones) {
                Option<Instant> next = nextOpening(t, zone);
                if (next.isEmpty() || next.get().isAfter(limit)) {
                    return Option.none();
                }
                if (next.get().isAfter(t)) {
                    t = next.get();
                    moved = true;
                }
            }
            if (!moved) {
                return Option.of(t); // open in every zone at t
            }
        }
        return Option.none();
    }

    /** The first instant of {@code day} in {@code zone} whose local time is at or after {@code time}. */
    private static Instant firstAtOrAfter(LocalDate day, LocalTime time, ZoneId zone) {
        java.time.LocalDateTime local = java.time.LocalDateTime.of(day, time);
        java.time.zone.ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant(); // the local time does not exist: the first that does is the gap's end
        }
        return ZonedDateTime.of(local, zone).toInstant(); // in an overlap, the earlier offset
    }

    /** The first instant at or after {@code from} when the window is open in {@code zone}. */
    public Option<Instant> nextOpening(Instant from, ZoneId zone) {
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i <= HORIZON_DAYS + 1; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek()) || blackoutDates.contains(day)) {
                continue;
            }
            Instant opens = firstAtOrAfter(day, start, zone);
            Instant closes = firstAtOrAfter(day, end, zone);
            if (!opens.isBefore(closes) || !from.isBefore(closes)) {
                continue; // closed all day (a DST gap swallowed the window), or this day's window is over
            }
            return Option.of(opens.isAfter(from) ? opens : from);
        }
        return Option.none();
    }
}
