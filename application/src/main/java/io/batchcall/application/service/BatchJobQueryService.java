package io.batchcall.application.service;

import io.batchcall.domain.job.BatchJob;
import io.batchcall.application.port.in.Pacing;
import io.batchcall.application.port.out.CallerIds;
import io.batchcall.domain.eta.CampaignEta;

import io.batchcall.domain.window.Callable;

import io.batchcall.application.port.in.DetailQuery;
import io.batchcall.application.port.in.JobListQuery;
import io.batchcall.application.port.in.DetailStamp;
import io.batchcall.application.port.in.GetBatchJobDetail;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.in.JobList;
import io.batchcall.application.port.in.JobView;
import io.batchcall.application.port.in.ListBatchJobs;
import io.batchcall.application.port.out.ContactPages;
import io.batchcall.application.port.out.JobRecords;
import io.batchcall.application.port.out.JobVersions;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.TimeSource;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.eta.BaselineEta;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.Progress;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;

/** The two reads: one job with a page of its contacts, and the organization's job list. */
public final class BatchJobQueryService implements GetBatchJobDetail, ListBatchJobs {

    private final JobRecords jobs;
    private final ContactPages pages;
    private final TimeSource time;
    private final JobVersions versions;

    private final int organizationCap;
    private final CallerIds callerIds;
    private final io.batchcall.application.port.out.ConversationRecords conversations;
    /**
     * How long an answer with a completion estimate is served again while nothing is written to its job: many readers
     * of a running job (dashboards, polling clients) share one read per write instead of one each; the estimate they
     * see is at most this much older than the request. Every write to the job ends it at once.
     */
    public static final java.time.Duration ESTIMATE_KEPT = java.time.Duration.ofMillis(100);

    public BatchJobQueryService(JobRecords jobs, ContactPages pages, TimeSource time) {
        this(jobs, pages, time, EngineSettings.DEFAULTS.organizationConcurrency());
    }

    public BatchJobQueryService(JobRecords jobs, ContactPages pages, TimeSource time, int organizationCap) {
        this(jobs, pages, time, organizationCap, JobVersions.UNKNOWN);
    }

    /** @param versions the store's job versions: details read from a store that has them are stamped ({@link DetailStamp}) */
    public BatchJobQueryService(JobRecords jobs, ContactPages pages, TimeSource time, int organizationCap, JobVersions versions) {
        this(jobs, pages, time, organizationCap, versions, null);
    }

    /** @param callerIds the organizations' caller ids, for the detail's {@code pacing} (null: concurrency only) */
    public BatchJobQueryService(JobRecords jobs, ContactPages pages, TimeSource time, int organizationCap, JobVersions versions,
                                CallerIds callerIds) {
        this(jobs, pages, time, organizationCap, versions, callerIds, null);
    }

    /** @param conversations the contacts' dispositions, for the breakdown and the disposition filter (null: none kept) */
    public BatchJobQueryService(JobRecords jobs, ContactPages pages, TimeSource time, int organizationCap, JobVersions versions,
                                CallerIds callerIds, io.batchcall.application.port.out.ConversationRecords conversations) {
        this.conversations = conversations;
        this.callerIds = callerIds;
        this.jobs = jobs;
        this.pages = pages;
        this.time = time;
        this.organizationCap = organizationCap;
        this.versions = versions;
    }

    @Override
    public Either<BatchJobError, JobDetail> detail(DetailQuery query) {
        return read(query, Option.none()).map(Option::get);
    }

    @Override
    public Either<BatchJobError, Option<JobDetail>> detailUnlessCurrent(DetailQuery query, DetailStamp kept) {
        return read(query, Option.of(kept));
    }

    /**
     * The detail, stamped with the job's version — from memory, taken before anything is read, where the store
     * sees every write; else the stored version read with the job's row — or none when {@code kept} carries that
     * same version and time alone has not moved it (then nothing but the job's row was read).
     */
    private Either<BatchJobError, Option<JobDetail>> read(DetailQuery detail, Option<DetailStamp> kept) {
        String batchJobId = detail.batchJobId();
        ContactQuery query = detail.contacts();
        java.util.OptionalLong before = versions.version(batchJobId);
        return jobs.find(detail.organizationId(), batchJobId)
                        .toEither((BatchJobError) new BatchJobError.JobNotFound(batchJobId))
                        .map(snapshot -> {
                            java.util.OptionalLong version = before.isPresent() ? before : snapshot.version();
                            Instant now = time.now();
                            if (version.isPresent() && kept.exists(k -> k.version() == version.getAsLong() && now.isBefore(k.unchangedUntil()))) {
                                return Option.<JobDetail>none();
                            }
                            PageRequest page = query.page();
                            long total;
                            List<Contact> contacts;
                            if (!detail.dispositions().isEmpty() && conversations != null) {
                                var found = conversations.withDisposition(batchJobId, detail.dispositions().toJavaSet(),
                                        query.statuses().toJavaSet(), page.offset(), page.pageSize());
                                contacts = found._1;
                                total = found._2;
                            } else if (!detail.dispositions().isEmpty()) {
                                contacts = List.empty();
                                total = 0;
                            } else {
                                total = snapshot.breakdown().countOf(query.statuses());
                                contacts = page.sizeOn(total) == 0 ? List.empty() : pages.contacts(snapshot, query);
                            }
                            JobView view = view(snapshot, now);
                            Paced paced = pacing(snapshot, now);
                            // a due contact that pacing holds back says until when (CONTRACT §14): its numbers rest or are over their rate
                            List<Option<Instant>> nextCallable = contacts.map(c -> Callable.nextCallableAt(snapshot.job().callingWindow(), c, now)
                                    .orElse(() -> c.isDue(now) ? paced.heldUntil() : Option.none()));
                            Option<DetailStamp> stamp = version.isPresent()
                                    ? unchangedUntil(snapshot, view, contacts, nextCallable, now).map(until -> new DetailStamp(version.getAsLong(), until))
                                    : Option.none();
                            java.util.Map<String, Long> dispositions = conversations == null ? java.util.Map.of()
                                    : conversations.dispositions(batchJobId);
                            return Option.some(new JobDetail(view, contacts, nextCallable, total, page.page(), page.pageSize(),
                                    page.hasMore(total), stamp, paced.pacing(), dispositions, regions(batchJobId)));
                        });
    }

    /**
     * The detail's {@code pacing} (CONTRACT §14): dials per second over the last ten seconds, and the first of these that
     * holds the job back — its concurrency, its organization's, every number of its pool at its daily cap, the
     * organization's dial rate, a number backing off, the numbers' rates — read from the store as of {@code now}. A job
     * that is not running is paced by nothing.
     */
    /** The detail's pacing, and until when it holds a due contact back (none: not known, or not held back by a number). */
    private record Paced(Pacing pacing, Option<Instant> heldUntil) {
        Paced(Pacing pacing) {
            this(pacing, Option.none());
        }
    }

    private Paced pacing(JobSnapshot snapshot, Instant now) {
        BatchJob job = snapshot.job();
        if (job.status() != io.batchcall.domain.job.JobStatus.RUNNING) {
            return new Paced(Pacing.IDLE);
        }
        double rate = Math.round(snapshot.dials().perSecond(now) * 1000) / 1000.0;
        if (snapshot.breakdown().count(ContactStatus.DIALING) >= job.concurrentCallLimit()) {
            return new Paced(new Pacing(rate, Pacing.LimitedBy.JOB_CONCURRENCY));
        }
        if (callerIds == null) {
            return new Paced(new Pacing(rate, Pacing.LimitedBy.NONE));
        }
        CallerIds.PoolView pool = callerIds.poolView(job.organizationId(), job.callers().ids().toJavaList(), now);
        if (pool.organizationDialing() >= organizationCap) {
            return new Paced(new Pacing(rate, Pacing.LimitedBy.ORG_CONCURRENCY));
        }
        java.util.Map<String, CallerIds.RegisteredCallerId> registered = new java.util.HashMap<>();
        pool.registered().forEach(r -> registered.put(r.callerId().id(), r));
        List<String> ids = job.callers().ids();
        java.util.function.Predicate<String> rests = id -> registered.containsKey(id)
                && registered.get(id).callerId().restsAfter(registered.get(id).dialsToday());
        if (ids.forAll(rests::test)) {
            Instant midnight = now.atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
            return new Paced(new Pacing(rate, Pacing.LimitedBy.DAILY_CAP), Option.of(midnight));
        }
        if (pool.organizationNextDialAt().isDefined()) {
            return new Paced(new Pacing(rate, Pacing.LimitedBy.ORG_RATE), pool.organizationNextDialAt());
        }
        List<String> open = ids.filter(id -> !rests.test(id));
        Option<Instant> firstFree = open.map(id -> Option.of(registered.get(id)).flatMap(CallerIds.RegisteredCallerId::nextDialAt))
                .flatMap(o -> o).minBy(java.util.Comparator.naturalOrder());
        if (open.exists(id -> pool.backingOff().contains(id) || (registered.containsKey(id) && registered.get(id).backoff().isDefined()))) {
            return new Paced(new Pacing(rate, Pacing.LimitedBy.BACKOFF), firstFree);
        }
        if (open.forAll(id -> registered.containsKey(id) && registered.get(id).nextDialAt().isDefined())) {
            return new Paced(new Pacing(rate, Pacing.LimitedBy.CALLER_ID_RATE), firstFree);
        }
        return new Paced(new Pacing(rate, Pacing.LimitedBy.NONE));
    }

    @Override
    public boolean tellsFromMemory() {
        return versions.known();
    }

    @Override
    public boolean isCurrent(String batchJobId, DetailStamp stamp) {
        java.util.OptionalLong now = versions.version(batchJobId);
        return now.isPresent() && now.getAsLong() == stamp.version() && time.now().isBefore(stamp.unchangedUntil());
    }

    /**
     * Until when this answer may be served again while nothing is written to the job: while time alone leaves it as it is
     * — its contacts' next-callable times are fixed retry times (each turns to none when it passes) — and, when it
     * carries a completion estimate (a running job), for {@link #ESTIMATE_KEPT} at most: the estimate follows the clock,
     * by no more than that in that time. None at all when the job has a calling window and a contact on the page waits
     * (its next opening follows the clock).
     */
    private static Option<Instant> unchangedUntil(JobSnapshot snapshot, JobView view, List<Contact> contacts,
                                                  List<Option<Instant>> nextCallable, Instant now) {
        if (snapshot.job().callingWindow().isDefined()
                && contacts.exists(c -> c.status() == ContactStatus.PENDING || c.status() == ContactStatus.QUEUED)) {
            return Option.none();
        }
        Instant until = nextCallable.flatMap(o -> o).minBy(java.util.Comparator.naturalOrder()).getOrElse(Instant.MAX);
        // a running job's estimate and pacing (its dial rate, what holds it back) follow the clock
        if (view.baselineEstimatedCompletionTime().isDefined() || view.estimatedCompletionTime().isDefined()
                || snapshot.job().status() == io.batchcall.domain.job.JobStatus.RUNNING) {
            Instant estimateUntil = now.plus(ESTIMATE_KEPT);
            return Option.some(estimateUntil.isBefore(until) ? estimateUntil : until);
        }
        return Option.some(until);
    }

    @Override
    public Either<BatchJobError, JobList> list(JobListQuery query) {
        PageRequest p = query.page();
        if (query.othersOnly()) {
            return Either.right(new JobList(List.empty(), 0, p.page(), p.pageSize()));
        }
        Instant now = time.now();
        var result = jobs.list(query.organizationId(), query.status(), p);
        WorkReads workReads = new WorkReads(LIST_WORK_READS);
        return Either.right(new JobList(result._1.map(s -> view(s, now, workReads)), result._2, p.page(), p.pageSize()));
    }

    /**
     * The job's contacts per region (CONTRACT §17), from its call groups as uploaded and added (a cached read on the
     * SQL stores); {@code unknown} for contacts without one.
     */
    private java.util.Map<String, Long> regions(String jobId) {
        java.util.Map<String, Long> regions = new java.util.TreeMap<>();
        jobs.zoneCounts(jobId).forEach((group, n) -> regions.merge(
                io.batchcall.domain.window.ContactZones.regionOf(group).getOrElse("unknown"), n, Long::sum));
        return regions;
    }

    /**
     * A job's open work as last read, per job, used for {@link #WORK_FRESH_NANOS}. A detail reads its job's when stale; a
     * list reads at most {@link #LIST_WORK_READS} stale ones per request and estimates the others from what it last read
     * (or from the counts alone): a list of 100 running jobs costs a few reads more, not 200 (scripts/list-running.py).
     */
    private final java.util.Map<String, KeptWork> works = new java.util.concurrent.ConcurrentHashMap<>();

    private record KeptWork(long atNanos, CampaignEta.Work work) {
    }

    private static final long WORK_FRESH_NANOS = 1_000_000_000L;
    static final int LIST_WORK_READS = 2;

    /** How many stale works one request may still read: a detail 1, a list {@link #LIST_WORK_READS}. */
    private static final class WorkReads {
        private int left;

        WorkReads(int left) {
            this.left = left;
        }

        boolean take() {
            return left-- > 0;
        }
    }

    private CampaignEta.Work work(JobSnapshot snapshot, WorkReads reads) {
        String id = snapshot.job().id();
        KeptWork kept = works.get(id);
        long nanos = System.nanoTime();
        if (kept != null && nanos - kept.atNanos() < WORK_FRESH_NANOS) {
            return kept.work();
        }
        if (!reads.take()) {
            return kept != null ? kept.work() : CampaignEta.Work.UNKNOWN;
        }
        CampaignEta.Work work = Estimates.work(snapshot, pages);
        if (works.size() > 10_000) {
            works.clear();
        }
        works.put(id, new KeptWork(nanos, work));
        return work;
    }

    JobView view(JobSnapshot snapshot, Instant now) {
        return view(snapshot, now, new WorkReads(1));
    }

    private JobView view(JobSnapshot snapshot, Instant now, WorkReads workReads) {
        Progress progress = Progress.of(snapshot.breakdown());
        Option<Instant> baseline = BaselineEta.estimate(snapshot.job().status(), snapshot.job().actualStartTime(), progress, now);
        if (baseline.isEmpty()) {
            return new JobView(snapshot.job(), progress, Option.none(), Option.none(), Option.none(), Option.none());
        }
        Option<CampaignEta.Estimate> model = Estimates.of(snapshot, Math.min(snapshot.job().concurrentCallLimit(), organizationCap), now,
                snapshot.job().callingWindow().isEmpty() ? java.util.Map.of() : jobs.zoneCounts(snapshot.job().id()), work(snapshot, workReads));
        return new JobView(snapshot.job(), progress, model.map(CampaignEta.Estimate::point).orElse(baseline),
                model.map(CampaignEta.Estimate::low), model.map(CampaignEta.Estimate::high), baseline);
    }
}
