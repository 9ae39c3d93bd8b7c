package io.batchcall.domain.window;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The calling rules in force (CONTRACT §17, {@code BATCHCALL_CALLING_RULES}): per region (an ISO 3166-2 subdivision, or a
 * country for all its regions) the hours of each weekday, the holidays, the date from which the rule applies and its
 * source. A contact is callable at an instant only when the rule for its region — the most specific one valid on that
 * local date, the latest {@code validFrom} first — is open at that local time in every one of its zones. A region with no
 * rule is not restricted by this pack (its job's window still applies).
 */
public final class CallingRules {

    public static final CallingRules NONE = new CallingRules(List.empty());
    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed", DayOfWeek.WEDNESDAY,
            "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY, "sun", DayOfWeek.SUNDAY);
    /** How far ahead {@link #nextOpening} looks: beyond it, a group is taken as never open. */
    static final int HORIZON_DAYS = 15;

    /**
     * One rule. {@code hours}: per weekday, none for a day it closes; a day not named is not restricted by it.
     *
     * @param hours per weekday named: the open range [start, end) local time, or none (closed all day)
     */
    public record Rule(String region, Map<DayOfWeek, Option<LocalTime[]>> hours, Set<LocalDate> holidays, Option<LocalDate> validFrom,
                       String source) {

        boolean appliesOn(LocalDate date) {
            return validFrom.forAll(from -> !date.isBefore(from));
        }

        boolean openAt(LocalDate date, LocalTime time) {
            if (holidays.contains(date)) {
                return false;
            }
            Option<LocalTime[]> day = hours.getOrDefault(date.getDayOfWeek(), Option.of(new LocalTime[] {LocalTime.MIN, null}));
            if (day.isEmpty()) {
                return false;
            }
            LocalTime[] range = day.get();
            return !time.isBefore(range[0]) && (range[1] == null || time.isBefore(range[1]));
        }

        /** The local time the rule opens on {@code date}, if it opens that day. */
        Option<LocalTime> opening(LocalDate date) {
            if (holidays.contains(date)) {
                return Option.none();
            }
            return hours.getOrDefault(date.getDayOfWeek(), Option.of(new LocalTime[] {LocalTime.MIN, null})).map(r -> r[0]);
        }

        /** The hours as written ({@code mon} → {@code 08:00-20:00}, or null for closed), in weekday order. */
        public java.util.Map<String, String> hoursText() {
            java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                if (hours.containsKey(d)) {
                    out.put(d.name().substring(0, 3).toLowerCase(Locale.ROOT),
                            hours.get(d).map(r -> r[0] + "-" + (r[1] == null ? "24:00" : r[1].toString())).getOrNull());
                }
            }
            return out;
        }
    }

    private final List<Rule> rules;

    private CallingRules(List<Rule> rules) {
        this.rules = rules;
    }

    public static CallingRules of(java.util.List<Rule> rules) {
        return rules.isEmpty() ? NONE : new CallingRules(List.ofAll(rules));
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * A rule as written in a pack; left: what is wrong with it. {@code hours} maps {@code mon}…{@code sun} to
     * {@code HH:mm-HH:mm} (end after start; {@code 24:00} for midnight) or null (closed); {@code holidays} and
     * {@code validFrom} are {@code YYYY-MM-DD}; {@code source} is required (a statute or a URL).
     */
    public static Either<String, Rule> rule(String region, Map<String, String> hours, java.util.List<String> holidays, String validFrom,
                                            String source) {
        Either<String, String> r = PhoneRegions.parseRegion(region);
        if (r.isLeft()) {
            return Either.left("region: " + r.getLeft());
        }
        if (source == null || source.isBlank()) {
            return Either.left("source: every rule names its source (a statute or a URL)");
        }
        Map<DayOfWeek, Option<LocalTime[]>> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, String> e : (hours == null ? Map.<String, String>of() : hours).entrySet()) {
            DayOfWeek day = DAYS.get(e.getKey().toLowerCase(Locale.ROOT));
            if (day == null) {
                return Either.left("hours: unknown day '" + e.getKey() + "' (mon, tue, wed, thu, fri, sat, sun)");
            }
            if (e.getValue() == null) {
                days.put(day, Option.none());
                continue;
            }
            Option<LocalTime[]> range = range(e.getValue());
            if (range.isEmpty()) {
                return Either.left("hours." + e.getKey() + ": 'HH:mm-HH:mm' with the end after the start, or null for closed; got '" + e.getValue() + "'");
            }
            days.put(day, range);
        }
        Set<LocalDate> closed = new TreeSet<>();
        for (String h : holidays == null ? java.util.List.<String>of() : holidays) {
            try {
                closed.add(LocalDate.parse(h));
            } catch (DateTimeParseException | NullPointerException ex) {
                return Either.left("holidays: '" + h + "' is not a date YYYY-MM-DD");
            }
        }
        Option<LocalDate> from = Option.none();
        if (validFrom != null) {
            try {
                from = Option.of(LocalDate.parse(validFrom));
            } catch (DateTimeParseException ex) {
                return Either.left("validFrom: '" + validFrom + "' is not a date YYYY-MM-DD");
            }
        }
        return Either.right(new Rule(r.get(), days, java.util.Collections.unmodifiableSet(closed), from, source.trim()));
    }

    private static Option<LocalTime[]> range(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            return Option.none();
        }
        try {
            LocalTime start = LocalTime.parse(parts[0].trim());
            LocalTime end = parts[1].trim().equals("24:00") ? null : LocalTime.parse(parts[1].trim());
            if (end != null && !end.isAfter(start)) {
                return Option.none();
            }
            return Option.of(new LocalTime[] {start, end});
        } catch (DateTimeParseException e) {
            return Option.none();
        }
    }

    /** The rule for {@code region} on a local date: the region's own, else its country's; the latest validFrom first. */
    public Option<Rule> ruleFor(String region, LocalDate date) {
        Option<Rule> own = latest(region, date);
        if (own.isDefined() || region.indexOf('-') < 0) {
            return own;
        }
        return latest(PhoneRegions.countryOf(region), date);
    }

    private Option<Rule> latest(String region, LocalDate date) {
        return rules.filter(r -> r.region().equals(region) && r.appliesOn(date))
                .maxBy(r -> r.validFrom().getOrElse(LocalDate.MIN));
    }

    /** Whether any rule could restrict contacts of {@code region} (none: the pack leaves them alone). */
    public boolean restricts(Option<String> region) {
        return region.exists(r -> rules.exists(rule -> rule.region().equals(r) || rule.region().equals(PhoneRegions.countryOf(r))));
    }

    /** Whether a contact of {@code region}, called in {@code zones}, may be called at {@code at}. */
    public boolean isOpen(Instant at, List<ZoneId> zones, Option<String> region) {
        if (region.isEmpty() || rules.isEmpty()) {
            return true;
        }
        for (ZoneId zone : zones) {
            ZonedDateTime local = at.atZone(zone);
            Option<Rule> rule = ruleFor(region.get(), local.toLocalDate());
            if (rule.isDefined() && !rule.get().openAt(local.toLocalDate(), local.toLocalTime())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant at or after {@code from} when {@link #isOpen}: {@code from} itself, or a local opening of one of
     * the zones within {@value #HORIZON_DAYS} days; none past that.
     */
    public Option<Instant> nextOpening(Instant from, List<ZoneId> zones, Option<String> region) {
        if (isOpen(from, zones, region)) {
            return Option.of(from);
        }
        java.util.TreeSet<Instant> candidates = new java.util.TreeSet<>();
        for (ZoneId zone : zones) {
            LocalDate day = from.atZone(zone).toLocalDate();
            for (int d = 0; d <= HORIZON_DAYS; d++) {
                LocalDate date = day.plusDays(d);
                LocalTime opens = ruleFor(region.get(), date).flatMap(r -> r.opening(date)).getOrElse(LocalTime.MIN);
                Instant at = date.atTime(opens).atZone(zone).toInstant();
                if (at.isAfter(from)) {
                    candidates.add(at);
                }
                Instant midnight = date.atStartOfDay(zone).toInstant();
                if (midnight.isAfter(from)) {
                    candidates.add(midnight);
                }
            }
        }
        for (Instant at : candidates) {
            if (isOpen(at, zones, region)) {
                return Option.of(at);
            }
        }
        return Option.none();
    }
}
