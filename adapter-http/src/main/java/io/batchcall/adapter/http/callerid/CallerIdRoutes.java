package io.batchcall.adapter.http.callerid;

import io.batchcall.adapter.http.dto.CallerIdDtos;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.KnownFields;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.ManageCallerIds;
import io.batchcall.domain.caller.CallerId;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Caller ids (CONTRACT §14): register or change ({@code PUT}), list, show one, remove. */
public final class CallerIdRoutes {

    static final KnownFields FIELDS = KnownFields.of("a caller id", "phoneNumber", "callsPerSecond", "dailyCap");
    private static final String SHAPE = "{\"phoneNumber\": \"+14155550100\", \"callsPerSecond\": 1, \"dailyCap\": 300}";

    private final ManageCallerIds callerIds;
    private final Work work;

    public CallerIdRoutes(BatchCallEngine engine, Work work) {
        this.callerIds = engine.callerIds;
        this.work = work;
    }

    public void mount(Router router, Handler<RoutingContext> jsonBody) {
        router.put("/batch/caller-ids/:id").handler(jsonBody).handler(this::register);
        router.get("/batch/caller-ids").handler(this::list);
        router.get("/batch/caller-ids/:id").handler(this::get);
        router.delete("/batch/caller-ids/:id").handler(this::remove);
    }

    private void register(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        var body = ctx.body().buffer();
        work.run(ctx, () -> RequestFields.object(body, false, SHAPE).flatMap(b -> {
            RequestFields f = RequestFields.json(b.get()).only(FIELDS);
            String phone = f.text("phoneNumber", "invalid_phone_number");
            Double rate = f.decimal("callsPerSecond", "invalid_calls_per_second");
            Long cap = f.longValue("dailyCap", "invalid_daily_cap");
            // a cap beyond int is out of range as much as one beyond the limit: CallerId.of refuses both alike
            Integer dailyCap = cap == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, cap));
            return f.then(() -> CallerId.of(org, id, phone, rate, dailyCap)).flatMap(c -> c).flatMap(callerIds::register);
        }), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(reg -> Replies.send(ctx, reg.created() ? 201 : 200, dto(reg.callerId()))));
    }

    private void list(RoutingContext ctx) {
        String org = Auth.org(ctx);
        work.run(ctx, () -> callerIds.list(org), r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(all -> Replies.send(ctx, 200,
                new CallerIdDtos.CallerIdList(all.map(CallerIdRoutes::dto).toJavaList(), all.size()))));
    }

    private void get(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        work.run(ctx, () -> callerIds.get(org, id), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(s -> Replies.send(ctx, 200, dto(s))));
    }

    private void remove(RoutingContext ctx) {
        String org = Auth.org(ctx);
        String id = ctx.pathParam("id");
        work.run(ctx, () -> callerIds.remove(org, id), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(removed -> Replies.send(ctx, 200, new CallerIdDtos.Removed(true, removed,
                        "Caller id " + removed + " removed; jobs naming it dial it without its limits"))));
    }

    private static CallerIdDtos.CallerIdDto dto(ManageCallerIds.Shown s) {
        var r = s.callerId();
        var c = r.callerId();
        return new CallerIdDtos.CallerIdDto(c.id(), c.phoneNumber().value(), c.callsPerSecond().getOrNull(), c.dailyCap().getOrNull(),
                r.dialsToday(), s.state().wire(), s.until().map(Object::toString).getOrNull(),
                r.nextDialAt().map(Object::toString).getOrNull(), r.registeredAt().toString());
    }
}
