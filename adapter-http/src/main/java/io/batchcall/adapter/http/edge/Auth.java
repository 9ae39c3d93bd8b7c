package io.batchcall.adapter.http.edge;

import io.batchcall.application.port.out.ApiKeys;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer authentication, before any byte of the body is read: the request is paused while the key is
 * looked up, so an unauthenticated client is answered 401 without its body ever being buffered or
 * spooled. Keys seen recently are answered from memory, on the event loop.
 */
public final class Auth {

    public static final String ORG = "batchcall.organization";
    /** Longer Authorization values are refused without a lookup. */
    private static final int MAX_KEY_LENGTH = 512;

    private final ApiKeys keys;
    private final WorkerExecutor workers;

    public Auth(ApiKeys keys, WorkerExecutor workers) {
        this.keys = keys;
        this.workers = workers;
    }

    public static String org(RoutingContext ctx) {
        return ctx.get(ORG);
    }

    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            refuse(ctx, "Missing API key: send Authorization: Bearer <api key>");
            return;
        }
        String key = header.substring(7).trim();
        if (key.length() > MAX_KEY_LENGTH) {
            refuse(ctx, "Unknown API key");
            return;
        }
        var known = keys.recentOrganizationFor(key);
        if (known.isDefined()) {
            ctx.put(ORG, known.get());
            ctx.next();
            return;
        }
        ctx.request().pause();
        workers.executeBlocking(() -> keys.organizationFor(key), false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else if (ar.result().isEmpty()) {
                refuse(ctx, "Unknown API key");
            } else {
                ctx.put(ORG, ar.result().get());
                ctx.next(); // the body handler that follows resumes the request
            }
        });
    }

    private static void refuse(RoutingContext ctx, String message) {
        Replies.refuseUnread(ctx, 401, "unauthorized", message); // the body, if any, is never kept
    }
}
