package io.batchcall.adapter.http.webhook;

import io.batchcall.application.port.in.DeliveryQuery;
import io.batchcall.application.port.in.WebhookRequest;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.KnownFields;
import com.fasterxml.jackson.databind.JsonNode;
import io.batchcall.adapter.http.dto.WebhookDtos;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.ManageWebhooks;
import io.batchcall.application.webhook.Delivery;
import io.batchcall.application.webhook.WebhookEndpoint;
import io.batchcall.application.webhook.WebhookEventType;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Outbound webhooks (CONTRACT §13): endpoints, their delivery log, replay. */
public final class WebhookRoutes {

    private final ManageWebhooks webhooks;
    private final Work work;

    public WebhookRoutes(BatchCallEngine engine, Work work) {
        this.webhooks = engine.webhooks;
        this.work = work;
    }

    public void mount(Router router, Handler<RoutingContext> jsonBody) {
        router.post("/batch/webhooks").handler(jsonBody).handler(this::create);
        router.get("/batch/webhooks").handler(this::list);
        router.delete("/batch/webhooks/:id").handler(this::remove);
        router.get("/batch/webhooks/:id/deliveries").handler(this::deliveries);
        router.post("/batch/webhooks/:id/deliveries/:deliveryId/replay").handler(this::replay);
    }

    private void create(RoutingContext ctx) {
        String org = Auth.org(ctx);
        var body = ctx.body().buffer();
        work.run(ctx, () -> RequestFields.object(body, false, "{\"url\": \"https://…\", \"events\": [\"job.completed\", …]}").flatMap(b -> {
            RequestFields f = RequestFields.json(b.get()).only(KnownFields.of("a webhook endpoint", "url", "events"));
            JsonNode url = b.get().get("url");
            f.refuse(url == null || !url.isTextual() ? Option.of(new BatchJobError.InvalidInput("invalid_webhook_url",
                    "url is required: an absolute http or https URL")) : Option.none());
            return f.then(() -> events(b.get().get("events"))).flatMap(events -> events)
                    .flatMap(events -> WebhookRequest.of(org, url.asText(), events)).flatMap(webhooks::create);
        }), r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(e -> Replies.send(ctx, 201,
                new WebhookDtos.Created(e.id(), e.url(), wire(e), e.secret(), e.createdAt().toString()))));
    }

    private static Either<BatchJobError, Option<List<String>>> events(JsonNode n) {
        if (n == null || n.isNull()) {
            return Either.right(Option.none());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n.isArray() ? n : List.<JsonNode>of(n)) {
            if (!n.isArray() || !e.isTextual()) {
                return RequestFields.invalid("invalid_webhook_events", "events must be an array of event names");
            }
            out.add(e.asText());
        }
        return Either.right(Option.of(out));
    }

    private void list(RoutingContext ctx) {
        String org = Auth.org(ctx);
        work.run(ctx, () -> webhooks.list(org), r -> Replies.send(ctx, 200, new WebhookDtos.Endpoints(
                r.map(e -> new WebhookDtos.Endpoint(e.id(), e.url(), wire(e), e.createdAt().toString())).toJavaList())));
    }

    private void remove(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        work.run(ctx, () -> webhooks.remove(org, id), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(removed -> Replies.send(ctx, 200, new WebhookDtos.Removed(true, removed))));
    }

    private void deliveries(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        var q = ctx.queryParams();
        work.run(ctx, () -> DeliveryQuery.parse(Option.of(q.get("before")), Option.of(q.get("limit"))).flatMap(query -> webhooks.deliveries(org, id, query)),
                r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(p -> Replies.send(ctx, 200, new WebhookDtos.Deliveries(
                        p.deliveries().map(WebhookRoutes::delivery).toJavaList(), p.nextBefore().map(io.batchcall.application.webhook.Delivery::wireId).getOrNull()))));
    }

    private void replay(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        String deliveryId = ctx.pathParam("deliveryId");
        work.run(ctx, () -> webhooks.replay(org, id, deliveryId), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(d -> Replies.send(ctx, 202, delivery(d))));
    }

    public static WebhookDtos.Delivery delivery(Delivery d) {
        return new WebhookDtos.Delivery(d.wireId(), d.eventId(), d.type().wire(), d.jobId(), d.status().wire(),
                d.attempts(), d.lastResponseCode().getOrNull(), d.lastError().getOrNull(), d.nextAttemptAt().map(Instant::toString).getOrNull(),
                d.createdAt().toString(), d.deliveredAt().map(Instant::toString).getOrNull());
    }

    private static List<String> wire(WebhookEndpoint e) {
        return e.events().stream().sorted().map(WebhookEventType::wire).toList();
    }
}
