package io.batchcall.adapter.http.job;

import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.GetContactTimeline;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** One contact of a job (CONTRACT §15): {@code GET /batch/jobs/{id}/contacts/{contactId}}, its timeline. */
public final class ContactRoutes {

    private final BatchCallEngine engine;
    private final Work work;

    public ContactRoutes(BatchCallEngine engine, Work work) {
        this.engine = engine;
        this.work = work;
    }

    public void mount(Router router) {
        router.get("/batch/jobs/:id/contacts/:contactId").handler(this::timeline);
    }

    private void timeline(RoutingContext ctx) {
        work.run(ctx, () -> GetContactTimeline.Query.of(Auth.org(ctx), ctx.pathParam("id"), ctx.pathParam("contactId"))
                        .flatMap(engine.timeline::timeline),
                result -> result.peekLeft(e -> Replies.error(ctx, e)).forEach(t -> Replies.send(ctx, 200, ApiMapper.INSTANCE.timeline(t))));
    }
}
