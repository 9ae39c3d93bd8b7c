package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;

import java.io.Closeable;
import java.util.Iterator;

/**
 * A parsed POST /batch/create: the command, the rows (streamed), what to close when done, and whether the
 * body asked for a dry run ({@code dryRun} as a JSON field or form field, like the query parameter).
 */
record Upload(CreateBatchJobCommand command, Iterator<ContactRow> rows, Closeable resource, boolean dryRun) {

    /** The fields of a create (JSON body or form fields; the contacts are read apart). */
    static final KnownFields CREATE = KnownFields.of("the create request", "name", "description", "agentId", "fromPhoneNumberId",
                    "concurrentCallLimit", "maxAttempts", "retryableStatuses", "retryDelaySeconds", "scheduledStartTime", "timezone",
                    "callingWindow", "machineAnswerOutcome", "dryRun", "contacts")
            .ignoring("organizationId")
            .unsupported(java.util.Map.of("fromPhoneNumberIds", "CONTRACT §14, caller-ID pools", "callerIdSelection", "CONTRACT §14",
                    "stickyCallerId", "CONTRACT §14", "dispositions", "CONTRACT §15", "voicemail", "CONTRACT §15",
                    "maxCallbacks", "CONTRACT §15", "endAt", "CONTRACT §16", "requireConsent", "CONTRACT §17, consent"));

    /**
     * @param form whether the fields came as form fields (text only: numbers and booleans are read from text);
     *             in JSON a number given as a string is refused with the field's code
     */
    static Upload of(String organizationId, ObjectNode f, boolean form, Iterator<ContactRow> rows, Closeable resource) {
        CREATE.check(() -> f.fieldNames());
        boolean dryRun = RequestFields.bool(f, "dryRun", "invalid_dry_run", form);
        return new Upload(command(organizationId, f, form), rows, resource, dryRun);
    }

    static CreateBatchJobCommand command(String organizationId, ObjectNode f, boolean form) {
        return new CreateBatchJobCommand(organizationId,
                RequestFields.text(f, "name", "missing_name"),
                RequestFields.text(f, "description", "description_too_long"),
                RequestFields.text(f, "agentId", "invalid_agent_id"),
                RequestFields.text(f, "fromPhoneNumberId", "missing_from_phone_number_id"),
                RequestFields.integer(f, "concurrentCallLimit", "invalid_concurrent_call_limit", form),
                RequestFields.integer(f, "maxAttempts", "invalid_max_attempts", form),
                RequestFields.stringList(f, "retryableStatuses", "invalid_retryable_statuses"),
                RequestFields.longValue(f, "retryDelaySeconds", "invalid_retry_delay", form),
                RequestFields.text(f, "scheduledStartTime", "invalid_scheduled_time"),
                RequestFields.text(f, "timezone", "invalid_timezone"),
                window(f.get("callingWindow")),
                RequestFields.text(f, "machineAnswerOutcome", "invalid_machine_answer_outcome"));
    }

    /** The callingWindow field: a JSON object (in multipart, the same JSON as a form field); null when absent. */
    static CreateBatchJobCommand.CallingWindowInput window(JsonNode n) {
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        if (n.isTextual()) {
            try {
                n = RequestFields.JSON.readTree(n.asText());
            } catch (java.io.IOException e) {
                throw ApiException.badRequest("invalid_calling_window", "callingWindow must be a JSON object {\"start\",\"end\",\"days\",\"blackoutDates\"}");
            }
        }
        if (n == null || !n.isObject()) {
            throw ApiException.badRequest("invalid_calling_window", "callingWindow must be an object {\"start\",\"end\",\"days\",\"blackoutDates\"}");
        }
        return new CreateBatchJobCommand.CallingWindowInput(RequestFields.text(n, "start", "invalid_calling_window"),
                RequestFields.text(n, "end", "invalid_calling_window"), RequestFields.stringList(n, "days", "invalid_calling_window"),
                RequestFields.stringList(n, "blackoutDates", "invalid_calling_window"));
    }
}
