package io.batchcall.application.memory;

import io.batchcall.application.port.out.TimeSource;
import io.batchcall.application.webhook.WebhookEvents;
import io.batchcall.application.port.out.ClaimLimits;
import io.batchcall.domain.window.Callable;

import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.port.out.ContactChange;
import io.batchcall.application.port.out.ContactUpdate;
import io.batchcall.application.port.out.EventKey;
import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.application.port.out.JobVersions;
import io.batchcall.application.port.out.NewContact;
import io.batchcall.application.port.out.OverdueAttempt;
import io.batchcall.application.port.out.Suppressions.Suppression;
import io.batchcall.application.port.out.CallerIds;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactRejection;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.ClaimRule;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.paging.ContactQuery;
import io.batchcall.domain.paging.PageRequest;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A complete {@link BatchJobs} held in memory, for tests and for embedders who do not need
 * durability. Thread-safe (one lock); passes the same contract suite as the JDBC adapters.
 */
public final class InMemoryBatchJobs implements BatchJobs {

    private final Map<String, JobEntry> jobs = new LinkedHashMap<>();
    private final InMemorySuppressions suppressions = new InMemorySuppressions();
    private final InMemoryConsents consents = new InMemoryConsents();
    private final InMemoryNumbers numbers = new InMemoryNumbers();
    private final InMemoryCallerIds callerIds = new InMemoryCallerIds(this, this::organizationDialing);
    private long created;
    private final InMemoryWebhooks webhooks = new InMemoryWebhooks();
    private final InMemoryConversations conversations = new InMemoryConversations(this, id -> jobs.containsKey(id) ? jobs.get(id).contacts : null);
    private final TimeSource time;
    private final JobVersions.Tracked versions = new JobVersions.Tracked();
    private final InMemoryExpiries expiries = new InMemoryExpiries();

    /** A store whose webhook events are stamped with the system clock. */
    public InMemoryBatchJobs() {
        this(Instant::now);
    }

    /** A store whose webhook events are stamped with {@code time}. */
    public InMemoryBatchJobs(TimeSource time) {
        this.time = time;
    }

    @Override
    public InMemoryWebhooks webhooks() {
        return webhooks;
    }

    /**
     * Every write goes through this object and moves its job's version under the store's lock, after the change
     * (a read takes the same lock, so it sees a change before the version that follows it).
     */
    @Override
    public JobVersions versions() {
        return versions;
    }

    @Override
    public synchronized long create(BatchJob job, Iterator<NewContact> contacts) {
        if (jobs.containsKey(job.id())) {
            throw new IllegalStateException("duplicate job id " + job.id());
        }
        JobEntry entry = new JobEntry(job, ++created);
        java.util.List<NewContact> rows = new ArrayList<>();
        contacts.forEachRemaining(rows::add);
        if (entry.append(rows, expiries) == 0) {
            return 0;
        }
        jobs.put(job.id(), entry);
        versions.moved(job.id());
        return entry.contacts.size();
    }

    @Override
    public synchronized boolean delete(BatchJob expected) {
        JobEntry e = jobs.get(expected.id());
        if (e == null || !expected.status().isFinal() || e.job.status() != expected.status()) {
            return false;
        }
        jobs.remove(expected.id());
        versions.moved(expected.id());
        conversations.deleted(expected.id());
        return true;
    }

    @Override
    public synchronized List<Contact> contactsAfter(String jobId, long afterSeq, int limit) {
        JobEntry e = jobs.get(jobId);
        if (e == null || afterSeq >= e.contacts.size()) {
            return List.empty();
        }
        int from = (int) Math.max(0, afterSeq);
        return List.ofAll(e.contacts.subList(from, (int) Math.min(e.contacts.size(), from + (long) limit)));
    }

    @Override
    public synchronized Option<JobSnapshot> find(String organizationId, String jobId) {
        return findById(jobId).filter(s -> s.job().organizationId().equals(organizationId));
    }

    @Override
    public synchronized Option<JobSnapshot> findById(String jobId) {
        return Option.of(jobs.get(jobId)).map(JobEntry::snapshot);
    }

    @Override
    public synchronized Tuple2<List<JobSnapshot>, Long> list(String organizationId, Option<JobStatus> status, PageRequest page) {
        List<JobEntry> matching = List.ofAll(jobs.values())
                .filter(e -> e.job.organizationId().equals(organizationId))
                .filter(e -> status.forAll(s -> e.job.status() == s))
                .sorted(Comparator.comparing((JobEntry e) -> e.job.createdAt()).thenComparing(e -> e.order).reversed());
        List<JobSnapshot> pageItems = matching.drop((int) Math.min(Integer.MAX_VALUE, page.offset()))
                .take(page.pageSize()).map(JobEntry::snapshot);
        return Tuple.of(pageItems, (long) matching.size());
    }

    @Override
    public List<Contact> contacts(JobSnapshot job, ContactQuery query) {
        return contacts(job.job().id(), query);
    }

    /** One page of a job's contacts (tests and embedders; the port's reads go through {@link #contacts(JobSnapshot, ContactQuery)}). */
    public synchronized List<Contact> contacts(String jobId, ContactQuery query) {
        JobEntry e = jobs.get(jobId);
        return e == null ? List.empty() : e.page(query);
    }

    /** One contact by its upload position. */
    public synchronized Option<Contact> contact(String jobId, long seq) {
        JobEntry e = jobs.get(jobId);
        if (e == null || seq < 1 || seq > e.contacts.size()) {
            return Option.none();
        }
        return Option.of(e.contacts.get((int) (seq - 1)));
    }

    @Override
    public synchronized boolean replace(BatchJob expected, BatchJob next) {
        if (!replaceJob(expected, next)) {
            return false;
        }
        jobChanged(expected, jobs.get(next.id()));
        return true;
    }

    private boolean replaceJob(BatchJob expected, BatchJob next) {
        JobEntry e = jobs.get(expected.id());
        if (e == null || e.job.status() != expected.status() || !e.job.scheduledStartTime().equals(expected.scheduledStartTime())) {
            return false;
        }
        e.job = next;
        versions.moved(next.id());
        return true;
    }

    private void jobChanged(BatchJob before, JobEntry after) {
        WebhookEvents.ofJob(before.status(), after.snapshot()).forEach(ev -> webhooks.record(java.util.List.of(ev), time.now()));
    }

    @Override
    public synchronized Option<Long> replaceAndCancelOpen(BatchJob expected, BatchJob next, Instant now, Option<String> abandonReason) {
        if (!replaceJob(expected, next)) {
            return Option.none();
        }
        JobEntry e = jobs.get(expected.id());
        long count = endAll(e, c -> abandonReason.isDefined() ? c.abandon(now, abandonReason.get()) : c.cancel(now));
        jobChanged(expected, e);
        return Option.of(count);
    }

    @Override
    public synchronized java.util.Set<String> numbersInJob(String jobId, java.util.Collection<String> phones) {
        JobEntry e = jobs.get(jobId);
        return e == null ? java.util.Set.of() : e.numbersAmong(phones);
    }

    /** The upload is read first, outside the store's lock (an exception from it leaves nothing), then added in one step. */
    @Override
    public Option<Long> addContacts(BatchJob job, Iterator<NewContact> contacts) {
        java.util.List<NewContact> read = new ArrayList<>();
        contacts.forEachRemaining(read::add);
        synchronized (this) {
            JobEntry e = jobs.get(job.id());
            if (e == null || e.job.status().isFinal()) {
                return Option.none();
            }
            long added = e.append(read, expiries);
            versions.moved(job.id());
            return Option.of(added);
        }
    }

    @Override
    public synchronized Option<Long> expireWaiting(BatchJob job, Instant now, String reason) {
        JobEntry e = jobs.get(job.id());
        return e == null || e.job.status() != job.status() ? Option.none() : Option.of(endAll(e, c -> c.expire(now, reason)));
    }

    /** Ends every contact {@code how} changes, in bulk: reported by the job's event, not per contact. */
    private long endAll(JobEntry e, java.util.function.Function<Contact, Either<ContactRejection, Contact>> how) {
        long count = 0;
        for (Contact c : new ArrayList<>(e.contacts)) {
            Either<ContactRejection, Contact> ended = how.apply(c);
            if (ended.isRight()) {
                put(e, c, ended.get(), false);
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized Either<BatchJobError, List<Either<BatchJobError, ContactUpdate>>> updateContacts(
            Option<String> organizationId, String jobId, List<ContactChange> changes) {
        JobEntry e = jobs.get(jobId);
        if (e == null || organizationId.exists(org -> !org.equals(e.job.organizationId()))) {
            return Either.left(new BatchJobError.JobNotFound(jobId));
        }
        return Either.right(changes.map(c -> apply(e, c.seq(), c.key(), c.change())));
    }

    private Either<BatchJobError, ContactUpdate> apply(JobEntry e, long seq, Option<EventKey> key,
            BiFunction<BatchJob, Contact, Either<BatchJobError, Contact>> change) {
        String jobId = e.job.id();
        Option<Contact> contact = contact(jobId, seq);
        if (contact.isEmpty()) {
            return Either.left(new BatchJobError.ContactNotFound(Contact.idFor(jobId, seq)));
        }
        Contact before = contact.get();
        if (key.isDefined() && e.events.contains(key.get())) {
            return Either.right(new ContactUpdate(before, before, true, e.counts.open()));
        }
        return change.apply(e.job, before).map(after -> {
            put(e, before, after);
            key.forEach(e.events::add);
            return new ContactUpdate(before, after, false, e.counts.open());
        });
    }

    @Override
    public synchronized List<Contact> claimDue(String jobId, ClaimLimits limits, Instant now, ClaimRule.Dispatch dispatch) {
        JobEntry e = jobs.get(jobId);
        if (e == null || e.job.status() != JobStatus.RUNNING) {
            return List.empty();
        }
        String org = e.job.organizationId();
        long orgDialing = organizationDialing(org);
        long slots = e.job.dialSlots(e.counts.count(ContactStatus.DIALING), limits.organizationCap(), orgDialing);
        Iterator<Contact> due = io.vavr.collection.Iterator.ofAll(e.due(now, c -> limits.contactOpen(e.job, c, now)));
        io.batchcall.domain.caller.Pacer pacer = callerIds.pacer(org, e.job.callers(), limits, now);
        List<ClaimRule.Change> changes = ClaimRule.claim(e.job, slots, due, now,
                numbers.forClaim(org, limits.numberCap(), now, phone -> suppression(org, phone).isDefined(),
                        phone -> !consents.consentedAmong(org, java.util.List.of(phone)).isEmpty(), limits.conversationPause()),
                pacer, dispatch, (contact, wait) -> conversations.waited(jobId, contact, wait), limits.callingRules());
        if (pacer.paces()) {
            callerIds.commit(org, pacer, now);
        }
        long dialedNow = changes.count(ClaimRule.Change::dialed);
        if (dialedNow > 0) {
            e.dials = e.dials.plus(now, dialedNow);
        }
        for (ClaimRule.Change change : changes) {
            put(e, change.before(), change.after());
            if (change.dialed()) {
                numbers.dialed(org, change.after().phoneNumber(), now);
            }
        }
        return changes.map(ClaimRule.Change::after);
    }

    /** The organization's contacts dialing, over all its jobs. */
    private long organizationDialing(String org) {
        return List.ofAll(jobs.values()).filter(o -> o.job.organizationId().equals(org))
                .map(o -> o.counts.count(ContactStatus.DIALING)).sum().longValue();
    }

    /** Every contact change goes through here: the counts, and the numbers in a call, follow it. */
    private void put(JobEntry e, Contact before, Contact after) {
        put(e, before, after, true);
    }

    private void put(JobEntry e, Contact before, Contact after, boolean report) {
        e.put(before, after);
        versions.moved(e.job.id());
        if (report) {
            java.util.List<io.batchcall.application.webhook.PendingEvent> events = WebhookEvents.ofContact(e.job, before, after);
            if (!events.isEmpty()) {
                webhooks.record(events, time.now());
            }
        }
        e.stats = e.stats.plus(JobSnapshot.AttemptStats.of(e.job, before, after));
        numbers.moved(e.job.organizationId(), before, after, time.now());
        conversations.changed(e.job.id(), before, after, time.now());
    }

    @Override
    public synchronized Map<String, Long> zoneCounts(String jobId) {
        JobEntry e = jobs.get(jobId);
        return e == null ? Map.of() : new java.util.TreeMap<>(e.groups);
    }

    // ---------------------------------------------------------------- suppressions

    @Override
    public long suppress(String organizationId, java.util.Collection<String> phoneNumbers, Option<String> reason, Instant now) {
        return suppressions.suppress(organizationId, phoneNumbers, reason, now);
    }

    @Override
    public io.batchcall.application.port.out.ConversationRecords conversations() {
        return conversations;
    }

    @Override
    public io.batchcall.application.port.out.Consents consents() {
        return consents;
    }

    @Override
    public CallerIds callerIds() {
        return callerIds;
    }

    @Override
    public Option<Suppression> suppression(String organizationId, String phoneNumber) {
        return suppressions.suppression(organizationId, phoneNumber);
    }

    @Override
    public io.vavr.Tuple2<List<Suppression>, Long> suppressions(String organizationId, PageRequest page) {
        return suppressions.suppressions(organizationId, page);
    }

    @Override
    public boolean unsuppress(String organizationId, String phoneNumber) {
        return suppressions.unsuppress(organizationId, phoneNumber);
    }

    @Override
    public java.util.Set<String> suppressedAmong(String organizationId, java.util.Collection<String> phoneNumbers) {
        return suppressions.suppressedAmong(organizationId, phoneNumbers);
    }

    @Override
    public synchronized List<JobSnapshot> activeJobs(Instant now) {
        return List.ofAll(jobs.values()).map(JobEntry::snapshot)
                .filter(s -> s.job().status() == JobStatus.PENDING || s.job().status() == JobStatus.RUNNING
                        || (s.job().status() == JobStatus.SCHEDULED && s.job().scheduledStartTime().exists(t -> !t.isAfter(now))))
                .sortBy(s -> s.job().createdAt());
    }

    @Override
    public synchronized List<io.vavr.Tuple2<String, Long>> expiredContacts(Instant now, int limit) {
        return expiries.due(now, limit, this::contact);
    }

    @Override
    public synchronized List<OverdueAttempt> callsInFlight(String jobId, int limit) {
        JobEntry e = jobs.get(jobId);
        return e == null ? List.empty() : e.inCall(c -> true).take(limit);
    }

    @Override
    public synchronized List<OverdueAttempt> overdueAttempts(Instant startedBefore, int limit) {
        return List.ofAll(jobs.values()).flatMap(e -> e.inCall(c -> c.lastAttemptAt().exists(t -> t.isBefore(startedBefore)))).take(limit);
    }
}
