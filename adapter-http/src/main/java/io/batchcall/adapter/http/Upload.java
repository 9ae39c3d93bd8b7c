package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;

import java.io.Closeable;
import java.util.Iterator;

/** A parsed POST /batch/create: the command, the rows (streamed), and what to close when done. */
record Upload(CreateBatchJobCommand command, Iterator<ContactRow> rows, Closeable resource) {

    static CreateBatchJobCommand command(String organizationId, ObjectNode f) {
        return new CreateBatchJobCommand(organizationId,
                RequestFields.text(f, "name", "missing_name"),
                RequestFields.text(f, "description", "description_too_long"),
                RequestFields.text(f, "agentId", "invalid_agent_id"),
                RequestFields.text(f, "fromPhoneNumberId", "missing_from_phone_number_id"),
                RequestFields.integer(f, "concurrentCallLimit", "invalid_concurrent_call_limit"),
                RequestFields.integer(f, "maxAttempts", "invalid_max_attempts"),
                RequestFields.stringList(f, "retryableStatuses", "invalid_retryable_statuses"),
                RequestFields.longValue(f, "retryDelaySeconds", "invalid_retry_delay"),
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
