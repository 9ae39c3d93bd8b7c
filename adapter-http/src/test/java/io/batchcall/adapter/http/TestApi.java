package io.batchcall.adapter.http;

import io.batchcall.application.EngineHarness;
import io.batchcall.application.memory.InMemoryApiKeys;
import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.service.EngineSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.Map;

/**
 * The API on a real socket (any free port) over an in-memory engine with a manual clock, for the HTTP
 * tests: the harness drives the engine, the client speaks HTTP.
 */
final class TestApi implements AutoCloseable {

    final Vertx vertx;
    final EngineHarness harness;
    final HttpServer server;
    final ApiClient client;

    /** @param keys API key → organization */
    TestApi(EngineSettings engine, Map<String, String> keys, HttpApi.Settings settings) {
        vertx = Vertx.vertx();
        harness = new EngineHarness(new InMemoryBatchJobs(), engine);
        InMemoryApiKeys known = new InMemoryApiKeys();
        keys.forEach((key, org) -> known.register(org, key));
        HttpApi http = new HttpApi(vertx, harness.engine, known, settings);
        server = http.listen(http.router(), 0).await();
        client = new ApiClient(server.actualPort());
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close().await();
        vertx.close().await();
    }
}
