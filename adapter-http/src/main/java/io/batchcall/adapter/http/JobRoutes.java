package io.batchcall.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.ActionDto;
import io.batchcall.adapter.http.dto.JobListDto;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.JobActionResult;
import io.batchcall.application.port.in.JobDetail;
import io.batchcall.application.port.out.IdempotencyKeys;
import java.time.Instant;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vertx.core.Handler;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** The job resource: create, list, detail, and the actions (start, cancel, pause, resume, reschedule). */
final class JobRoutes {

    /** Longest Idempotency-Key accepted. */
    static final int MAX_KEY_LENGTH = 255;

    private final BatchCallEngine engine;
    private final Work work;
    private final IdempotencyKeys idempotency;
    private final DetailAnswers answers;

    /** @param detailCacheBytes bytes of detail answers kept ({@link DetailAnswers}); 0 keeps none */
    JobRoutes(BatchCallEngine engine, Work work, IdempotencyKeys idempotency, long detailCacheBytes) {
        this.engine = engine;
        this.work = work;
        this.idempotency = idempotency;
        this.answers = new DetailAnswers(engine.detail, detailCacheBytes);
    }

    /**
     * @param jsonBody   reads a JSON body within the memory budget
     * @param uploadBody reads a multipart body, spooling the file to disk
     */
    void mount(Router router, Handler<RoutingContext> jsonBody, BodyHandler uploadBody) {
        router.post("/batch/create").handler(HttpEdge.jsonOrUpload(jsonBody, uploadBody,
                "Send application/json with a contacts array, or multipart/form-data with a CSV file")).handler(this::create);
        router.get("/batch/jobs").handler(this::list);
        router.get("/batch/jobs/:id").handler(this::detail);
        router.post("/batch/jobs/:id/start").handler(ctx -> action(ctx, "started", id -> engine.start.start(Auth.org(ctx), id)));
        router.post("/batch/jobs/:id/cancel").handler(ctx -> action(ctx, "cancelled", id -> engine.cancel.cancel(Auth.org(ctx), id)));
        router.post("/batch/jobs/:id/pause").handler(ctx -> action(ctx, "paused", id -> engine.pause.pause(Auth.org(ctx), id)));
        router.post("/batch/jobs/:id/resume").handler(ctx -> action(ctx, "resumed", id -> engine.resume.resume(Auth.org(ctx), id)));
        router.patch("/batch/jobs/:id/reschedule").handler(jsonBody).handler(this::reschedule);
    }

    /** An answer computed on the worker: a status and a body (already JSON for a replay). */
    private record Answer(int status, Object body, boolean replayed) {
        Answer(int status, Object body) {
            this(status, body, false);
        }
    }

    /** The query parameters a create reads; the create's fields go in the body (JSON or form fields). */
    private static final KnownFields CREATE_QUERY = KnownFields.of("the create request's query", "dryRun").ignoring("organizationId");

    private void create(RoutingContext ctx) {
        String org = Auth.org(ctx);
        try {
            CREATE_QUERY.check(ctx.queryParams().names());
        } catch (ApiException unknown) {
            Replies.error(ctx, unknown.status, unknown.code, unknown.getMessage());
            return;
        }
        String dry = ctx.queryParams().get("dryRun");
        if (dry != null && !dry.isEmpty() && !dry.equalsIgnoreCase("true") && !dry.equalsIgnoreCase("false")) {
            Replies.error(ctx, 400, "invalid_dry_run", "dryRun must be true or false");
            return;
        }
        boolean dryRun = "true".equalsIgnoreCase(dry);
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH || key.indexOf('\0') >= 0)) {
            Replies.error(ctx, 400, "invalid_idempotency_key", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        boolean multipart = HttpEdge.contentType(ctx).startsWith("multipart/form-data");
        FileUpload file = null;
        if (multipart) {
            file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
            if (file == null) {
                Replies.error(ctx, 400, "missing_file", "Upload the contact list as a CSV file in the 'file' field");
                return;
            }
        }
        var body = ctx.body().buffer() == null ? io.vertx.core.buffer.Buffer.buffer() : ctx.body().buffer();
        var form = ctx.request().formAttributes();
        Path csv = file == null ? null : Path.of(file.uploadedFileName());
        java.util.function.Supplier<Upload> parse = () -> csv != null ? CsvUpload.parse(org, form, csv) : JsonUpload.parse(org, body);
        work.run(ctx, () -> {
            Upload upload = parse.get();
            if (dryRun || upload.dryRun()) {
                try (Closeable ignored = upload.resource(); ReadAhead<ContactRow> rows = new ReadAhead<>(upload.rows(), 2048, 8)) {
                    return engine.create.dryRun(upload.command(), rows).fold(e -> (Object) e, r -> new Answer(200, ApiMapper.INSTANCE.dryRun(r)));
                }
            }
            if (key == null) {
                return run(upload).fold(e -> (Object) e, created -> new Answer(201, ApiMapper.INSTANCE.created(created)));
            }
            String hash = RequestHash.of(ctx.request().getHeader("Content-Type"), body, form, csv);
            IdempotencyKeys.Claim claim = idempotency.claim(org, key, hash, Instant.now());
            if (claim instanceof IdempotencyKeys.Claim.Replay replay) {
                upload.resource().close();
                return new Answer(201, new RawJson(replay.response()), true);
            }
            if (claim instanceof IdempotencyKeys.Claim.Mismatch) {
                upload.resource().close();
                return new BatchJobError.Conflict("idempotency_key_reused", "This Idempotency-Key was used for a different request");
            }
            if (claim instanceof IdempotencyKeys.Claim.InProgress) {
                upload.resource().close();
                return new BatchJobError.Conflict("idempotency_key_in_use", "A request with this Idempotency-Key is being answered; retry shortly");
            }
            try {
                var result = run(upload);
                if (result.isLeft()) {
                    idempotency.release(org, key);
                    return result.getLeft();
                }
                String json = Replies.json(ApiMapper.INSTANCE.created(result.get()));
                idempotency.complete(org, key, json);
                return new Answer(201, new RawJson(json));
            } catch (RuntimeException | java.io.IOException e) {
                idempotency.release(org, key);
                throw e;
            }
        }, result -> {
            if (result instanceof BatchJobError e) {
                Replies.error(ctx, e);
            } else if (((Answer) result).body() instanceof RawJson raw) {
                if (((Answer) result).replayed()) {
                    // the answer of the first request with this key, sent again (the header Stripe uses)
                    ctx.response().putHeader("Idempotent-Replayed", "true");
                }
                Replies.sendJson(ctx, ((Answer) result).status(), raw.json());
            } else {
                Replies.send(ctx, ((Answer) result).status(), ((Answer) result).body());
            }
        });
    }

    /** A stored answer, sent as it is. */
    private record RawJson(String json) {
    }

    private Either<BatchJobError, CreatedJob> run(Upload upload) throws IOException {
        try (Closeable ignored = upload.resource(); ReadAhead<ContactRow> rows = new ReadAhead<>(upload.rows(), 2048, 8)) {
            return engine.create.create(upload.command(), rows);
        }
    }

    private void list(RoutingContext ctx) {
        var q = ctx.queryParams();
        work.run(ctx, () -> engine.list.list(Auth.org(ctx), q.get("status"), q.get("page"), q.get("pageSize"), q.get("organizationId")),
                result -> result.peekLeft(e -> Replies.error(ctx, e)).forEach(list -> Replies.send(ctx, 200, new JobListDto(
                        list.jobs().map(ApiMapper.INSTANCE::job).toJavaList(), list.total(), list.page(), list.pageSize()))));
    }

    /**
     * A kept detail answer still current is served again from the event loop when the engine can tell from memory;
     * any other request waits for a shared read ({@link DetailAnswers#read}) that begins after it arrived.
     */
    private void detail(RoutingContext ctx) {
        var q = ctx.queryParams();
        var request = new DetailAnswers.Request(Auth.org(ctx), ctx.pathParam("id"), q.get("contactStatus"), q.get("contactsPage"),
                q.get("contactsPageSize"));
        DetailAnswers.Kept kept = answers.kept(request);
        if (kept != null && answers.current(request, kept)) {
            Replies.sendJson(ctx, 200, kept.body());
            return;
        }
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        answers.read(request, () -> answerNow(request)).whenComplete((read, failed) -> context.runOnContext(v -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (failed != null) {
                ctx.fail(failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed);
                return;
            }
            read.answer().peekLeft(e -> Replies.error(ctx, e)).forEach(k -> Replies.sendJson(ctx, 200, k.body()));
        }));
    }

    /**
     * The answer as of now, for a shared read that begins: a kept answer the engine calls current from memory, at
     * once; else read on a worker — where the engine cannot tell from memory (PostgreSQL) and an answer is kept, only
     * the job's row unless it moved; else the whole detail, written once for all who share it.
     */
    private CompletionStage<DetailAnswers.Read> answerNow(DetailAnswers.Request request) {
        DetailAnswers.Kept kept = answers.kept(request);
        if (kept != null && answers.current(request, kept)) {
            return CompletableFuture.completedFuture(new DetailAnswers.Read(Either.right(kept)));
        }
        return work.call(() -> {
            Either<BatchJobError, Option<JobDetail>> read = kept == null || answers.toldFromMemory()
                    ? engine.detail.detail(request.organizationId(), request.jobId(), request.contactStatus(), request.contactsPage(),
                            request.contactsPageSize()).map(Option::some)
                    : engine.detail.detailUnlessCurrent(request.organizationId(), request.jobId(), request.contactStatus(),
                            request.contactsPage(), request.contactsPageSize(), kept.stamp());
            return new DetailAnswers.Read(read.map(d -> d.isEmpty() ? kept
                    : new DetailAnswers.Kept(d.get().stamp().getOrNull(), Replies.serialized(ApiMapper.INSTANCE.detail(d.get())))));
        }).toCompletionStage();
    }

    private void action(RoutingContext ctx, String verb, Function<String, Either<BatchJobError, JobActionResult>> useCase) {
        String id = ctx.pathParam("id");
        work.run(ctx, () -> useCase.apply(id), result -> result.peekLeft(e -> Replies.error(ctx, e))
                .forEach(r -> Replies.send(ctx, 200, action(verb, r))));
    }

    private static ActionDto action(String verb, JobActionResult r) {
        String id = r.job().id();
        String status = r.job().status().wire();
        String message = "Batch job " + verb;
        return switch (verb) {
            case "started" -> new ActionDto(true, message, id, status, r.contactsAffected().getOrElse(0L),
                    r.job().actualStartTime().map(Object::toString).getOrNull(), null, null);
            case "cancelled" -> new ActionDto(true, message, id, status, null, null, r.contactsAffected().getOrElse(0L), null);
            case "rescheduled" -> new ActionDto(true, message, id, status, null, null, null,
                    r.job().scheduledStartTime().map(Object::toString).getOrNull());
            default -> new ActionDto(true, message, id, status, null, null, null, null);
        };
    }

    private void reschedule(RoutingContext ctx) {
        String time = ctx.queryParams().get("scheduledStartTime");
        String zone = ctx.queryParams().get("timezone");
        if (ctx.body().buffer() != null && ctx.body().length() > 0) {
            JsonNode body = RequestFields.parse(ctx.body().buffer());
            if (!body.isObject()) {
                throw ApiException.badRequest("invalid_json", "The body must be a JSON object");
            }
            KnownFields.of("a reschedule", "scheduledStartTime", "timezone").check(() -> body.fieldNames());
            String t = RequestFields.text(body, "scheduledStartTime", "invalid_scheduled_time");
            String z = RequestFields.text(body, "timezone", "invalid_timezone");
            time = t != null ? t : time;
            zone = z != null ? z : zone;
        }
        String at = time;
        String tz = zone;
        action(ctx, "rescheduled", id -> engine.reschedule.reschedule(Auth.org(ctx), id, at, tz));
    }
}
