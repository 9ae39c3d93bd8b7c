package io.batchcall.domain;

import io.batchcall.domain.window.CallingRules;
import io.batchcall.domain.window.PhoneRegions;
import io.vavr.collection.List;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §17's rules by region: properties over random instants, zones and regions against a pack with a Sunday ban,
 * a state that ends at 20:00, a holiday, a rule that starts at a later date, and a country rule; and the regions of numbers.
 */
class CallingRulesTest {

    private static final Map<String, String> ALL_WEEK_8_21 = week("08:00-21:00");
    private static final CallingRules PACK = CallingRules.of(java.util.List.of(
            rule("US", ALL_WEEK_8_21, java.util.List.of(), null),
            rule("US-FL", week("08:00-20:00"), java.util.List.of("2026-12-25"), "2021-07-01"),
            rule("US-AL", withSunday(week("08:00-20:00"), null), java.util.List.of("2026-07-04"), null),
            rule("US-TX", week("09:00-21:00"), java.util.List.of(), "2027-01-01"), // before 2027: the country's rule
            rule("GB", week("09:00-20:00"), java.util.List.of(), null)));
    private static final java.util.List<String> REGIONS = java.util.List.of("US-FL", "US-AL", "US-TX", "US-NY", "GB", "FR", "US");
    private static final java.util.List<String> ZONES = java.util.List.of("America/New_York", "America/Chicago", "America/Los_Angeles",
            "Europe/London", "Asia/Tokyo", "America/Denver&America/Phoenix");
    /** 2026-01-01T00:00:00Z and 2027-12-31T00:00:00Z: two years, with the US and UK clock changes in each. */
    private static final long FROM = 1_767_225_600L;
    private static final long TO = 1_830_211_200L;

    private static Map<String, String> week(String hours) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String d : java.util.List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            m.put(d, hours);
        }
        return m;
    }

    private static Map<String, String> withSunday(Map<String, String> week, String hours) {
        Map<String, String> m = new java.util.LinkedHashMap<>(week);
        m.put("sun", hours);
        return m;
    }

    private static CallingRules.Rule rule(String region, Map<String, String> hours, java.util.List<String> holidays, String validFrom) {
        return CallingRules.rule(region, hours, holidays, validFrom, "test").get();
    }

    @Provide
    Arbitrary<String> regions() {
        return Arbitraries.of(REGIONS);
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }

    private static List<ZoneId> parse(String zones) {
        return List.of(zones.split("&")).map(ZoneId::of);
    }

    /** Open only where every applicable rule is open, read independently of the pack's own lookup. */
    @Property(tries = 3000)
    void neverOpenWhereAnApplicableRuleIsClosed(@ForAll("regions") String region, @ForAll("zones") String zones,
                                                @ForAll @LongRange(min = FROM, max = TO) long second) {
        Instant at = Instant.ofEpochSecond(second);
        if (!PACK.isOpen(at, parse(zones), Option.of(region))) {
            return;
        }
        for (ZoneId z : parse(zones)) {
            ZonedDateTime local = at.atZone(z);
            int minutes = local.getHour() * 60 + local.getMinute();
            LocalDate date = local.toLocalDate();
            switch (region) {
                case "US-FL" -> assertThat(minutes).isBetween(8 * 60, 20 * 60 - 1);
                case "US-AL" -> {
                    assertThat(local.getDayOfWeek()).isNotEqualTo(DayOfWeek.SUNDAY);
                    assertThat(date).isNotEqualTo(LocalDate.parse("2026-07-04"));
                    assertThat(minutes).isBetween(8 * 60, 20 * 60 - 1);
                }
                case "US-TX" -> assertThat(minutes).isBetween(date.getYear() >= 2027 ? 9 * 60 : 8 * 60, 21 * 60 - 1);
                case "US-NY", "US" -> assertThat(minutes).isBetween(8 * 60, 21 * 60 - 1);
                case "GB" -> assertThat(minutes).isBetween(9 * 60, 20 * 60 - 1);
                default -> { } // FR: no rule
            }
            if (region.equals("US-FL")) {
                assertThat(date).isNotEqualTo(LocalDate.parse("2026-12-25"));
            }
        }
    }

    /** The next opening is open, not before the start, and nothing between (every 10 minutes) was open. */
    @Property(tries = 500)
    void theNextOpeningIsTheFirstOpenMoment(@ForAll("regions") String region, @ForAll("zones") String zones,
                                            @ForAll @LongRange(min = FROM, max = TO) long second) {
        Instant from = Instant.ofEpochSecond(second);
        Option<Instant> next = PACK.nextOpening(from, parse(zones), Option.of(region));
        assertThat(next).as("every region of this pack opens within days").isNotEmpty();
        assertThat(next.get()).isAfterOrEqualTo(from);
        assertThat(PACK.isOpen(next.get(), parse(zones), Option.of(region))).isTrue();
        for (Instant t = from; t.isBefore(next.get()); t = t.plus(Duration.ofMinutes(10))) {
            assertThat(PACK.isOpen(t, parse(zones), Option.of(region))).as("open at %s before %s", t, next.get()).isFalse();
        }
    }

    @Test
    void theRegionsRuleBeatsItsCountrysAndARegionWithoutOneFallsBackToIt() {
        Instant evening = Instant.parse("2026-06-10T00:30:00Z"); // 20:30 in New York (EDT)
        List<ZoneId> ny = List.of(ZoneId.of("America/New_York"));
        assertThat(PACK.isOpen(evening, ny, Option.of("US-FL"))).as("Florida ends at 20:00").isFalse();
        assertThat(PACK.isOpen(evening, ny, Option.of("US-NY"))).as("New York: the federal 21:00").isTrue();
        assertThat(PACK.isOpen(evening, ny, Option.of("FR"))).as("no rule for France").isTrue();
        assertThat(PACK.isOpen(evening, ny, Option.none())).as("no region known").isTrue();
        assertThat(PACK.restricts(Option.of("US-NY"))).isTrue();
        assertThat(PACK.restricts(Option.of("FR"))).isFalse();
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertThat(CallingRules.rule("Florida", week("08:00-20:00"), null, null, "x").getLeft()).startsWith("region");
        assertThat(CallingRules.rule("US-FL", Map.of("monday", "08:00-20:00"), null, null, "x").getLeft()).contains("unknown day");
        assertThat(CallingRules.rule("US-FL", Map.of("mon", "20:00-08:00"), null, null, "x").getLeft()).contains("hours.mon");
        assertThat(CallingRules.rule("US-FL", Map.of(), java.util.List.of("Christmas"), null, "x").getLeft()).contains("holidays");
        assertThat(CallingRules.rule("US-FL", Map.of(), null, "July", "x").getLeft()).contains("validFrom");
        assertThat(CallingRules.rule("US-FL", Map.of(), null, null, " ").getLeft()).contains("source");
    }

    @Test
    void aNumbersRegionIsItsAreaCodesStateElseItsCountry() {
        PhoneRegions regions = PhoneRegions.bundled();
        assertThat(regions.regionOf("+13055550100")).contains("US-FL");
        assertThat(regions.regionOf("+12125550100")).contains("US-NY");
        assertThat(regions.regionOf("+16045550100")).as("Vancouver").contains("CA");
        assertThat(regions.regionOf("+442071234567")).contains("GB");
        assertThat(regions.regionOf("+33123456789")).contains("FR");
        assertThat(regions.resolve("us-tx", "+13055550100").get()).as("its own region wins").contains("US-TX");
        assertThat(regions.resolve("Texas", "+13055550100").getLeft()).isEqualTo("invalid_region");
    }
}
