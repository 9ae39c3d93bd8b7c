package io.batchcall.adapter.http;

import io.batchcall.adapter.http.callevent.CallEventRoutes;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Failures;
import io.batchcall.adapter.http.edge.HttpEdge;
import io.batchcall.adapter.http.job.JobRoutes;
import io.batchcall.adapter.http.job.ProgressStreams;
import io.batchcall.adapter.http.result.ResultRoutes;
import io.batchcall.adapter.http.suppression.SuppressionRoutes;
import io.batchcall.adapter.http.webhook.WebhookRoutes;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.dashboard.Dashboard;
import io.batchcall.adapter.http.dashboard.OpenApiDocument;
import io.batchcall.adapter.http.dto.HealthDto;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.out.ApiKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;

/**
 * The REST API of CONTRACT §6 on Vert.x Web, assembled from its parts: {@link HttpEdge} (limits and
 * HTTP-level refusals), {@link Auth}, {@link JobRoutes}, {@link CallEventRoutes}, {@link Failures}.
 * Handlers only translate HTTP → use case → JSON; every use case runs on the named worker pool
 * {@code batchcall-worker}; every 4xx/5xx carries {@code {"success": false, "error": {"code", "message"}}}.
 */
public final class HttpApi {

    /** The logger of the request log: one info line per request (method, route, path, status, ms, organization). */
    public static final String REQUEST_LOG = HttpEdge.REQUEST_LOG;

    private final Vertx vertx;
    private final BatchCallEngine engine;
    private final ApiKeys keys;
    private final Settings settings;
    private final WorkerExecutor workers;
    private final java.util.List<HttpEdge.RequestObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param bodyLimitBytes      largest multipart (CSV) upload, spooled to disk
     * @param uploadsDir          where multipart uploads are spooled (each file deleted at the end of its request)
     * @param jsonLimitBytes      largest JSON body (held in memory)
     * @param bufferedBudgetBytes most bytes of JSON bodies held in memory at once
     * @param workerPoolSize      threads running use cases (match the store's connections)
     * @param idleTimeoutSeconds  a connection silent this long is closed (a stalled upload included)
     * @param detailCacheBytes    bytes of job-detail answers kept to be served again while current (0: none kept)
     */
    public record Settings(long bodyLimitBytes, Path uploadsDir, long jsonLimitBytes, long bufferedBudgetBytes, int workerPoolSize,
                           int idleTimeoutSeconds, long detailCacheBytes) {
        public static final long DEFAULT_JSON_LIMIT = 16L * 1024 * 1024;
        public static final long DEFAULT_BUFFERED_BUDGET = 128L * 1024 * 1024;
        public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
        public static final long DEFAULT_DETAIL_CACHE_BYTES = 32L * 1024 * 1024;

        public Settings(long bodyLimitBytes, Path uploadsDir, long jsonLimitBytes, long bufferedBudgetBytes, int workerPoolSize,
                        int idleTimeoutSeconds) {
            this(bodyLimitBytes, uploadsDir, jsonLimitBytes, bufferedBudgetBytes, workerPoolSize, idleTimeoutSeconds, DEFAULT_DETAIL_CACHE_BYTES);
        }

        public Settings(long bodyLimitBytes, Path uploadsDir) {
            this(bodyLimitBytes, uploadsDir, Math.min(bodyLimitBytes, DEFAULT_JSON_LIMIT), DEFAULT_BUFFERED_BUDGET, 16,
                    DEFAULT_IDLE_TIMEOUT_SECONDS);
        }
    }

    public HttpApi(Vertx vertx, BatchCallEngine engine, ApiKeys keys, Settings settings) {
        this.vertx = vertx;
        this.engine = engine;
        this.keys = keys;
        this.settings = settings;
        this.workers = vertx.createSharedWorkerExecutor("batchcall-worker", settings.workerPoolSize());
    }

    /**
     * The template of the route that answered ({@code /batch/jobs/:id}), never the raw path — a bounded set for
     * logs and metrics; {@code unmatched} for a request no endpoint matched.
     */
    public static String routeTemplate(io.vertx.ext.web.RoutingContext ctx) {
        return HttpEdge.routeTemplate(ctx);
    }

    /** Tells {@code observer} of each request's end (method, route template, status, time) on the routers made after this. */
    public HttpApi observe(HttpEdge.RequestObserver observer) {
        observers.add(observer);
        return this;
    }

    /** Starts an HTTP server with the API's limits and refusals on {@code port} (0 = any free port). */
    public Future<HttpServer> listen(Router router, int port) {
        return vertx.createHttpServer(HttpEdge.serverOptions(settings.idleTimeoutSeconds()))
                .connectionHandler(HttpEdge.CONNECTION)
                .invalidRequestHandler(HttpEdge.INVALID_REQUEST)
                .requestHandler(router)
                .listen(port);
    }

    public Router router() {
        HttpEdge edge = new HttpEdge(settings.jsonLimitBytes(), settings.bufferedBudgetBytes(), observers);
        Work work = new Work(workers);
        Router router = Router.router(vertx);
        router.route().handler(edge::check);
        router.get("/health").handler(ctx -> Replies.send(ctx, 200, new HealthDto("ok")));
        Dashboard.mount(router);
        OpenApiDocument.mount(router);

        router.route("/batch/*").handler(new Auth(keys, workers)::handle);
        BodyHandler uploads = BodyHandler.create(settings.uploadsDir().toString())
                .setBodyLimit(settings.bodyLimitBytes())
                .setDeleteUploadedFilesOnEnd(true)
                .setMergeFormAttributes(false);
        var json = edge.jsonBody();
        new JobRoutes(engine, work, settings.detailCacheBytes()).mount(router, json, uploads);
        new io.batchcall.adapter.http.job.ContactRoutes(engine, work).mount(router, json);
        new CallEventRoutes(engine, work).mount(router, json);
        new SuppressionRoutes(engine, work).mount(router, json, uploads);
        new io.batchcall.adapter.http.consent.ConsentRoutes(engine, work).mount(router, json, uploads);
        new io.batchcall.adapter.http.compliance.CallingRulesRoutes(engine).mount(router);
        new io.batchcall.adapter.http.callerid.CallerIdRoutes(engine, work).mount(router, json);
        new ResultRoutes(engine, work).mount(router, json);
        new WebhookRoutes(engine, work).mount(router, json);
        new ProgressStreams(vertx, engine, work).mount(router);

        Failures failures = new Failures(settings.bodyLimitBytes());
        router.errorHandler(404, ctx -> Replies.error(ctx, 404, "not_found", "No such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
        router.errorHandler(405, ctx -> Replies.error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(400, ctx -> Replies.error(ctx, 400, "bad_request", "The request is malformed (path or parameters)"));
        router.route().failureHandler(failures::handle);
        return router;
    }

    /** Releases the worker pool (the server and Vert.x are closed by their owner). */
    public void close() {
        workers.close();
    }
}
