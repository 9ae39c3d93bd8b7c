package io.batchcall.adapter.http.job;

import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.GetContactTimeline;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One contact of a job (CONTRACT §15): {@code GET /batch/jobs/{id}/contacts/{contactId}}, its timeline;
 * {@code POST …/callback {"at"}}, a callback asked for by hand ({@code 200 {"success": true, "contact": {…}}}).
 */
public final class ContactRoutes {

    private final BatchCallEngine engine;
    private final Work work;

    public ContactRoutes(BatchCallEngine engine, Work work) {
        this.engine = engine;
        this.work = work;
    }

    /** The fields of a callback request. */
    private static final io.batchcall.adapter.http.edge.KnownFields CALLBACK = io.batchcall.adapter.http.edge.KnownFields.of("a callback", "at");

    public void mount(Router router, io.vertx.core.Handler<RoutingContext> jsonBody) {
        router.get("/batch/jobs/:id/contacts/:contactId").handler(this::timeline);
        router.post("/batch/jobs/:id/contacts/:contactId/callback").handler(jsonBody).handler(this::callback);
        router.post("/batch/jobs/:id/contacts/:contactId/cancel").handler(this::cancel);
    }

    /** One contact taken out of its campaign (CONTRACT §16): no body is read. */
    private void cancel(RoutingContext ctx) {
        work.run(ctx, () -> io.batchcall.application.port.in.CancelContact.Command.of(Auth.org(ctx), ctx.pathParam("id"), ctx.pathParam("contactId"))
                        .flatMap(engine.cancelContact::cancel),
                result -> result.peekLeft(e -> Replies.error(ctx, e))
                        .forEach(contact -> Replies.send(ctx, 200, new ContactReply(true, ApiMapper.INSTANCE.contact(contact)))));
    }

    private void callback(RoutingContext ctx) {
        String org = Auth.org(ctx);
        var command = io.batchcall.adapter.http.edge.RequestFields.object(ctx.body().buffer(), false, "a JSON object {\"at\"}").flatMap(body -> {
            var f = io.batchcall.adapter.http.edge.RequestFields.json(body.get()).only(CALLBACK);
            String at = f.text("at", "invalid_callback");
            return f.then(() -> io.batchcall.application.port.in.ScheduleCallback.Command.of(org, ctx.pathParam("id"), ctx.pathParam("contactId"), at))
                    .flatMap(c -> c);
        });
        work.run(ctx, () -> command.flatMap(engine.callbacks::schedule), result -> result.peekLeft(e -> Replies.error(ctx, e))
                .forEach(contact -> Replies.send(ctx, 200, new ContactReply(true, ApiMapper.INSTANCE.contact(contact)))));
    }

    /** The answer of a callback or a cancel: the contact as it is now. */
    public record ContactReply(boolean success, io.batchcall.adapter.http.dto.ContactDto contact) {
    }

    private void timeline(RoutingContext ctx) {
        work.run(ctx, () -> GetContactTimeline.Query.of(Auth.org(ctx), ctx.pathParam("id"), ctx.pathParam("contactId"))
                        .flatMap(engine.timeline::timeline),
                result -> result.peekLeft(e -> Replies.error(ctx, e)).forEach(t -> Replies.send(ctx, 200, ApiMapper.INSTANCE.timeline(t))));
    }
}
