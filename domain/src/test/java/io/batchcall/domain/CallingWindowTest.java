package io.batchcall.domain;

import io.batchcall.domain.window.CallingWindow;
import io.batchcall.domain.window.ContactZones;
import io.batchcall.domain.window.PhoneZones;
import io.vavr.collection.List;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Calling windows in each contact's local time: properties over random windows, zones and instants, and the DST edges. */
class CallingWindowTest {

    private static final java.util.List<String> ZONES = java.util.List.of("America/New_York", "America/Los_Angeles", "Europe/London",
            "Europe/Paris", "Asia/Tokyo", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham", "UTC",
            "America/Sao_Paulo", "Europe/Moscow");
    /** 2025–2028, where every one of the zones above changes its clocks at least once. */
    private static final long FROM = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2028-12-31T00:00:00Z").getEpochSecond();

    @Provide
    Arbitrary<CallingWindow> windows() {
        Arbitrary<Integer> start = Arbitraries.integers().between(0, 22 * 60);
        Arbitrary<Integer> length = Arbitraries.integers().between(15, 14 * 60);
        Arbitrary<java.util.List<String>> days = Arbitraries.of("mon", "tue", "wed", "thu", "fri", "sat", "sun").set().ofMinSize(1).map(java.util.List::copyOf);
        Arbitrary<java.util.List<String>> blackouts = Arbitraries.longs().between(FROM, TO)
                .map(s -> Instant.ofEpochSecond(s).atZone(ZoneId.of("UTC")).toLocalDate().toString()).list().ofMaxSize(20);
        return Combinators.combine(start, length, days, blackouts).as((s, l, d, b) -> {
            int end = Math.min(s + l, 23 * 60 + 59);
            return CallingWindow.of(hhmm(s), hhmm(end), d, b).get();
        });
    }

    @Provide
    Arbitrary<java.util.List<ZoneId>> zones() {
        return Arbitraries.of(ZONES).set().ofMinSize(1).ofMaxSize(3).map(s -> s.stream().map(ZoneId::of).toList());
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    @Property(tries = 400)
    void theNextOpeningIsOpenAndNothingBeforeItIs(@ForAll("windows") CallingWindow w, @ForAll("zones") java.util.List<ZoneId> zones,
                                                   @ForAll @LongRange(min = 1735689600L, max = 1861920000L) long at) {
        Instant t = Instant.ofEpochSecond(at);
        Option<Instant> next = w.nextOpening(t, zones);
        if (next.isEmpty()) {
            // never within the horizon: then no sampled instant within it is open either
            for (int i = 0; i < 200; i++) {
                assertThat(w.isOpen(t.plus(Duration.ofHours(i * 47L)), zones)).isFalse();
            }
            return;
        }
        assertThat(next.get()).isAfterOrEqualTo(t);
        assertThat(w.isOpen(next.get(), zones)).as("the next opening is callable").isTrue();
        long gap = Duration.between(t, next.get()).toSeconds();
        for (int i = 0; i < 60 && gap > 0; i++) {
            Instant u = t.plusSeconds(gap * i / 60);
            assertThat(w.isOpen(u, zones)).as("no opening is skipped: " + u + " lies before " + next.get()).isFalse();
        }
        assertThat(w.isOpen(next.get().minusSeconds(1), zones) && next.get().isAfter(t)).isFalse();
    }

    @Property(tries = 400)
    void neverOpenOutsideTheWindowOfAnyZone(@ForAll("windows") CallingWindow w, @ForAll("zones") java.util.List<ZoneId> zones,
                                            @ForAll @LongRange(min = 1735689600L, max = 1861920000L) long at) {
        Instant t = Instant.ofEpochSecond(at);
        boolean open = w.isOpen(t, zones);
        assertThat(open).isEqualTo(zones.stream().allMatch(z -> w.isOpen(t, java.util.List.of(z))));
        for (ZoneId z : zones) {
            ZonedDateTime local = t.atZone(z);
            boolean allowedDay = w.days().contains(local.getDayOfWeek()) && !w.blackoutDates().contains(local.toLocalDate());
            boolean steadyClock = z.getRules().getOffset(t.minus(Duration.ofHours(26))).equals(z.getRules().getOffset(t.plus(Duration.ofHours(26))));
            if (open) {
                assertThat(allowedDay).as("open on " + local + " in " + z).isTrue();
            }
            if (steadyClock) {
                boolean inHours = !local.toLocalTime().isBefore(w.start()) && local.toLocalTime().isBefore(w.end());
                assertThat(w.isOpen(t, java.util.List.of(z))).as(local + " in " + z).isEqualTo(allowedDay && inHours);
            }
        }
    }

    @Test
    void springForwardSkipsTheMissingHourAndFallBackCountsTheRepeatedOneOnce() {
        ZoneId ny = ZoneId.of("America/New_York");
        CallingWindow w = CallingWindow.of("01:30", "04:00", null, null).get();
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT; the window is 01:30–04:00 local, 1½ hours long that day
        Instant before = Instant.parse("2026-03-08T05:00:00Z"); // 00:00 EST
        assertThat(w.nextOpening(before, List.of(ny)).get()).isEqualTo(Instant.parse("2026-03-08T06:30:00Z")); // 01:30 EST
        assertThat(w.isOpen(Instant.parse("2026-03-08T07:30:00Z"), List.of(ny))).isTrue(); // 03:30 EDT
        assertThat(w.isOpen(Instant.parse("2026-03-08T08:00:00Z"), List.of(ny))).isFalse(); // 04:00 EDT
        // a window inside the gap does not open that day: the next opening is the day after
        CallingWindow gap = CallingWindow.of("02:10", "02:50", null, null).get();
        assertThat(gap.nextOpening(before, List.of(ny)).get()).isEqualTo(Instant.parse("2026-03-09T06:10:00Z")); // 02:10 EDT
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST; 01:30 opens at the first 01:30 (EDT)
        assertThat(w.nextOpening(Instant.parse("2026-11-01T04:00:00Z"), List.of(ny)).get()).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void severalZonesAreCallableOnlyWhereTheirWindowsMeet() {
        CallingWindow w = CallingWindow.of("09:00", "20:00", null, null).get();
        List<ZoneId> us = List.of(ZoneId.of("America/New_York"), ZoneId.of("America/Los_Angeles"));
        // Monday 2026-06-01: New York 09:00–20:00 EDT = 13:00–24:00 UTC; Los Angeles 16:00–03:00 UTC: both from 16:00 UTC
        assertThat(w.nextOpening(Instant.parse("2026-06-01T12:00:00Z"), us).get()).isEqualTo(Instant.parse("2026-06-01T16:00:00Z"));
        assertThat(w.isOpen(Instant.parse("2026-06-01T15:59:00Z"), us)).isFalse();
        assertThat(w.isOpen(Instant.parse("2026-06-01T23:59:00Z"), us)).isTrue();
        assertThat(w.isOpen(Instant.parse("2026-06-02T00:00:00Z"), us)).isFalse();
        // New York and Tokyo never share 09:00–17:00 (in winter 09:00–20:00 meets for an hour: 19:00 EST is 09:00 JST)
        CallingWindow office = CallingWindow.of("09:00", "17:00", null, null).get();
        List<ZoneId> nyTokyo = List.of(ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo"));
        assertThat(office.nextOpening(Instant.parse("2026-06-01T12:00:00Z"), nyTokyo)).isEmpty();
        assertThat(w.nextOpening(Instant.parse("2026-11-01T12:00:00Z"), nyTokyo).get()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void blackoutDatesAndDaysAreLocalDates() {
        CallingWindow w = CallingWindow.of("09:00", "17:00", java.util.List.of("mon", "tue", "wed", "thu", "fri"),
                java.util.List.of("2026-12-25")).get();
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        // Thursday 2026-12-24 18:00 in Tokyo: closed; Friday 12-25 is a blackout; then the weekend: Monday 12-28 09:00 JST
        assertThat(w.nextOpening(Instant.parse("2026-12-24T09:00:00Z"), List.of(tokyo)).get()).isEqualTo(Instant.parse("2026-12-28T00:00:00Z"));
        assertThat(w.days()).doesNotContain(DayOfWeek.SATURDAY);
        assertThat(CallingWindow.of("9:00", "17:00", null, null).isLeft()).isTrue();
        assertThat(CallingWindow.of("17:00", "09:00", null, null).isLeft()).isTrue();
        assertThat(CallingWindow.of("09:00", "17:00", java.util.List.of("funday"), null).isLeft()).isTrue();
        assertThat(CallingWindow.of("09:00", "17:00", null, java.util.List.of("2026-13-01")).isLeft()).isTrue();
        assertThat(CallingWindow.parseRange("08:00-21:00").get().end()).isEqualTo(LocalTime.of(21, 0));
    }

    @Test
    void aContactsZoneIsItsOwnThenItsPrefixesThenTheJobs() {
        PhoneZones table = PhoneZones.bundled();
        assertThat(ContactZones.resolve(Option.none(), "+12125550101", Option.none(), table).get()).isEqualTo("America/New_York");
        assertThat(ContactZones.resolve(Option.of("Europe/Paris"), "+12125550101", Option.none(), table).get()).isEqualTo("Europe/Paris");
        assertThat(ContactZones.resolve(Option.of("Mars/Base"), "+12125550101", Option.none(), table).getLeft()).isEqualTo("invalid_timezone");
        // 1208 2 → Boise & Los Angeles (longest prefix), both kept
        assertThat(ContactZones.resolve(Option.none(), "+12082000000", Option.none(), table).get()).isEqualTo("America/Boise&America/Los_Angeles");
        assertThat(ContactZones.resolve(Option.none(), "+99912345678", Option.of(ZoneId.of("Asia/Tokyo")), table).get()).isEqualTo("Asia/Tokyo");
        assertThat(ContactZones.resolve(Option.none(), "+99912345678", Option.none(), table).get()).isEqualTo("UTC");
        assertThat(ContactZones.parse("America/Boise&America/Los_Angeles")).hasSize(2);
    }

    @Test
    void aCountrysWholeZoneListIsStoredShortAndReadBackInFull() {
        PhoneZones table = PhoneZones.bundled();
        // +1 200…: no NANP area code 200, so only prefix 1 matches — every NANP zone (41, 727 characters as ids)
        String stored = ContactZones.resolve(Option.none(), "+12000000001", Option.none(), table).get();
        assertThat(stored).isEqualTo("@1").hasSizeLessThanOrEqualTo(PhoneZones.LONGEST_STORED);
        List<ZoneId> all = table.zonesFor("+12000000001").get();
        assertThat(all).hasSizeGreaterThan(30);
        assertThat(ContactZones.parse(stored)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ContactZones.parse(ContactZones.group(stored, Option.of("US")))).containsExactlyInAnyOrderElementsOf(all);
        String shown = ContactZones.zonesText(ContactZones.group(stored, Option.of("US")));
        assertThat(shown).contains("America/New_York&").contains("Pacific/Honolulu").doesNotContain("@").doesNotContain("#");
        assertThat(List.of(shown.split("&")).map(ZoneId::of)).containsExactlyInAnyOrderElementsOf(all);
        // the other long country lists too (Russia, Mexico, Brazil, Australia); a short list stays as it is
        for (String n : new String[] {"+79000000000", "+52000000000", "+55000000000", "+61000000000"}) {
            String s = ContactZones.resolve(Option.none(), n, Option.none(), table).get();
            assertThat(s).as(n).hasSizeLessThanOrEqualTo(PhoneZones.LONGEST_STORED);
            assertThat(ContactZones.parse(s)).as(n).containsExactlyInAnyOrderElementsOf(table.zonesFor(n).get());
        }
        // a stored text from before (the ids in full) reads the same; a prefix a later table lacks reads as UTC
        assertThat(ContactZones.parse(ContactZones.zonesText(stored))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ContactZones.parse("@999")).containsExactly(ZoneId.of("UTC"));
        // a table given by the caller stores what it holds, however long
        PhoneZones own = PhoneZones.parse(java.util.List.of("1|" + shown));
        assertThat(ContactZones.resolve(Option.none(), "+12000000001", Option.none(), own).get()).isEqualTo(shown);
    }

    @Test
    void theLongestMatchingPrefixGivesTheZonesSortedAndDistinct() {
        PhoneZones table = PhoneZones.parse(java.util.List.of("# a comment", "1|America/New_York", "1208|America/Los_Angeles&America/Boise",
                "12082|Asia/Tokyo", "44|Europe/London&Europe/London", "4420|Mars/Base", "x1|UTC", "7|"));
        assertThat(ContactZones.resolve(Option.none(), "+12081234567", Option.none(), table).get()).isEqualTo("America/Boise&America/Los_Angeles");
        assertThat(ContactZones.resolve(Option.none(), "+12082345678", Option.none(), table).get()).isEqualTo("Asia/Tokyo");
        assertThat(ContactZones.resolve(Option.none(), "+13125550100", Option.none(), table).get()).isEqualTo("America/New_York");
        // a prefix whose only zone this JDK lacks is no prefix: the shorter one applies
        assertThat(ContactZones.resolve(Option.none(), "+442071234567", Option.none(), table).get()).isEqualTo("Europe/London");
        assertThat(table.zonesFor("+12081234567").get().map(ZoneId::getId)).containsExactly("America/Los_Angeles", "America/Boise");
        assertThat(table.zonesFor("+79161234567")).isEmpty();
        assertThat(table.zonesFor("+999")).isEmpty();
    }
}
