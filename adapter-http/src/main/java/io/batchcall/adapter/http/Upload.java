package io.batchcall.adapter.http;

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
                RequestFields.text(f, "timezone", "invalid_timezone"));
    }
}
