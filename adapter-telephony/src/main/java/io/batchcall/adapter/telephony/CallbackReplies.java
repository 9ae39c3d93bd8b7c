package io.batchcall.adapter.telephony;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Answers of the providers' callback endpoints, errors in the API's envelope. */
public final class CallbackReplies {

    private CallbackReplies() {
    }

    public static void error(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("success", false).put("error", new JsonObject().put("code", code).put("message", message)).encode());
    }

    public static void noContent(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(204).end();
        }
    }
}
