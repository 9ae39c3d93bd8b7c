package io.batchcall.adapter.http.job;

import io.batchcall.adapter.http.edge.HttpEdge;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.KnownFields;
import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.adapter.http.upload.Upload;
import io.batchcall.adapter.http.upload.CsvUpload;
import io.batchcall.adapter.http.upload.JsonUpload;
import io.batchcall.adapter.http.dto.ActionDto;
import io.batchcall.adapter.http.dto.JobListDto;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.detail.DetailAnswers;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.ContactRows;
import io.batchcall.application.port.in.DetailQuery;
import io.batchcall.application.port.in.IdempotentCreate;
import io.batchcall.application.port.in.JobAction;
import io.batchcall.application.port.in.JobListQuery;
import io.batchcall.application.port.in.JobActionResult;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/** The job resource: create, list, detail, and the actions (start, cancel, pause, resume, reschedule). */
public final class JobRoutes {

    private final BatchCallEngine engine;
    private final Work work;
    private final DetailAnswers<Buffer> answers;

    /** @param detailCacheBytes bytes of detail answers kept ({@link DetailAnswers}); 0 keeps none */
    public JobRoutes(BatchCallEngine engine, Work work, long detailCacheBytes) {
        this.engine = engine;
        this.work = work;
        this.answers = new DetailAnswers<>(engine.detail, detail -> Replies.serialized(ApiMapper.INSTANCE.detail(detail)),
                KeptAnswers.of(detailCacheBytes), work.executor());
    }

    /**
     * @param jsonBody   reads a JSON body within the memory budget
     * @param uploadBody reads a multipart body, spooling the file to disk
     */
    public void mount(Router router, Handler<RoutingContext> jsonBody, BodyHandler uploadBody) {
        router.post("/batch/create").handler(HttpEdge.jsonOrUpload(jsonBody, uploadBody,
                "Send application/json with a contacts array, or multipart/form-data with a CSV file")).handler(this::create);
        router.post("/batch/jobs/:id/contacts").handler(HttpEdge.jsonOrUpload(jsonBody, uploadBody,
                "Send application/json with a contacts array, or multipart/form-data with a CSV file")).handler(this::addContacts);
        router.get("/batch/jobs").handler(this::list);
        router.get("/batch/jobs/:id").handler(this::detail);
        router.post("/batch/jobs/:id/start").handler(ctx -> action(ctx, Either.right(JobAction.start(Auth.org(ctx), ctx.pathParam("id")))));
        router.post("/batch/jobs/:id/cancel").handler(ctx -> action(ctx, Either.right(JobAction.cancel(Auth.org(ctx), ctx.pathParam("id")))));
        router.post("/batch/jobs/:id/pause").handler(ctx -> action(ctx, Either.right(JobAction.pause(Auth.org(ctx), ctx.pathParam("id")))));
        router.post("/batch/jobs/:id/resume").handler(ctx -> action(ctx, Either.right(JobAction.resume(Auth.org(ctx), ctx.pathParam("id")))));
        router.patch("/batch/jobs/:id/reschedule").handler(jsonBody).handler(this::reschedule);
    }

    /** The query parameters a create reads; the create's fields go in the body (JSON or form fields). */
    private static final KnownFields CREATE_QUERY = KnownFields.of("the create request's query", "dryRun").ignoring("organizationId");

    /** What a create answers: a status and a JSON body, marked when it is the kept answer of an earlier request. */
    private record Reply(int status, io.vertx.core.buffer.Buffer body, boolean replayed) {
        static Reply of(int status, Object dto) {
            return new Reply(status, Replies.serialized(dto), false);
        }

        void send(RoutingContext ctx) {
            if (replayed) {
                // the answer of the first request with this key, sent again (the header Stripe uses)
                ctx.response().putHeader("Idempotent-Replayed", "true");
            }
            Replies.sendJson(ctx, status, body);
        }
    }

    private void create(RoutingContext ctx) {
        String org = Auth.org(ctx);
        Option<UploadRequest> read = UploadRequest.of(ctx, true);
        if (read.isEmpty()) {
            return;
        }
        UploadRequest request = read.get();
        boolean dryRun = request.dryRun();
        String keyHeader = request.key();
        var body = request.body();
        var form = request.form();
        Path csv = request.csv();
        String contentType = request.contentType();
        work.run(ctx, () -> (csv != null ? CsvUpload.parse(org, form, csv) : JsonUpload.parse(org, body)).flatMap(upload -> {
            try (Closeable ignored = upload.resource();
                 io.batchcall.application.support.ReadAhead<io.vavr.control.Either<BatchJobError, ContactRow>> ahead = new io.batchcall.application.support.ReadAhead<>(upload.rows(), 2048, 8)) {
                ContactRows rows = ContactRows.from(ahead);
                if (dryRun || upload.dryRun()) {
                    return engine.create.dryRun(upload.command(), rows).map(r -> Reply.of(200, ApiMapper.INSTANCE.dryRun(r)));
                }
                if (keyHeader == null) {
                    return engine.create.create(upload.command(), rows).map(c -> Reply.of(201, ApiMapper.INSTANCE.created(c)));
                }
                // what "the same request" is: the body bytes (JSON) or the form fields and file (CSV), hashed on this worker
                String hash = RequestHash.of(contentType, body, form, csv);
                return engine.create.create(new IdempotentCreate(upload.command(), keyHeader, hash,
                                c -> Replies.json(ApiMapper.INSTANCE.created(c))), rows)
                        .map(a -> new Reply(201, io.vertx.core.buffer.Buffer.buffer(a.answer()), a.replayed()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), reply -> reply.peekLeft(e -> Replies.error(ctx, e)).forEach(r -> r.send(ctx)));
    }

    /** The answer of an add (CONTRACT §16). */
    public record AddedDto(boolean success, @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Boolean dryRun, long added, long totalContacts, long skippedCount,
                           java.util.List<io.batchcall.adapter.http.dto.SkippedRowDto> skippedRows) {
    }

    /** CONTRACT §16: contacts added to a job, read as a create's (JSON contacts array or CSV file), dryRun and Idempotency-Key alike. */
    private void addContacts(RoutingContext ctx) {
        String org = Auth.org(ctx);
        Option<UploadRequest> read = UploadRequest.of(ctx, false);
        if (read.isEmpty()) {
            return;
        }
        UploadRequest request = read.get();
        String keyHeader = request.key();
        var body = request.body();
        var form = request.form();
        Path csv = request.csv();
        String jobId = ctx.pathParam("id");
        Upload.Reader<Reply> reader = (fields, rows, resource) -> Upload.add(fields, resource).flatMap(dryField -> {
            try (Closeable ignored = resource;
                 io.batchcall.application.support.ReadAhead<io.vavr.control.Either<BatchJobError, ContactRow>> ahead = new io.batchcall.application.support.ReadAhead<>(rows, 2048, 8)) {
                boolean dryRun = request.dryRun() || dryField;
                String hash = keyHeader == null ? "" : RequestHash.of(request.contentType(), body, form, csv);
                return io.batchcall.application.port.in.AddContacts.Command.of(org, jobId, dryRun, keyHeader, hash)
                        .flatMap(command -> engine.addContacts.add(command, ContactRows.from(ahead), added -> Replies.json(new AddedDto(true,
                                added.dryRun() ? Boolean.TRUE : null, added.added(), added.totalContacts(), added.skippedCount(),
                                ApiMapper.INSTANCE.skippedRows(added.skippedRows())))))
                        .map(a -> new Reply(200, io.vertx.core.buffer.Buffer.buffer(a.body()), a.replayed()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        work.run(ctx, () -> csv != null ? CsvUpload.parse(form, csv, reader) : JsonUpload.parse(body, reader),
                reply -> reply.peekLeft(e -> Replies.error(ctx, e)).forEach(r -> r.send(ctx)));
    }

    private void list(RoutingContext ctx) {
        var q = ctx.queryParams();
        work.run(ctx, () -> JobListQuery.parse(Auth.org(ctx), q.get("status"), q.get("page"), q.get("pageSize"), q.get("organizationId"))
                        .flatMap(engine.list::list),
                result -> result.peekLeft(e -> Replies.error(ctx, e)).forEach(list -> Replies.send(ctx, 200, new JobListDto(
                        list.jobs().map(ApiMapper.INSTANCE::job).toJavaList(), list.total(), list.page(), list.pageSize()))));
    }

    /** A kept answer still current is served from the event loop; any other request waits for a shared read ({@link DetailAnswers}). */
    private void detail(RoutingContext ctx) {
        var q = ctx.queryParams();
        Either<BatchJobError, DetailQuery> parsed = DetailQuery.parse(Auth.org(ctx), ctx.pathParam("id"), q.get("contactStatus"),
                q.get("contactDisposition"), q.get("contactsPage"), q.get("contactsPageSize"));
        if (parsed.isLeft()) {
            Replies.error(ctx, parsed.getLeft());
            return;
        }
        Option<Buffer> current = answers.currentNow(parsed.get());
        if (current.isDefined()) {
            Replies.sendJson(ctx, 200, current.get());
            return;
        }
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        answers.answer(parsed.get()).whenComplete((answer, failed) -> context.runOnContext(v -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (failed != null) {
                ctx.fail(failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed);
                return;
            }
            answer.peekLeft(e -> Replies.error(ctx, e)).forEach(body -> Replies.sendJson(ctx, 200, body));
        }));
    }

    private void action(RoutingContext ctx, Either<BatchJobError, JobAction> action) {
        work.run(ctx, () -> action.flatMap(engine.jobs::act).map(r -> action(action.get().verb(), r)),
                result -> result.peekLeft(e -> Replies.error(ctx, e)).forEach(dto -> Replies.send(ctx, 200, dto)));
    }

    /** The answer of an action: what each verb adds to the common fields (CONTRACT §6). */
    private static ActionDto action(JobAction.Verb verb, JobActionResult r) {
        String id = r.job().id();
        String status = r.job().status().wire();
        String message = "Batch job " + verb.done();
        return switch (verb) {
            case START -> new ActionDto(true, message, id, status, r.contactsAffected().getOrElse(0L),
                    r.job().actualStartTime().map(Object::toString).getOrNull(), null, null);
            case CANCEL -> new ActionDto(true, message, id, status, null, null, r.contactsAffected().getOrElse(0L), null);
            case RESCHEDULE -> new ActionDto(true, message, id, status, null, null, null,
                    r.job().scheduledStartTime().map(Object::toString).getOrNull());
            case PAUSE, RESUME -> new ActionDto(true, message, id, status, null, null, null, null);
        };
    }

    /** The new start from the JSON body or the query (the body wins where both give a field). */
    private void reschedule(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        String time = ctx.queryParams().get("scheduledStartTime");
        String zone = ctx.queryParams().get("timezone");
        Either<BatchJobError, JobAction> action = RequestFields.object(ctx.body().buffer(), true, "a JSON object {\"scheduledStartTime\", \"timezone\"}")
                .flatMap(body -> {
                    if (body.isEmpty()) {
                        return JobAction.reschedule(org, id, time, zone);
                    }
                    RequestFields f = RequestFields.json(body.get()).only(KnownFields.of("a reschedule", "scheduledStartTime", "timezone"));
                    String t = f.text("scheduledStartTime", "invalid_scheduled_time");
                    String z = f.text("timezone", "invalid_timezone");
                    return f.then(() -> JobAction.reschedule(org, id, t != null ? t : time, z != null ? z : zone)).flatMap(a -> a);
                });
        action(ctx, action);
    }

    /**
     * What a create and an add read from the request before the body is parsed: the query ({@code dryRun} only), the
     * Idempotency-Key header (checked: a create refuses a bad one here; an add, with its command), and the CSV file of a
     * multipart body. None when the request was answered with its refusal.
     */
    private record UploadRequest(boolean dryRun, String key, Buffer body, io.vertx.core.MultiMap form, Path csv, String contentType) {

        static Option<UploadRequest> of(RoutingContext ctx, boolean checkKey) {
            String dry = ctx.queryParams().get("dryRun");
            String key = ctx.request().getHeader("Idempotency-Key");
            Option<BatchJobError> refused = CREATE_QUERY.check(ctx.queryParams().names())
                    .orElse(() -> dry != null && !dry.isEmpty() && !dry.equalsIgnoreCase("true") && !dry.equalsIgnoreCase("false")
                            ? Option.of(new BatchJobError.InvalidInput("invalid_dry_run", "dryRun must be true or false")) : Option.none())
                    .orElse(() -> key == null || !checkKey ? Option.none() : IdempotentCreate.key(key).swap().toOption());
            if (refused.isDefined()) {
                Replies.error(ctx, refused.get());
                return Option.none();
            }
            FileUpload file = null;
            if (HttpEdge.contentType(ctx).startsWith("multipart/form-data")) {
                file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
                if (file == null) {
                    Replies.error(ctx, 400, "missing_file", "Upload the contact list as a CSV file in the 'file' field");
                    return Option.none();
                }
            }
            Buffer body = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
            return Option.of(new UploadRequest("true".equalsIgnoreCase(dry), key, body, ctx.request().formAttributes(),
                    file == null ? null : Path.of(file.uploadedFileName()), ctx.request().getHeader("Content-Type")));
        }
    }
}
