package io.batchcall.application.webhook;

import io.batchcall.application.port.out.JobSnapshot;
import io.batchcall.domain.contact.Contact;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.job.BatchJob;
import io.batchcall.domain.job.JobStatus;
import io.batchcall.domain.progress.Progress;
import io.vavr.control.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which events a change produces and what they carry. A pure function of the change: stores call it
 * inside the transaction that writes the change (the outbox), so the event and the change are kept or
 * lost together.
 *
 * <p>Not reported per contact: contacts cancelled in bulk by a cancel or a job failure (the
 * {@code job.cancelled}/{@code job.failed} event carries the figures; the export lists them).
 */
public final class WebhookEvents {

    private WebhookEvents() {
    }

    /** The job event for a status change, if the change is one receivers are told about. */
    public static Option<WebhookEventType> jobEventType(JobStatus before, JobStatus after) {
        if (before == after) {
            return Option.none();
        }
        return switch (after) {
            case RUNNING -> Option.of(before == JobStatus.PAUSED ? WebhookEventType.JOB_RESUMED : WebhookEventType.JOB_STARTED);
            case PAUSED -> Option.of(WebhookEventType.JOB_PAUSED);
            case COMPLETED -> Option.of(WebhookEventType.JOB_COMPLETED);
            case CANCELLED -> Option.of(WebhookEventType.JOB_CANCELLED);
            case FAILED -> Option.of(WebhookEventType.JOB_FAILED);
            default -> Option.none();
        };
    }

    /** The event for a job whose status went from {@code before} to the snapshot's, with its figures after the change. */
    public static Option<PendingEvent> ofJob(JobStatus before, JobSnapshot after) {
        BatchJob job = after.job();
        return jobEventType(before, job.status()).map(type -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("batchJobId", job.id());
            data.put("name", job.name());
            data.put("status", job.status().wire());
            data.put("previousStatus", before.wire());
            Progress p = Progress.of(after.breakdown());
            data.put("totalContacts", p.totalContacts());
            data.put("contactsProcessed", p.contactsProcessed());
            data.put("successfulCalls", p.successfulCalls());
            data.put("failedCalls", p.failedCalls());
            data.put("cancelledCalls", after.breakdown().count(ContactStatus.CANCELLED));
            data.put("statusBreakdown", after.breakdown().toJavaMap());
            data.put("actualStartTime", time(job.actualStartTime()));
            data.put("completedAt", time(job.completedAt()));
            data.put("failureReason", job.failureReason().getOrNull());
            return new PendingEvent(type, job.organizationId(), job.id(), data);
        });
    }

    /** The events one contact change produces: an attempt ended, and/or the contact finished. */
    public static List<PendingEvent> ofContact(BatchJob job, Contact before, Contact after) {
        List<PendingEvent> events = new ArrayList<>(2);
        if (after.endedAttemptOf(before)) {
            Map<String, Object> data = contact(job, after);
            data.put("attempt", after.attemptCount());
            data.put("nextRetryAt", time(after.nextRetryAt()));
            events.add(new PendingEvent(WebhookEventType.CONTACT_ATTEMPT_ENDED, job.organizationId(), job.id(), data));
        }
        if (before.status().isOpen() && !after.status().isOpen()) {
            Map<String, Object> data = contact(job, after);
            data.put("completedAt", time(after.completedAt()));
            data.put("contactData", after.contactData());
            events.add(new PendingEvent(WebhookEventType.CONTACT_FINISHED, job.organizationId(), job.id(), data));
        }
        return events;
    }

    private static Map<String, Object> contact(BatchJob job, Contact c) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("batchJobId", job.id());
        data.put("contactId", c.id());
        data.put("phoneNumber", c.phoneNumber());
        data.put("status", c.status().wire());
        data.put("errorCode", c.errorCode().getOrNull());
        data.put("attemptCount", c.attemptCount());
        data.put("callDuration", c.callDuration().getOrNull());
        data.put("failureReason", c.failureReason().getOrNull());
        data.put("lastAttemptAt", time(c.lastAttemptAt()));
        data.put("callerId", c.callerId().getOrNull());
        // what the last attempt's conversation produced (CONTRACT §15)
        data.put("disposition", c.conversation().disposition().getOrNull());
        data.put("answeredBy", c.conversation().answeredBy().map(io.batchcall.domain.contact.AnsweredBy::wire).getOrNull());
        data.put("callbackAt", c.conversation().callbackAt().getOrNull());
        data.put("outcomeData", c.conversation().outcomeData().getOrNull());
        return data;
    }

    private static String time(Option<Instant> t) {
        return t.map(Instant::toString).getOrNull();
    }
}
