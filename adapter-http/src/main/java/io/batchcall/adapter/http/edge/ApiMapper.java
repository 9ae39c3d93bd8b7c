package io.batchcall.adapter.http.edge;

import io.batchcall.adapter.http.dto.CallingWindowDto;
import io.batchcall.adapter.http.dto.DryRunDto;
import io.batchcall.adapter.http.dto.SuppressionDtos;
import io.batchcall.application.port.in.DryRunReport;
import io.batchcall.application.port.in.ManageSuppressions;
import io.batchcall.application.port.out.Suppressions;
import io.batchcall.domain.window.CallingWindow;

import io.batchcall.adapter.http.dto.CreatedDto;
import io.batchcall.adapter.http.dto.ErrorDto;
import io.batchcall.adapter.http.dto.FailedEventDto;
import io.batchcall.adapter.http.dto.ReceiptDto;
import io.batchcall.adapter.http.dto.SkippedRowDto;
import io.batchcall.application.port.in.CallEventReceipt;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.SkippedRow;

import io.batchcall.adapter.http.dto.ContactDto;
import io.batchcall.adapter.http.dto.JobDetailDto;
import io.batchcall.adapter.http.dto.JobDto;
import io.batchcall.adapter.http.dto.RetryPolicyDto;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.in.JobView;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.job.RetryPolicy;
import io.batchcall.domain.progress.StatusBreakdown;
import io.vavr.control.Option;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;
import org.mapstruct.factory.Mappers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Domain → wire, at the edge. Absent values become JSON null; times ISO-8601 UTC with Z. */
@Mapper
public interface ApiMapper {

    public ApiMapper INSTANCE = Mappers.getMapper(ApiMapper.class);

    @Mapping(target = "errorCode", source = "errorCode", qualifiedByName = "text")
    @Mapping(target = "lastAttemptAt", source = "lastAttemptAt", qualifiedByName = "time")
    @Mapping(target = "nextRetryAt", source = "nextRetryAt", qualifiedByName = "time")
    @Mapping(target = "completedAt", source = "completedAt", qualifiedByName = "time")
    @Mapping(target = "roomName", source = "roomName", qualifiedByName = "text")
    @Mapping(target = "failureReason", source = "failureReason", qualifiedByName = "text")
    @Mapping(target = "callDuration", source = "callDuration", qualifiedByName = "integer")
    @Mapping(target = "timezone", source = "timezone", qualifiedByName = "text")
    @Mapping(target = "nextCallableAt", ignore = true)
    @Mapping(target = "contactData", source = "contactData", qualifiedByName = "data")
    public ContactDto contact(Contact contact);

    /**
     * Contact data as it is: the contact's map is already unmodifiable, and a store's {@code StoredContactData}
     * must reach the JSON writer uncopied so that its text is written as it is (MapStruct would copy it).
     */
    @Named("data")
    default java.util.Map<String, Object> data(java.util.Map<String, Object> data) {
        return data;
    }

    /** A contact with when it can next be dialed (detail pages). */
    default ContactDto contact(Contact contact, Option<Instant> nextCallableAt) {
        ContactDto c = contact(contact);
        return new ContactDto(c.id(), c.phoneNumber(), c.contactData(), c.status(), c.errorCode(), c.attemptCount(), c.maxAttempts(),
                c.lastAttemptAt(), c.nextRetryAt(), c.completedAt(), c.roomName(), c.failureReason(), c.callDuration(), c.timezone(),
                time(nextCallableAt));
    }

    @Mapping(target = "id", source = "job.id")
    @Mapping(target = "name", source = "job.name")
    @Mapping(target = "description", source = "job.description", qualifiedByName = "text")
    @Mapping(target = "status", source = "job.status")
    @Mapping(target = "organizationId", source = "job.organizationId")
    @Mapping(target = "agentId", source = "job.agentId", qualifiedByName = "text")
    @Mapping(target = "fromPhoneNumberId", source = "job.fromPhoneNumberId")
    @Mapping(target = "totalContacts", source = "progress.totalContacts")
    @Mapping(target = "contactsProcessed", source = "progress.contactsProcessed")
    @Mapping(target = "successfulCalls", source = "progress.successfulCalls")
    @Mapping(target = "failedCalls", source = "progress.failedCalls")
    @Mapping(target = "statusBreakdown", source = "progress.statusBreakdown")
    @Mapping(target = "scheduledStartTime", source = "job.scheduledStartTime", qualifiedByName = "time")
    @Mapping(target = "actualStartTime", source = "job.actualStartTime", qualifiedByName = "time")
    @Mapping(target = "completedAt", source = "job.completedAt", qualifiedByName = "time")
    @Mapping(target = "estimatedCompletionTime", source = "estimatedCompletionTime", qualifiedByName = "time")
    @Mapping(target = "estimatedCompletionTimeLow", source = "estimatedCompletionTimeLow", qualifiedByName = "time")
    @Mapping(target = "estimatedCompletionTimeHigh", source = "estimatedCompletionTimeHigh", qualifiedByName = "time")
    @Mapping(target = "baselineEstimatedCompletionTime", source = "baselineEstimatedCompletionTime", qualifiedByName = "time")
    @Mapping(target = "createdAt", source = "job.createdAt")
    @Mapping(target = "concurrentCallLimit", source = "job.concurrentCallLimit")
    @Mapping(target = "retryPolicy", source = "job.retryPolicy")
    @Mapping(target = "callingWindow", source = "job.callingWindow", qualifiedByName = "window")
    @Mapping(target = "parentBatchJobId", source = "job.parentBatchJobId", qualifiedByName = "text")
    @Mapping(target = "machineAnswerOutcome", source = "job.machineAnswerOutcome", qualifiedByName = "outcome")
    public JobDto job(JobView view);

    @Named("outcome")
    default String outcome(Option<ContactStatus> outcome) {
        return outcome == null ? null : outcome.map(ContactStatus::wire).getOrNull();
    }

    @Named("window")
    default CallingWindowDto window(Option<CallingWindow> window) {
        return window == null || window.isEmpty() ? null : new CallingWindowDto(window.get().startText(), window.get().endText(),
                window.get().dayNames().toJavaList(), window.get().blackoutDateTexts().toJavaList());
    }

    default JobDetailDto detail(JobDetail d) {
        JobDto j = job(d.view());
        return new JobDetailDto(j.id(), j.name(), j.description(), j.status(), j.organizationId(), j.agentId(),
                j.fromPhoneNumberId(), j.totalContacts(), j.contactsProcessed(), j.successfulCalls(), j.failedCalls(),
                j.statusBreakdown(), j.scheduledStartTime(), j.actualStartTime(), j.completedAt(),
                j.estimatedCompletionTime(), j.estimatedCompletionTimeLow(), j.estimatedCompletionTimeHigh(),
                j.baselineEstimatedCompletionTime(), j.createdAt(), j.concurrentCallLimit(), j.retryPolicy(), j.callingWindow(), j.parentBatchJobId(),
                j.machineAnswerOutcome(), d.contacts().zipWith(d.nextCallableAt(), this::contact).toJavaList(), d.contactsTotal(), d.contactsPage(),
                d.contactsPageSize(), d.contactsHasMore());
    }

    default RetryPolicyDto retryPolicy(RetryPolicy p) {
        return new RetryPolicyDto(p.maxAttempts(), p.retryableStatuses().map(ContactStatus::wire).toJavaList(), p.retryDelaySeconds());
    }

    default Map<String, Long> breakdown(StatusBreakdown b) {
        return b.toJavaMap();
    }

    default String contactStatus(ContactStatus s) {
        return s.wire();
    }

    default String jobStatus(JobStatus s) {
        return s.wire();
    }

    default String instant(Instant t) {
        return t == null ? null : t.toString();
    }

    @Named("time")
    default String time(Option<Instant> t) {
        return t == null ? null : t.map(Instant::toString).getOrNull();
    }

    @Named("text")
    default String text(Option<String> s) {
        return s == null ? null : s.getOrNull();
    }

    @Named("integer")
    default Integer integer(Option<Integer> i) {
        return i == null ? null : i.getOrNull();
    }

    default CreatedDto created(CreatedJob created) {
        return new CreatedDto(true, created.job().id(), created.totalContacts(), created.job().status().wire(),
                time(created.job().scheduledStartTime()), created.estimatedDurationSeconds(),
                "Batch job created with " + io.batchcall.domain.contact.Texts.count(created.totalContacts(), "contact")
                        + (created.skippedCount() > 0 ? " (" + io.batchcall.domain.contact.Texts.count(created.skippedCount(), "row") + " skipped)" : ""),
                created.skippedCount(), skippedRows(created.skippedRows()), created.job().parentBatchJobId().getOrNull());
    }

    public List<SkippedRowDto> skippedRows(List<SkippedRow> rows);

    @Mapping(target = "success", constant = "true")
    @Mapping(target = "contactId", source = "contact.id")
    @Mapping(target = "status", source = "contact.status")
    @Mapping(target = "attemptCount", source = "contact.attemptCount")
    public ReceiptDto receipt(CallEventReceipt receipt);

    default DryRunDto dryRun(DryRunReport r) {
        return new DryRunDto(true, true, r.totalContacts(), r.job().status().wire(), time(r.job().scheduledStartTime()),
                r.estimatedDurationSeconds(), window(r.job().callingWindow()), r.skippedCount(), skippedRows(r.skippedRows()),
                r.skippedByReason(), r.timezones(), time(r.firstCallableAt()));
    }

    default SuppressionDtos.Added suppressionsAdded(ManageSuppressions.Added a) {
        return new SuppressionDtos.Added(true, a.added(), a.alreadyPresent(), a.skippedCount(), skippedRows(a.skippedRows()));
    }

    default SuppressionDtos.Lookup suppressionLookup(String phoneNumber, Option<Suppressions.Suppression> s) {
        return new SuppressionDtos.Lookup(phoneNumber, s.isDefined(), s.flatMap(Suppressions.Suppression::reason).getOrNull(),
                s.map(x -> x.addedAt().toString()).getOrNull());
    }

    default SuppressionDtos.Page suppressionPage(ManageSuppressions.Page p) {
        return new SuppressionDtos.Page(p.suppressions().map(s -> new SuppressionDtos.Entry(s.phoneNumber(), s.reason().getOrNull(),
                s.addedAt().toString())).toJavaList(), p.total(), p.page(), p.pageSize());
    }

    default FailedEventDto failedEvent(int httpStatus, String code, String message) {
        return new FailedEventDto(false, httpStatus, new ErrorDto.Detail(code, message, null));
    }
}
