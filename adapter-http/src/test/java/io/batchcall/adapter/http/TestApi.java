package io.batchcall.adapter.http;

import io.batchcall.application.EngineHarness;
import io.batchcall.application.memory.InMemoryApiKeys;
import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.service.EngineSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The API on a real socket (any free port) over an in-memory engine with a manual clock, for the HTTP
 * tests: the harness drives the engine, the client speaks HTTP.
 */
final class TestApi implements AutoCloseable, AfterAllCallback {

    final Vertx vertx;
    final EngineHarness harness;
    final HttpServer server;
    final ApiClient client;
    /** Where the API spools uploads: a directory of its own, removed with it, when built by {@link #started}. */
    final Path uploads;

    /**
     * The API started for a test class, with an upload directory of its own; registered as the class's extension
     * ({@code @RegisterExtension static final TestApi app = TestApi.started(...)}), it stops after the class.
     *
     * @param settings the API's settings, given the upload directory
     */
    static TestApi started(EngineSettings engine, Map<String, String> keys, Function<Path, HttpApi.Settings> settings) {
        try {
            Path uploads = Files.createTempDirectory("batchcall-http-test");
            return new TestApi(engine, keys, settings.apply(uploads), uploads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param keys API key → organization */
    TestApi(EngineSettings engine, Map<String, String> keys, HttpApi.Settings settings) {
        this(engine, keys, settings, null);
    }

    private TestApi(EngineSettings engine, Map<String, String> keys, HttpApi.Settings settings, Path uploads) {
        this.uploads = uploads;
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

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        if (uploads != null) {
            try (var paths = Files.walk(uploads)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
