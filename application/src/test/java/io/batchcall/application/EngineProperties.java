package io.batchcall.application;

import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.progress.StatusBreakdown;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Random campaigns: whatever order outcomes and events arrive in, the engine's invariants hold. */
class EngineProperties {

    @Provide
    Arbitrary<List<Tuple.Tuple3<Integer, String, Integer>>> steps() {
        // (which in-flight call, what happens, seconds to advance)
        return Arbitraries.integers().between(0, 50)
                .flatMap(i -> Arbitraries.of("completed", "no_answer", "busy", "timeout", "failed", "sip486", "sip503",
                                "repeat", "stale", "tick", "tick", "pause", "resume", "cancel", "silence")
                        .flatMap(a -> Arbitraries.integers().between(0, 120).map(s -> Tuple.of(i, a, s))))
                .list().ofMaxSize(150);
    }

    @Property(tries = 200)
    void limitsHoldNoDoubleAttemptAndFiguresStayExact(@ForAll("steps") List<Tuple.Tuple3<Integer, String, Integer>> steps,
                                                      @ForAll @IntRange(min = 1, max = 6) int jobLimit,
                                                      @ForAll @IntRange(min = 1, max = 8) int orgCap) {
        EngineHarness h = new EngineHarness(new InMemoryBatchJobs(), EngineSettings.DEFAULTS
                .withOrganizationConcurrency(orgCap).withAttemptDeadline(Duration.ofSeconds(300)));
        String a = h.create(12, jobLimit, 3, List.of("no_answer", "busy", "timeout"), 30).job().id();
        String b = h.create(7, jobLimit, 2, List.of("busy"), 0).job().id();
        List<DialRequest> inFlight = new ArrayList<>();
        List<DialRequest> ended = new ArrayList<>();
        Map<String, Integer> lastAttempt = new HashMap<>();
        Set<String> terminal = new HashSet<>();

        for (var step : steps) {
            h.advance(Duration.ofSeconds(step.get3()));
            String action = step.get2();
            switch (action) {
                case "tick" -> h.engine.dispatcher.tick();
                case "pause" -> h.engine.jobs.act(io.batchcall.application.port.in.JobAction.pause(h.org, a));
                case "resume" -> h.engine.jobs.act(io.batchcall.application.port.in.JobAction.resume(h.org, a));
                case "cancel" -> h.engine.jobs.act(io.batchcall.application.port.in.JobAction.cancel(h.org, b));
                case "repeat" -> {
                    if (!ended.isEmpty()) {
                        DialRequest r = ended.get(step.get1() % ended.size());
                        var res = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", "completed", null, 1, null, null).get());
                        assertThat(res.get().duplicate()).isTrue();
                    }
                }
                case "stale" -> {
                    if (!inFlight.isEmpty()) {
                        DialRequest r = inFlight.get(step.get1() % inFlight.size());
                        var res = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(r.batchJobId(), r.contactId(), r.attempt() + 5, "ended", "completed", null, 1, null, null).get());
                        assertThat(res.getLeft().code()).isEqualTo("stale_attempt");
                    }
                }
                case "silence" -> { }
                default -> {
                    if (!inFlight.isEmpty()) {
                        DialRequest r = inFlight.remove(step.get1() % inFlight.size());
                        String outcome = action.startsWith("sip") ? null : action;
                        Integer sip = action.startsWith("sip") ? Integer.valueOf(action.substring(3)) : null;
                        var res = h.engine.callEvents.record(h.org, io.batchcall.application.port.in.CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", outcome, sip, 5, null, null).get());
                        // a call may already have been closed by the deadline: then it is stale, never a second effect
                        if (res.isRight()) {
                            ended.add(r);
                        } else {
                            assertThat(res.getLeft().code()).isEqualTo("stale_attempt");
                        }
                    }
                }
            }
            for (DialRequest r : h.dialer.drain()) {
                assertThat(terminal).doesNotContain(r.contactId());
                assertThat(r.attempt()).isEqualTo(lastAttempt.getOrDefault(r.contactId(), 0) + 1);
                assertThat(inFlight).noneMatch(o -> o.contactId().equals(r.contactId()) && o.attempt() == r.attempt() - 1
                        && isDialing(h, o));
                lastAttempt.put(r.contactId(), r.attempt());
                inFlight.add(r);
            }
            JobDetail da = h.detail(a);
            JobDetail db = h.detail(b);
            long dialingA = da.view().progress().statusBreakdown().count(ContactStatus.DIALING);
            long dialingB = db.view().progress().statusBreakdown().count(ContactStatus.DIALING);
            assertThat(dialingA).isLessThanOrEqualTo(jobLimit);
            assertThat(dialingB).isLessThanOrEqualTo(jobLimit);
            assertThat(dialingA + dialingB).isLessThanOrEqualTo(orgCap);
            for (JobDetail d : List.of(da, db)) {
                var p = d.view().progress();
                Map<ContactStatus, Long> recount = d.contacts().toJavaStream().collect(Collectors.groupingBy(Contact::status, Collectors.counting()));
                assertThat(p.statusBreakdown()).isEqualTo(StatusBreakdown.of(recount));
                assertThat(p.contactsProcessed()).isEqualTo(p.successfulCalls() + p.failedCalls() + p.statusBreakdown().count(ContactStatus.CANCELLED));
                d.contacts().forEach(c -> {
                    assertThat(c.attemptCount()).isLessThanOrEqualTo(c.maxAttempts());
                    if (c.status().isTerminal()) {
                        terminal.add(c.id());
                    }
                });
                if (d.view().job().status() == JobStatus.COMPLETED) {
                    assertThat(p.contactsProcessed()).isEqualTo(p.totalContacts());
                }
            }
        }
    }

    private static boolean isDialing(EngineHarness h, DialRequest r) {
        return h.detail(r.batchJobId()).contacts().find(c -> c.id().equals(r.contactId()))
                .exists(c -> c.status() == ContactStatus.DIALING && c.attemptCount() == r.attempt());
    }
}
