package io.batchcall.adapter.http.edge;

import io.batchcall.adapter.http.dto.CallingWindowDto;
import io.batchcall.adapter.http.dto.ContactDto;
import io.batchcall.adapter.http.dto.CreatedDto;
import io.batchcall.adapter.http.dto.DryRunDto;
import io.batchcall.adapter.http.dto.ErrorDto;
import io.batchcall.adapter.http.dto.FailedEventDto;
import io.batchcall.adapter.http.dto.JobDetailDto;
import io.batchcall.adapter.http.dto.JobDto;
import io.batchcall.adapter.http.dto.ReceiptDto;
import io.batchcall.adapter.http.dto.RetryPolicyDto;
import io.batchcall.adapter.http.dto.SkippedRowDto;
import io.batchcall.adapter.http.dto.SuppressionDtos;
import io.batchcall.application.port.in.CallEventReceipt;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.DryRunReport;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.in.JobView;
import io.batchcall.application.port.in.ManageSuppressions;
import io.batchcall.application.port.in.SkippedRow;
import io.batchcall.application.port.out.Suppressions;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.contact.Texts;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.progress.Progress;
import io.batchcall.domain.window.CallingWindow;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.List;

/**
 * Domain → wire, at the edge: each response record built once, by its constructor, from the value it shows
 * (ADR 11: no MapStruct). Absent values become JSON null; times ISO-8601 UTC with Z; statuses their wire names.
 */
public final class ApiMapper {

    public static final ApiMapper INSTANCE = new ApiMapper();

    private ApiMapper() {
    }

    /** A contact as the detail, the export and the event stream show it (no next-callable time). */
    public ContactDto contact(Contact c) {
        return contact(c, Option.none());
    }

    /**
     * A contact with when it can next be dialed (detail pages). Contact data as it is: the contact's map is already
     * unmodifiable, and a store's {@code StoredContactData} must reach the JSON writer uncopied so that its text is
     * written as it is.
     */
    public ContactDto contact(Contact c, Option<Instant> nextCallableAt) {
        return new ContactDto(c.id(), c.phoneNumber(), c.contactData(), c.status().wire(), c.errorCode().getOrNull(), c.attemptCount(),
                c.maxAttempts(), time(c.lastAttemptAt()), time(c.nextRetryAt()), time(c.completedAt()), c.roomName().getOrNull(),
                c.failureReason().getOrNull(), c.callDuration().getOrNull(), zones(c), time(nextCallableAt),
                c.callerId().getOrNull(), c.conversation().disposition().getOrNull(),
                c.conversation().answeredBy().map(io.batchcall.domain.contact.AnsweredBy::wire).getOrNull(),
                c.conversation().callbackAt().getOrNull(), c.conversation().outcomeData().getOrNull(), region(c));
    }

    /** The calling rules in force as shown (CONTRACT §17). */
    public static io.batchcall.adapter.http.dto.CallingRulesDto callingRules(io.batchcall.domain.window.CallingRules rules) {
        java.util.List<io.batchcall.adapter.http.dto.CallingRulesDto.Rule> shown = rules.rules().map(r -> new io.batchcall.adapter.http.dto.CallingRulesDto.Rule(
                r.region(), r.hoursText(), r.holidays().stream().map(Object::toString).toList(), r.validFrom().map(Object::toString).getOrNull(),
                r.source())).toJavaList();
        return new io.batchcall.adapter.http.dto.CallingRulesDto(shown, shown.size());
    }

    /** A consent record as shown (CONTRACT §17); {@code revokedAt} null while it is in force. */
    public static io.batchcall.adapter.http.dto.ConsentDtos.Record consent(io.batchcall.domain.consent.Consent c) {
        return new io.batchcall.adapter.http.dto.ConsentDtos.Record(c.phoneNumber(), c.source(), c.grantedAt().toString(), c.text().getOrNull(),
                c.recordedAt().toString(), c.revokedAt().map(Object::toString).getOrNull());
    }

    /** The contact's time zone(s) as shown: its stored call group without the region. */
    public static String zones(Contact c) {
        return c.timezone().map(io.batchcall.domain.window.ContactZones::zonesText).getOrNull();
    }

    /**
     * The contact's region (CONTRACT §17): as its call group holds it (its own region, else its number's), else — a
     * contact stored before regions were kept — its number's. Contact data is not read: a stored page is written as it is.
     */
    public static String region(Contact c) {
        return c.timezone().flatMap(io.batchcall.domain.window.ContactZones::regionOf)
                .orElse(() -> io.batchcall.domain.window.PhoneRegions.bundled().regionOf(c.phoneNumber()))
                .getOrNull();
    }

    /** A contact's timeline (CONTRACT §15): the contact as the detail shows it, its attempts and waits. */
    public io.batchcall.adapter.http.dto.TimelineDto timeline(io.batchcall.application.port.in.GetContactTimeline.Timeline t) {
        return new io.batchcall.adapter.http.dto.TimelineDto(contact(t.contact(), t.nextCallableAt()), t.voicemails(), t.attempts().map(a -> new io.batchcall.adapter.http.dto.TimelineDto.AttemptDto(
                a.attempt(), time(a.startedAt()), a.endedAt().toString(), a.status().wire(),
                a.errorCode().filter(code -> code.matches("[1-6]\\d\\d")).map(Integer::valueOf).getOrNull(), a.errorCode().getOrNull(),
                a.callDuration().getOrNull(), a.callerId().getOrNull(), a.failureReason().getOrNull(), a.conversation().disposition().getOrNull(),
                a.conversation().answeredBy().map(io.batchcall.domain.contact.AnsweredBy::wire).getOrNull(), a.conversation().callbackAt().getOrNull(),
                a.conversation().outcomeData().getOrNull())).toJavaList(),
                t.waits().map(w -> new io.batchcall.adapter.http.dto.TimelineDto.WaitDto(w.at().toString(), time(w.until()), w.reason())).toJavaList());
    }

    public JobDto job(JobView view) {
        BatchJob j = view.job();
        Progress p = view.progress();
        return new JobDto(j.id(), j.name(), j.description().getOrNull(), j.status().wire(), j.organizationId(), j.agentId().getOrNull(),
                j.fromPhoneNumberId(), p.totalContacts(), p.contactsProcessed(), p.successfulCalls(), p.failedCalls(),
                p.statusBreakdown().toJavaMap(), time(j.scheduledStartTime()), time(j.actualStartTime()), time(j.completedAt()),
                time(view.estimatedCompletionTime()), time(view.estimatedCompletionTimeLow()), time(view.estimatedCompletionTimeHigh()),
                time(view.baselineEstimatedCompletionTime()), j.createdAt().toString(), j.concurrentCallLimit(), retryPolicy(j.retryPolicy()),
                window(j.callingWindow()), j.parentBatchJobId().getOrNull(), j.machineAnswerOutcome().map(ContactStatus::wire).getOrNull(),
                j.callers().ids().toJavaList(), j.callers().selection().wire(), j.callers().sticky(),
                new JobDto.DispositionsDto(j.outcomeRules().finalDispositions().toJavaList(), j.outcomeRules().optOutDispositions().toJavaList()),
                j.outcomeRules().maxCallbacks(), new JobDto.VoicemailDto(j.outcomeRules().voicemail().action(),
                        j.outcomeRules().voicemail().message().getOrNull(), j.outcomeRules().voicemail().outcome()),
                time(j.endAt()), j.requireConsent());
    }

    /** The job's fields (unwrapped into the answer) and one page of its contacts. */
    public JobDetailDto detail(JobDetail d) {
        return new JobDetailDto(job(d.view()), new JobDetailDto.PacingDto(d.pacing().dialsPerSecond(), d.pacing().limitedBy().wire()),
                d.dispositionBreakdown(), d.regionBreakdown(),
                d.contacts().zipWith(d.nextCallableAt(), this::contact).toJavaList(), d.contactsTotal(),
                d.contactsPage(), d.contactsPageSize(), d.contactsHasMore());
    }

    public CallingWindowDto window(Option<CallingWindow> window) {
        return window.isEmpty() ? null : new CallingWindowDto(window.get().startText(), window.get().endText(),
                window.get().dayNames().toJavaList(), window.get().blackoutDateTexts().toJavaList());
    }

    public RetryPolicyDto retryPolicy(RetryPolicy p) {
        return new RetryPolicyDto(p.maxAttempts(), p.retryableStatuses().map(ContactStatus::wire).toJavaList(), p.retryDelaySeconds());
    }

    public String time(Option<Instant> t) {
        return t.map(Instant::toString).getOrNull();
    }

    public CreatedDto created(CreatedJob created) {
        return new CreatedDto(true, created.job().id(), created.totalContacts(), created.job().status().wire(),
                time(created.job().scheduledStartTime()), created.estimatedDurationSeconds(),
                "Batch job created with " + Texts.count(created.totalContacts(), "contact")
                        + (created.skippedCount() > 0 ? " (" + Texts.count(created.skippedCount(), "row") + " skipped)" : ""),
                created.skippedCount(), skippedRows(created.skippedRows()), created.job().parentBatchJobId().getOrNull());
    }

    public List<SkippedRowDto> skippedRows(List<SkippedRow> rows) {
        return rows.stream().map(r -> new SkippedRowDto(r.row(), r.value(), r.reason())).toList();
    }

    public ReceiptDto receipt(CallEventReceipt receipt) {
        return new ReceiptDto(true, receipt.duplicate(), receipt.contact().id(), receipt.contact().status().wire(),
                receipt.contact().attemptCount());
    }

    public DryRunDto dryRun(DryRunReport r) {
        return new DryRunDto(true, true, r.totalContacts(), r.job().status().wire(), time(r.job().scheduledStartTime()),
                r.estimatedDurationSeconds(), window(r.job().callingWindow()), r.skippedCount(), skippedRows(r.skippedRows()),
                r.skippedByReason(), r.timezones(), time(r.firstCallableAt()), r.regions());
    }

    public SuppressionDtos.Added suppressionsAdded(ManageSuppressions.Added a) {
        return new SuppressionDtos.Added(true, a.added(), a.alreadyPresent(), a.skippedCount(), skippedRows(a.skippedRows()));
    }

    public SuppressionDtos.Lookup suppressionLookup(String phoneNumber, Option<Suppressions.Suppression> s) {
        return new SuppressionDtos.Lookup(phoneNumber, s.isDefined(), s.flatMap(Suppressions.Suppression::reason).getOrNull(),
                s.map(x -> x.addedAt().toString()).getOrNull());
    }

    public SuppressionDtos.Page suppressionPage(ManageSuppressions.Page p) {
        return new SuppressionDtos.Page(p.suppressions().map(s -> new SuppressionDtos.Entry(s.phoneNumber(), s.reason().getOrNull(),
                s.addedAt().toString())).toJavaList(), p.total(), p.page(), p.pageSize());
    }

    public FailedEventDto failedEvent(int httpStatus, String code, String message) {
        return new FailedEventDto(false, httpStatus, new ErrorDto.Detail(code, message, null));
    }
}
