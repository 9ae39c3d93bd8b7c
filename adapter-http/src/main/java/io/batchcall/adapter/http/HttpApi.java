package io.batchcall.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.JobListDto;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.CallEvent;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreatedJob;
import io.batchcall.application.port.in.JobActionResult;
import io.batchcall.application.port.out.ApiKeys;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The REST API of CONTRACT §6 on Vert.x Web. Handlers only translate: HTTP → use case → JSON.
 * Every use case runs on a worker thread (JDBC never blocks the event loop); every 4xx/5xx carries
 * {@code {"success": false, "error": {"code", "message"}}}.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String ORG = "batchcall.organization";

    private final Vertx vertx;
    private final BatchCallEngine engine;
    private final ApiKeys keys;
    private final Settings settings;

    /**
     * @param bodyLimitBytes largest accepted request body (a CSV upload included)
     * @param uploadsDir     where multipart uploads are spooled (deleted at the end of each request)
     */
    public record Settings(long bodyLimitBytes, Path uploadsDir, boolean benchRoutes) {
        public Settings(long bodyLimitBytes, Path uploadsDir) {
            this(bodyLimitBytes, uploadsDir, false);
        }
    }

    public HttpApi(Vertx vertx, BatchCallEngine engine, ApiKeys keys, Settings settings) {
        this.vertx = vertx;
        this.engine = engine;
        this.keys = keys;
        this.settings = settings;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> send(ctx, 200, Map.of("status", "ok")));
        router.get("/health/jvm").handler(ctx -> send(ctx, 200, JvmFigures.now()));
        if (settings.benchRoutes()) {
            // the benchmark's ceiling for the HTTP stack: a fixed JSON body of the requested size, no work
            Map<Integer, io.vertx.core.buffer.Buffer> bodies = new java.util.concurrent.ConcurrentHashMap<>();
            router.get("/bench/static").handler(ctx -> {
                int bytes = Math.max(16, Math.min(10_000_000, Integer.parseInt(ctx.queryParams().get("bytes"))));
                io.vertx.core.buffer.Buffer body = bodies.computeIfAbsent(bytes,
                        n -> io.vertx.core.buffer.Buffer.buffer("{\"pad\":\"" + "x".repeat(n - 11) + "\"}"));
                ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
            });
        }

        BodyHandler body = BodyHandler.create(settings.uploadsDir().toString())
                .setBodyLimit(settings.bodyLimitBytes())
                .setDeleteUploadedFilesOnEnd(true)
                .setMergeFormAttributes(true);
        router.route("/batch/*").handler(body);
        router.route("/batch/*").handler(this::authenticate);

        router.post("/batch/create").handler(this::create);
        router.get("/batch/jobs").handler(this::list);
        router.get("/batch/jobs/:id").handler(this::detail);
        router.post("/batch/jobs/:id/start").handler(ctx -> action(ctx, "started",
                id -> engine.start.start(org(ctx), id), r -> Map.of("contactsEnqueued", r.contactsAffected().getOrElse(0L),
                        "startedAt", r.job().actualStartTime().map(Object::toString).getOrElse(""))));
        router.post("/batch/jobs/:id/cancel").handler(ctx -> action(ctx, "cancelled",
                id -> engine.cancel.cancel(org(ctx), id), r -> Map.of("contactsCancelled", r.contactsAffected().getOrElse(0L))));
        router.post("/batch/jobs/:id/pause").handler(ctx -> action(ctx, "paused",
                id -> engine.pause.pause(org(ctx), id), r -> Map.of()));
        router.post("/batch/jobs/:id/resume").handler(ctx -> action(ctx, "resumed",
                id -> engine.resume.resume(org(ctx), id), r -> Map.of()));
        router.patch("/batch/jobs/:id/reschedule").handler(this::reschedule);
        router.post("/batch/call-events").handler(this::callEvent);

        router.errorHandler(404, ctx -> error(ctx, 404, "not_found", "No such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.route().failureHandler(this::failure);
        return router;
    }

    // ------------------------------------------------------------------ handlers

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            error(ctx, 401, "unauthorized", "Missing API key: send Authorization: Bearer <api key>");
            return;
        }
        String key = header.substring(7).trim();
        blocking(ctx, () -> keys.organizationFor(key), org -> {
            if (org.isEmpty()) {
                error(ctx, 401, "unauthorized", "Unknown API key");
            } else {
                ctx.put(ORG, org.get());
                ctx.next();
            }
        });
    }

    private void create(RoutingContext ctx) {
        String type = contentType(ctx);
        String org = org(ctx);
        if (type.startsWith("application/json")) {
            blocking(ctx, () -> run(CreateRequests.fromJson(org, ctx.body().buffer() == null ? io.vertx.core.buffer.Buffer.buffer() : ctx.body().buffer())),
                    result -> respondCreated(ctx, result));
        } else if (type.startsWith("multipart/form-data")) {
            FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
            if (file == null) {
                error(ctx, 400, "missing_file", "Upload the contact list as a CSV file in the 'file' field");
                return;
            }
            blocking(ctx, () -> run(CreateRequests.fromCsv(org, ctx.request().formAttributes(), Path.of(file.uploadedFileName()))),
                    result -> respondCreated(ctx, result));
        } else {
            error(ctx, 415, "unsupported_media_type", "Send application/json with a contacts array, or multipart/form-data with a CSV file");
        }
    }

    private Either<BatchJobError, CreatedJob> run(CreateRequests.Parsed parsed) throws IOException {
        try (Closeable ignored = parsed.resource(); ReadAhead<ContactRow> rows = new ReadAhead<>(parsed.rows(), 2048, 8)) {
            return engine.create.create(parsed.command(), rows);
        }
    }

    private void respondCreated(RoutingContext ctx, Either<BatchJobError, CreatedJob> result) {
        result.peekLeft(e -> error(ctx, e)).forEach(created -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("batchJobId", created.job().id());
            body.put("totalContacts", created.totalContacts());
            body.put("status", created.job().status().wire());
            body.put("scheduledStartTime", created.job().scheduledStartTime().map(Object::toString).getOrNull());
            body.put("estimatedDuration", created.estimatedDurationSeconds());
            body.put("message", "Batch job created with " + created.totalContacts() + " contacts"
                    + (created.skippedCount() > 0 ? " (" + created.skippedCount() + " row(s) skipped)" : ""));
            body.put("skippedCount", created.skippedCount());
            body.put("skippedRows", created.skippedRows());
            send(ctx, 201, body);
        });
    }

    private void list(RoutingContext ctx) {
        var q = ctx.queryParams();
        blocking(ctx, () -> engine.list.list(org(ctx), q.get("status"), q.get("page"), q.get("pageSize"), q.get("organizationId")),
                result -> result.peekLeft(e -> error(ctx, e)).forEach(list -> send(ctx, 200, new JobListDto(
                        list.jobs().map(ApiMapper.INSTANCE::job).toJavaList(), list.total(), list.page(), list.pageSize()))));
    }

    private void detail(RoutingContext ctx) {
        var q = ctx.queryParams();
        blocking(ctx, () -> engine.detail.detail(org(ctx), ctx.pathParam("id"), q.get("contactStatus"), q.get("contactsPage"),
                        q.get("contactsPageSize")),
                result -> result.peekLeft(e -> error(ctx, e)).forEach(d -> send(ctx, 200, ApiMapper.INSTANCE.detail(d))));
    }

    private void action(RoutingContext ctx, String verb, Function<String, Either<BatchJobError, JobActionResult>> useCase,
                        Function<JobActionResult, Map<String, Object>> extra) {
        String id = ctx.pathParam("id");
        blocking(ctx, () -> useCase.apply(id), result -> result.peekLeft(e -> error(ctx, e)).forEach(r -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("message", "Batch job " + verb);
            body.put("batchJobId", r.job().id());
            body.put("status", r.job().status().wire());
            body.putAll(extra.apply(r));
            send(ctx, 200, body);
        }));
    }

    private void reschedule(RoutingContext ctx) {
        String time = ctx.queryParams().get("scheduledStartTime");
        String zone = ctx.queryParams().get("timezone");
        JsonNode body = optionalJsonBody(ctx);
        if (body != null) {
            time = Option.of(CreateRequests.text(body, "scheduledStartTime", "invalid_scheduled_time")).getOrElse(time);
            zone = Option.of(CreateRequests.text(body, "timezone", "invalid_timezone")).getOrElse(zone);
        }
        String at = time;
        String tz = zone;
        action(ctx, "rescheduled", id -> engine.reschedule.reschedule(org(ctx), id, at, tz),
                r -> Map.of("scheduledStartTime", r.job().scheduledStartTime().map(Object::toString).getOrElse("")));
    }

    private void callEvent(RoutingContext ctx) {
        JsonNode b = optionalJsonBody(ctx);
        if (b != null && b.isArray()) {
            callEvents(ctx, b);
            return;
        }
        if (b == null || !b.isObject()) {
            error(ctx, 400, "invalid_json", "The body must be a JSON object (or an array of them)");
            return;
        }
        CallEvent event = toEvent(b);
        blocking(ctx, () -> engine.callEvents.record(org(ctx), event), result -> result.peekLeft(e -> error(ctx, e))
                .forEach(r -> send(ctx, 200, receipt(r))));
    }

    /** Extension: an array of events answered with one result per event, in order (HTTP 200 overall). */
    private void callEvents(RoutingContext ctx, JsonNode array) {
        java.util.List<CallEvent> events = new java.util.ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isObject()) {
                error(ctx, 400, "invalid_json", "Every element of the array must be a call event object");
                return;
            }
            events.add(toEvent(item));
        }
        blocking(ctx, () -> engine.callEvents.recordAll(org(ctx), io.vavr.collection.List.ofAll(events)), results -> {
            java.util.List<Object> out = new java.util.ArrayList<>();
            for (var r : results) {
                if (r.isRight()) {
                    out.add(receipt(r.get()));
                } else {
                    Map<String, Object> err = new LinkedHashMap<>();
                    err.put("code", r.getLeft().code());
                    err.put("message", r.getLeft().message());
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("success", false);
                    item.put("httpStatus", ApiErrors.status(r.getLeft()));
                    item.put("error", err);
                    out.add(item);
                }
            }
            send(ctx, 200, Map.of("success", true, "results", out));
        });
    }

    private static Map<String, Object> receipt(io.batchcall.application.port.in.CallEventReceipt r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("duplicate", r.duplicate());
        body.put("contactId", r.contact().id());
        body.put("status", r.contact().status().wire());
        body.put("attemptCount", r.contact().attemptCount());
        return body;
    }

    private static CallEvent toEvent(JsonNode b) {
        return new CallEvent(CreateRequests.text(b, "batchJobId", "invalid_event"),
                CreateRequests.text(b, "contactId", "invalid_event"),
                CreateRequests.integer(b, "attempt", "invalid_event"),
                CreateRequests.text(b, "type", "invalid_event"),
                CreateRequests.text(b, "outcome", "invalid_outcome"),
                CreateRequests.integer(b, "sipCode", "invalid_event"),
                CreateRequests.integer(b, "callDuration", "invalid_event"),
                CreateRequests.text(b, "roomName", "invalid_event"),
                CreateRequests.text(b, "failureReason", "invalid_event"));
    }

    // ------------------------------------------------------------------ plumbing

    private static String org(RoutingContext ctx) {
        return ctx.get(ORG);
    }

    private static String contentType(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        return type == null ? "" : type.toLowerCase(java.util.Locale.ROOT).trim();
    }

    /** The body as JSON if there is one; 400 invalid_json if it is not JSON. */
    private static JsonNode optionalJsonBody(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().length() == 0) {
            return null;
        }
        try {
            return CreateRequests.JSON.readTree(new BufferInputStream(ctx.body().buffer()));
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "Malformed JSON: " + CreateRequests.firstLine(e.getMessage()));
        }
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> work, java.util.function.Consumer<T> then) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ctx.response().ended()) {
                return;
            }
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                try {
                    then.accept(ar.result());
                } catch (RuntimeException e) {
                    ctx.fail(e);
                }
            }
        });
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable t = ctx.failure();
        if (t instanceof ApiException api) {
            error(ctx, api.status, api.code, api.getMessage());
            return;
        }
        int status = ctx.statusCode();
        if (t == null || status == 413) {
            switch (status) {
                case 413 -> error(ctx, 413, "payload_too_large", "The request body exceeds " + settings.bodyLimitBytes() + " bytes");
                case 404 -> error(ctx, 404, "not_found", "Not found");
                case 405 -> error(ctx, 405, "method_not_allowed", "Method not allowed");
                case 400 -> error(ctx, 400, "bad_request", "Bad request");
                case 401 -> error(ctx, 401, "unauthorized", "Unauthorized");
                case 415 -> error(ctx, 415, "unsupported_media_type", "Unsupported media type");
                default -> internal(ctx, t);
            }
            return;
        }
        internal(ctx, t);
    }

    private void internal(RoutingContext ctx, Throwable t) {
        String ref = UUID.randomUUID().toString();
        LOG.error("request {} {} failed [correlationId={}]", ctx.request().method(), ctx.request().path(), ref, t);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", "internal_error");
        err.put("message", "Internal error; quote correlation id " + ref + " when reporting it");
        err.put("correlationId", ref);
        send(ctx, 500, Map.of("success", false, "error", err));
    }

    private static void error(RoutingContext ctx, BatchJobError e) {
        error(ctx, ApiErrors.status(e), e.code(), e.message());
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", code);
        err.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", err);
        send(ctx, status, body);
    }

    private static void send(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = CreateRequests.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(io.vertx.core.buffer.Buffer.buffer(bytes));
    }
}
