package io.batchcall.application;

import io.batchcall.application.memory.ManualTimeSource;
import io.batchcall.application.memory.SequentialIds;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.DialRequest;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.ContactStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/** An engine on a given store with a manual clock and a recording dialer: campaigns run step by step. */
public final class EngineHarness {

    public final ManualTimeSource clock = new ManualTimeSource(Instant.parse("2026-03-01T09:00:00Z"));
    public final RecordingDialer dialer = new RecordingDialer();
    public final BatchCallEngine engine;
    public final BatchJobs store;
    public final String org = "org-" + UUID.randomUUID();
    private int jobsCreated;

    public EngineHarness(BatchJobs store, EngineSettings settings) {
        this.store = store;
        this.engine = new BatchCallEngine(store, dialer, clock, new SequentialIds("bj_" + UUID.randomUUID().toString().substring(0, 8) + "_"), settings);
    }

    public CreatedJob create(int contacts, int limit, int maxAttempts, List<String> retryable, long retryDelay) {
        var command = new CreateBatchJobCommand(org, "Campaign", null, "agent-1", "pn-1", limit, maxAttempts, retryable,
                retryDelay, null, null);
        int base = jobsCreated++ * 100_000; // numbers differ between jobs: one number is never in two calls at once
        var rows = IntStream.rangeClosed(1, contacts)
                .mapToObj(i -> new ContactRow(i, String.format("+1415%07d", base + i), Map.<String, Object>of("name", "c" + i))).iterator();
        return io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows))).get();
    }

    public JobDetail detail(String jobId) {
        return io.batchcall.application.port.in.DetailQuery.parse(org, jobId, null, "1", "500").flatMap(engine.detail::detail).get();
    }

    public long count(String jobId, ContactStatus status) {
        return detail(jobId).view().progress().statusBreakdown().count(status);
    }

    public void end(DialRequest r, String outcome, Integer sip) {
        engine.callEvents.record(org, io.batchcall.application.port.in.CallEvent.of(r.batchJobId(), r.contactId(), r.attempt(), "ended", outcome, sip, 30, null, null).get()).get();
    }

    public void advance(Duration d) {
        clock.advance(d);
    }
}
