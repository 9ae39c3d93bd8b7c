package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.window.CallingRules;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONTRACT §17 through the engine: a campaign over a simulated week (the US clock change on Sunday 8 March 2026 in it)
 * across six regions under a rule pack with a Sunday ban (Alabama), a state ending at 20:00 with a holiday (Florida),
 * the federal 08:00–21:00 for the other US regions and a weekday-only country (GB): every dial lands inside every rule
 * that applies, read here from the local clock, and everyone is called.
 */
public class CallingRulesCampaignTest {

    /** The store the rules run on; the persistence module runs the same tests on SQLite and PostgreSQL. */
    protected io.batchcall.application.port.out.BatchJobs newStore() {
        return new InMemoryBatchJobs();
    }

    private static Map<String, String> days(String weekday, String saturday, String sunday) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String d : List.of("mon", "tue", "wed", "thu", "fri")) {
            m.put(d, weekday);
        }
        m.put("sat", saturday);
        m.put("sun", sunday);
        return m;
    }

    /** The pack, for the HTTP tests of the rules in force. */
    public static final CallingRules PACK_FOR_HTTP = pack();

    static final CallingRules PACK = pack();

    private static CallingRules pack() {
        return CallingRules.of(List.of(
            CallingRules.rule("US", days("08:00-21:00", "08:00-21:00", "08:00-21:00"), List.of(), "1992-12-20", "47 CFR 64.1200(c)(1)").get(),
            CallingRules.rule("US-FL", days("08:00-20:00", "08:00-20:00", "08:00-20:00"), List.of("2026-03-10"), "2021-07-01", "F.S. 501.616").get(),
            CallingRules.rule("US-AL", days("08:00-20:00", "08:00-20:00", null), List.of(), null, "Ala. Admin. Code r. 770-X-5-.17").get(),
            CallingRules.rule("GB", days("09:00-20:00", null, null), List.of(), null, "test").get()));
    }

    /** Area code → (region, zone) of the contacts, and the rule each must be inside, checked on the local clock. */
    private record Place(String region, ZoneId zone) {
    }

    private static final Map<String, Place> PLACES = Map.of(
            "+1305", new Place("US-FL", ZoneId.of("America/New_York")),
            "+1205", new Place("US-AL", ZoneId.of("America/Chicago")),
            "+1212", new Place("US-NY", ZoneId.of("America/New_York")),
            "+1415", new Place("US-CA", ZoneId.of("America/Los_Angeles")),
            "+1206", new Place("US-WA", ZoneId.of("America/Los_Angeles")),
            "+4420", new Place("GB", ZoneId.of("Europe/London")));

    private static void assertInsideItsRules(String phone, Instant at) {
        Place p = PLACES.get(phone.substring(0, 5));
        ZonedDateTime local = at.atZone(p.zone());
        int minutes = local.getHour() * 60 + local.getMinute();
        String where = phone + " (" + p.region() + ") at " + local;
        switch (p.region()) {
            case "US-FL" -> {
                assertThat(minutes).as(where).isBetween(8 * 60, 20 * 60 - 1);
                assertThat(local.toLocalDate()).as(where).isNotEqualTo(LocalDate.parse("2026-03-10"));
            }
            case "US-AL" -> {
                assertThat(minutes).as(where).isBetween(8 * 60, 20 * 60 - 1);
                assertThat(local.getDayOfWeek()).as(where).isNotEqualTo(DayOfWeek.SUNDAY);
            }
            case "GB" -> {
                assertThat(minutes).as(where).isBetween(9 * 60, 20 * 60 - 1);
                assertThat(local.getDayOfWeek()).as(where).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
            default -> assertThat(minutes).as(where).isBetween(8 * 60, 21 * 60 - 1);
        }
    }

    @Test
    void aWeekAcrossSixRegionsDialsEveryoneInsideEveryRule() {
        EngineHarness h = new EngineHarness(newStore(), EngineSettings.DEFAULTS.withAttemptDeadline(Duration.ofHours(2)).withCallingRules(PACK));
        h.clock.set(Instant.parse("2026-03-07T12:00:00Z")); // Saturday; the US moves to summer time on Sunday 03-08
        List<ContactRow> rows = new ArrayList<>();
        int n = 0;
        for (String prefix : PLACES.keySet()) {
            for (int i = 0; i < 4; i++) {
                rows.add(new ContactRow(++n, prefix + (prefix.length() == 5 && prefix.startsWith("+44") ? "7946" : "555") + String.format("%04d", 1000 + n),
                        Map.of()));
            }
        }
        var command = new CreateBatchJobCommand(h.org, "Rules", null, null, "pn", 2, 3, List.of("no_answer"), 3 * 3600L, null, null);
        var created = io.batchcall.application.port.in.CreateJob.of(command)
                .flatMap(cj -> h.engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows.iterator())))
                .getOrElseThrow(e -> new AssertionError(e.code() + ": " + e.message()));
        assertThat(created.totalContacts()).isEqualTo(24);
        String job = created.job().id();
        Map<String, Integer> dialsPerNumber = new HashMap<>();
        for (int step = 0; step < 6 * 24 * 6 && h.detail(job).view().job().status() != JobStatus.COMPLETED; step++) {
            h.engine.dispatcher.tick();
            for (DialRequest r : h.dialer.drain()) {
                assertInsideItsRules(r.phoneNumber(), h.clock.now());
                dialsPerNumber.merge(r.phoneNumber(), 1, Integer::sum);
                String outcome = r.attempt() == 1 ? "no_answer" : "completed"; // every contact retried once, hours later
                assertThat(h.engine.callEvents.record(h.org, CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", outcome, null, 30,
                        null, null).get()).isRight()).isTrue();
            }
            h.advance(Duration.ofMinutes(10));
        }
        var detail = h.detail(job);
        assertThat(detail.view().job().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(detail.view().progress().statusBreakdown().count(ContactStatus.COMPLETED)).isEqualTo(24);
        assertThat(dialsPerNumber.values()).allMatch(d -> d == 2);
        // due at the start (Saturday 06:00 in Alabama), dialed once the rule opened: the wait says why
        String alabama = detail.contacts().find(c -> c.phoneNumber().startsWith("+1205")).get().id();
        var waits = h.engine.timeline.timeline(io.batchcall.application.port.in.GetContactTimeline.Query.of(h.org, job, alabama).get()).get().waits();
        assertThat(waits.map(io.batchcall.application.port.in.GetContactTimeline.Wait::reason).toJavaList()).contains("region_rule");
        assertThat(waits.find(w -> w.reason().equals("region_rule")).get().until().isDefined()).isTrue();
    }
}
