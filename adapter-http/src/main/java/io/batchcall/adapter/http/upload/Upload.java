package io.batchcall.adapter.http.upload;

import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.KnownFields;
import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.in.CreateJob;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

import java.io.Closeable;

/**
 * A parsed POST /batch/create: the checked command, the rows (streamed), what to close when done, and whether
 * the body asked for a dry run ({@code dryRun} as a JSON field or form field, like the query parameter).
 */
public record Upload(CreateJob command, ContactRows rows, Closeable resource, boolean dryRun) {

    /** What to make of an upload's fields and its contacts (a create, or contacts added to a job). */
    @FunctionalInterface
    public interface Reader<T> {
        Either<BatchJobError, T> read(RequestFields fields, ContactRows rows, Closeable resource);
    }

    /** The fields of an add to a job (CONTRACT §16): its contacts, and whether to store them. */
    public static final KnownFields ADD = KnownFields.of("the add request", "contacts", "dryRun");

    /** An add's fields read and checked: whether it is a dry run ({@code dryRun} field); on a refusal the rows are closed. */
    public static Either<BatchJobError, Boolean> add(RequestFields f, Closeable resource) {
        f.only(ADD);
        boolean dryRun = f.bool("dryRun", "invalid_dry_run");
        Either<BatchJobError, Boolean> checked = f.then(() -> dryRun);
        if (checked.isLeft()) {
            closeQuietly(resource);
        }
        return checked;
    }

    /** The fields of a create (JSON body or form fields; the contacts are read apart). */
    public static final KnownFields CREATE = KnownFields.of("the create request", "name", "description", "agentId", "fromPhoneNumberId",
                    "concurrentCallLimit", "maxAttempts", "retryableStatuses", "retryDelaySeconds", "scheduledStartTime", "timezone",
                    "callingWindow", "machineAnswerOutcome", "dryRun", "contacts",
                    "fromPhoneNumberIds", "callerIdSelection", "stickyCallerId", "dispositions", "maxCallbacks", "voicemail", "endAt",
                    "requireConsent")
            .ignoring("organizationId");

    /**
     * The create's fields read ({@code f} is a JSON body's fields, or form fields as text) and checked
     * ({@link CreateJob#of}), with the rows to store; on a refusal the rows' resource is closed.
     */
    public static Either<BatchJobError, Upload> of(String organizationId, RequestFields f, ContactRows rows, Closeable resource) {
        f.only(CREATE);
        boolean dryRun = f.bool("dryRun", "invalid_dry_run");
        Either<BatchJobError, Upload> upload = form(organizationId, f).flatMap(CreateJob::of)
                .map(job -> new Upload(job, rows, resource, dryRun));
        if (upload.isLeft()) {
            closeQuietly(resource);
        }
        return upload;
    }

    private static Either<BatchJobError, CreateBatchJobCommand> form(String organizationId, RequestFields f) {
        String name = f.text("name", "missing_name");
        String description = f.text("description", "description_too_long");
        String agentId = f.text("agentId", "invalid_agent_id");
        String from = f.text("fromPhoneNumberId", "missing_from_phone_number_id");
        Integer limit = f.integer("concurrentCallLimit", "invalid_concurrent_call_limit");
        Integer attempts = f.integer("maxAttempts", "invalid_max_attempts");
        var statuses = f.stringList("retryableStatuses", "invalid_retryable_statuses");
        Long delay = f.longValue("retryDelaySeconds", "invalid_retry_delay");
        String start = f.text("scheduledStartTime", "invalid_scheduled_time");
        String zone = f.text("timezone", "invalid_timezone");
        Either<BatchJobError, CreateBatchJobCommand.CallingWindowInput> window = window(f.node("callingWindow"));
        String machine = f.text("machineAnswerOutcome", "invalid_machine_answer_outcome");
        var pool = f.stringList("fromPhoneNumberIds", "invalid_from_phone_number_ids");
        String selection = f.text("callerIdSelection", "invalid_caller_id_selection");
        Boolean sticky = f.optionalBool("stickyCallerId", "invalid_sticky_caller_id");
        Integer maxCallbacks = f.integer("maxCallbacks", "invalid_max_callbacks");
        Either<BatchJobError, java.util.List<java.util.List<String>>> dispositions = dispositions(f.node("dispositions"));
        Either<BatchJobError, CreateBatchJobCommand.VoicemailInput> voicemail = voicemail(f.node("voicemail"));
        String endAt = f.text("endAt", "invalid_end_at");
        Boolean requireConsent = f.optionalBool("requireConsent", "invalid_require_consent");
        return f.then(() -> window).flatMap(w -> w).flatMap(w -> dispositions.flatMap(d -> voicemail.map(v -> new CreateBatchJobCommand(
                organizationId, name, description, agentId, from, limit, attempts, statuses, delay, start, zone, w, machine, pool, selection,
                sticky, d.get(0), d.get(1), maxCallbacks, v, endAt, requireConsent))));
    }

    /**
     * A create field holding a JSON object (in multipart, the same JSON as a form field's text): none when absent or blank;
     * anything but an object is {@code code} with a message naming {@code shape}.
     */
    static Either<BatchJobError, io.vavr.control.Option<RequestFields>> objectField(JsonNode n, String name, String code, String shape) {
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return Either.right(io.vavr.control.Option.none());
        }
        if (n.isTextual()) {
            try {
                n = RequestFields.JSON.readTree(n.asText());
            } catch (java.io.IOException e) {
                n = null;
            }
        }
        if (n == null || !n.isObject()) {
            return RequestFields.invalid(code, name + " must be a JSON object " + shape);
        }
        return Either.right(io.vavr.control.Option.of(RequestFields.json(n)));
    }

    /** The voicemail field (CONTRACT §15): {@code {"action", "message", "outcome"}}; null when absent. */
    static Either<BatchJobError, CreateBatchJobCommand.VoicemailInput> voicemail(JsonNode n) {
        return objectField(n, "voicemail", "invalid_voicemail", "{\"action\", \"message\", \"outcome\"}").flatMap(o -> {
            if (o.isEmpty()) {
                return Either.right(null);
            }
            RequestFields v = o.get().only(KnownFields.of("voicemail", "action", "message", "outcome"));
            String action = v.text("action", "invalid_voicemail");
            String message = v.text("message", "invalid_voicemail");
            String outcome = v.text("outcome", "invalid_voicemail");
            return v.then(() -> new CreateBatchJobCommand.VoicemailInput(action, message, outcome));
        });
    }

    /**
     * The dispositions field (CONTRACT §15): {@code {"final": [...], "optOut": [...]}}; both lists null when absent. The
     * lists' contents are checked with the create.
     */
    static Either<BatchJobError, java.util.List<java.util.List<String>>> dispositions(JsonNode n) {
        return objectField(n, "dispositions", "invalid_dispositions", "{\"final\": [...], \"optOut\": [...]}").flatMap(o -> {
            if (o.isEmpty()) {
                return Either.right(java.util.Arrays.asList(null, null));
            }
            RequestFields d = o.get().only(KnownFields.of("dispositions", "final", "optOut"));
            var finals = d.stringList("final", "invalid_dispositions");
            var optOut = d.stringList("optOut", "invalid_dispositions");
            return d.then(() -> java.util.Arrays.asList(finals, optOut));
        });
    }

    /** The callingWindow field: a JSON object; null when absent. */
    public static Either<BatchJobError, CreateBatchJobCommand.CallingWindowInput> window(JsonNode n) {
        return objectField(n, "callingWindow", "invalid_calling_window", "{\"start\",\"end\",\"days\",\"blackoutDates\"}").flatMap(o -> {
            if (o.isEmpty()) {
                return Either.right(null);
            }
            RequestFields w = o.get();
            String start = w.text("start", "invalid_calling_window");
            String end = w.text("end", "invalid_calling_window");
            var days = w.stringList("days", "invalid_calling_window");
            var blackout = w.stringList("blackoutDates", "invalid_calling_window");
            return w.then(() -> new CreateBatchJobCommand.CallingWindowInput(start, end, days, blackout));
        });
    }

    public static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (java.io.IOException ignored) {
            // a spooled file is deleted at the end of the request anyway
        }
    }
}
