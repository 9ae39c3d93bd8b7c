package io.batchcall.bench;

import io.batchcall.domain.contact.AttemptResult;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.PhoneNumber;
import io.batchcall.domain.eta.BaselineEta;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.progress.Progress;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.control.Option;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The domain's hot paths: what every detail read, every dispatch and every call event goes through. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DomainBenchmarks {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final StatusBreakdown breakdown = StatusBreakdown.of(Map.of(ContactStatus.PENDING, 600_000L,
            ContactStatus.COMPLETED, 300_000L, ContactStatus.BUSY, 50_000L, ContactStatus.DIALING, 1000L, ContactStatus.CANCELLED, 49_000L));
    private final Contact pending = Contact.pending("j-c1", "j", 1, new PhoneNumber("+14155550101"), Map.of("name", "Ada"), 3);
    private final Contact dialing = pending.dispatch(t0, "room").get();
    private final AttemptResult busy = AttemptResult.fromSip(486, Option.none());
    private String phone = "+14155550101";

    @Benchmark
    public Progress progressFromBreakdown() {
        return Progress.of(breakdown);
    }

    @Benchmark
    public Option<Instant> baselineEta() {
        return BaselineEta.estimate(JobStatus.RUNNING, Option.of(t0), Progress.of(breakdown), t0.plusSeconds(3600));
    }

    private final io.batchcall.domain.window.CallingWindow window = io.batchcall.domain.window.CallingWindow.of("09:00", "20:00", null, null).get();

    /** What the server reads of a 1M job's open contacts: a sample of 500 queued ones due over 10 minutes, 1,000 calls in flight. */
    private final io.batchcall.domain.eta.CampaignEta.Work work = work();

    private io.batchcall.domain.eta.CampaignEta.Work work() {
        java.util.List<io.batchcall.domain.eta.CampaignEta.Waiting> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            queued.add(new io.batchcall.domain.eta.CampaignEta.Waiting(t0.plusMillis(1200L * i), 1 + i % 2));
        }
        int[] dialing = new int[1000];
        java.util.Arrays.setAll(dialing, i -> i % 3);
        return new io.batchcall.domain.eta.CampaignEta.Work(queued, dialing);
    }

    /** The campaign estimator on a 1M-contact job (600k pending), no window. */
    @Benchmark
    public Object campaignEta() {
        return io.batchcall.domain.eta.CampaignEta.estimate(new io.batchcall.domain.eta.CampaignEta.Inputs(t0, 600_000, 20_000, 1000, 1000,
                400_000, 400_000 * 45.0, 20_000, 120_000, 3, 600, Option.of(t0.plusSeconds(600)), t -> 1, work));
    }

    private final java.util.Map<String, Long> usCounts = java.util.Map.of("America/New_York", 250_000L, "America/Chicago", 250_000L,
            "America/Denver", 250_000L, "America/Los_Angeles", 250_000L);

    /** The same with a 09:00–20:00 window over four US zones, shares as the server computes them (per quarter hour, kept between reads). */
    @Benchmark
    public Object campaignEtaWindowed() {
        return io.batchcall.domain.eta.CampaignEta.estimate(new io.batchcall.domain.eta.CampaignEta.Inputs(t0, 600_000, 20_000, 1000, 1000,
                400_000, 400_000 * 45.0, 20_000, 120_000, 3, 600, Option.of(t0.plusSeconds(600)),
                io.batchcall.application.service.Estimates.share(Option.of(window), usCounts), work));
    }

    @Benchmark
    public Object parseDetailQuery() {
        return ContactQuery.parse("completed,busy,no_answer", "20000", "50");
    }

    @Benchmark
    public Object dispatchThenFinish() {
        return pending.dispatch(t0, "room").flatMap(c -> c.finish(busy, t0.plusSeconds(30), RetryPolicy.DEFAULT, true));
    }

    @Benchmark
    public boolean e164() {
        return PhoneNumber.isE164(phone);
    }
}
