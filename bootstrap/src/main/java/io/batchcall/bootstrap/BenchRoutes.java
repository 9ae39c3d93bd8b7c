package io.batchcall.bootstrap;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Routes for the benchmark only (BATCHCALL_BENCH_ROUTES=true): never mounted in production. */
final class BenchRoutes {

    private BenchRoutes() {
    }

    static void mount(Router router) {
        // the benchmark's ceiling for the HTTP stack: a fixed JSON body of the requested size, no work
        Map<Integer, Buffer> bodies = new ConcurrentHashMap<>();
        router.get("/bench/static").handler(ctx -> {
            int bytes;
            try {
                bytes = Math.max(16, Math.min(10_000_000, Integer.parseInt(ctx.queryParams().get("bytes"))));
            } catch (NumberFormatException e) {
                bytes = 16;
            }
            Buffer body = bodies.computeIfAbsent(bytes, n -> Buffer.buffer("{\"pad\":\"" + "x".repeat(n - 11) + "\"}"));
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
        });
        router.get("/health/jvm").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Json.encode(JvmFigures.now())));
    }
}
