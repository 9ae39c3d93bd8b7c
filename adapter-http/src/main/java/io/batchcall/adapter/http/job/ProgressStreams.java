package io.batchcall.adapter.http.job;

import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.adapter.http.dto.JobDto;
import io.batchcall.application.BatchCallEngine;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code GET /batch/jobs/{id}/events} (CONTRACT §13): Server-Sent Events with the job's figures, status
 * and ETA at most once a second while they change, and a {@code final} event when the job is final; then
 * the stream ends. All watchers of one job share one read per second.
 */
public final class ProgressStreams {

    private final Vertx vertx;
    private final BatchCallEngine engine;
    private final Work work;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    /** The watchers of one job and its one poller. */
    private final class Watch {
        final String org;
        final String id;
        final List<HttpServerResponse> clients = new CopyOnWriteArrayList<>();
        volatile String last;
        volatile boolean reading;
        long timer;

        Watch(String org, String id) {
            this.org = org;
            this.id = id;
        }
    }

    public ProgressStreams(Vertx vertx, BatchCallEngine engine, Work work) {
        this.vertx = vertx;
        this.engine = engine;
        this.work = work;
    }

    public void mount(Router router) {
        router.get("/batch/jobs/:id/events").handler(this::watch);
    }

    private void watch(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        work.run(ctx, () -> io.batchcall.application.port.in.DetailQuery.parse(org, id, null, "1", "1").flatMap(engine.detail::detail), result -> {
            if (result.isLeft()) {
                Replies.error(ctx, result.getLeft());
                return;
            }
            HttpServerResponse response = ctx.response().setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            JobDto job = ApiMapper.INSTANCE.job(result.get().view());
            String json = Replies.json(job);
            if (job.status().equals("completed") || job.status().equals("failed") || job.status().equals("cancelled")) {
                response.write(event("progress", json));
                response.end(event("final", json));
                return;
            }
            response.write(event("progress", json));
            Watch w = watches.computeIfAbsent(org + '\u0000' + id, k -> {
                Watch created = new Watch(org, id);
                created.last = json;
                created.timer = vertx.setPeriodic(1000, t -> poll(created));
                return created;
            });
            w.clients.add(response);
            response.closeHandler(v -> leave(w, response));
        });
    }

    private void leave(Watch w, HttpServerResponse response) {
        w.clients.remove(response);
        if (w.clients.isEmpty() && watches.remove(w.org + '\u0000' + w.id, w)) {
            vertx.cancelTimer(w.timer);
        }
    }

    private void stop(Watch w) {
        watches.remove(w.org + '\u0000' + w.id, w);
        vertx.cancelTimer(w.timer);
    }

    private void poll(Watch w) {
        if (w.reading || w.clients.isEmpty()) {
            return;
        }
        w.reading = true;
        work.call(() -> io.batchcall.application.port.in.DetailQuery.parse(w.org, w.id, null, "1", "1").flatMap(engine.detail::detail)).onComplete(ar -> {
            w.reading = false;
            if (ar.failed() || ar.result().isLeft()) {
                // the job is gone (deleted) or the store failed: end the streams
                stop(w);
                w.clients.forEach(r -> {
                    if (!r.closed() && !r.ended()) {
                        r.end();
                    }
                });
                return;
            }
            JobDto job = ApiMapper.INSTANCE.job(ar.result().get().view());
            String json = Replies.json(job);
            boolean done = job.status().equals("completed") || job.status().equals("failed") || job.status().equals("cancelled");
            if (!json.equals(w.last)) {
                w.last = json;
                w.clients.forEach(r -> {
                    if (!r.closed()) {
                        r.write(event("progress", json));
                    }
                });
            }
            if (done) {
                stop(w);
                w.clients.forEach(r -> {
                    if (!r.closed()) {
                        r.end(event("final", json));
                    }
                });
            }
        });
    }

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }
}
