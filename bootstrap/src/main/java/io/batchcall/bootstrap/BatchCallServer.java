package io.batchcall.bootstrap;

import io.batchcall.adapter.http.HttpApi;
import io.batchcall.adapter.http.WebhookDialer;
import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.JdbcApiKeys;
import io.batchcall.adapter.persistence.JdbcBatchJobs;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.service.EngineSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One running batchcall: database, engine, dispatcher timer and HTTP server. */
public final class BatchCallServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCallServer.class);

    private final Database db;
    private final Vertx vertx;
    private final HttpServer server;
    private final ScheduledExecutorService timers;
    private final BatchCallEngine engine;
    private final String generatedKey;

    private BatchCallServer(Database db, Vertx vertx, HttpServer server, ScheduledExecutorService timers,
                            BatchCallEngine engine, String generatedKey) {
        this.db = db;
        this.vertx = vertx;
        this.server = server;
        this.timers = timers;
        this.engine = engine;
        this.generatedKey = generatedKey;
    }

    public static BatchCallServer start(Config config) throws IOException {
        Files.createDirectories(config.dataDir());
        Database db = config.dbUrl() == null ? Database.embedded(config.dataDir())
                : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        try {
            SystemTime time = new SystemTime();
            JdbcBatchJobs store = new JdbcBatchJobs(db);
            store.recoverInterruptedImports();
            cleanUploads(config.dataDir().resolve("uploads"));
            JdbcApiKeys keys = new JdbcApiKeys(db);
            String generated = registerKeys(config, keys, time);

            Vertx vertx = Vertx.vertx();
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(4, r -> {
                Thread t = new Thread(r, "batchcall-engine");
                t.setDaemon(true);
                return t;
            });
            // on stop, pending simulated call reports are dropped: the attempt deadline closes them after a restart
            timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            AtomicReference<BatchCallEngine> engineRef = new AtomicReference<>();
            Dialer dialer = switch (config.dialer()) {
                case "simulated" -> new SimulatedDialer(config.simSeed(), config.simCallSeconds(), config.simOutcomes(), timers,
                        () -> engineRef.get().callEvents);
                case "webhook" -> {
                    if (config.webhookUrl() == null) {
                        throw new IllegalArgumentException("BATCHCALL_DIALER=webhook needs BATCHCALL_DIALER_WEBHOOK_URL");
                    }
                    yield new WebhookDialer(vertx, config.webhookUrl(), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10));
                }
                default -> throw new IllegalArgumentException("BATCHCALL_DIALER must be simulated or webhook, got " + config.dialer());
            };
            EngineSettings settings = new EngineSettings(config.orgConcurrency(), config.attemptDeadline(), 60, config.maxContactsPerJob());
            BatchCallEngine engine = new BatchCallEngine(store, dialer, time, time, settings);
            engineRef.set(engine);

            HttpApi api = new HttpApi(vertx, engine, keys, new HttpApi.Settings(config.bodyLimitBytes(), config.dataDir().resolve("uploads"), config.benchRoutes()));
            HttpServer server = vertx.createHttpServer().requestHandler(api.router())
                    .listen(config.httpPort()).toCompletionStage().toCompletableFuture().join();

            timers.scheduleWithFixedDelay(() -> {
                try {
                    engine.dispatcher.tick();
                } catch (RuntimeException e) {
                    LOG.warn("dispatcher pass failed; retrying at the next tick", e);
                }
            }, 0, config.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
            return new BatchCallServer(db, vertx, server, timers, engine, generated);
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    /** Deletes upload files spooled by a previous run that stopped before it could delete them. */
    private static void cleanUploads(java.nio.file.Path uploads) throws IOException {
        if (!Files.isDirectory(uploads)) {
            return;
        }
        try (var files = Files.list(uploads)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Registers configured keys; with none configured and none stored, creates one for "default". */
    private static String registerKeys(Config config, JdbcApiKeys keys, SystemTime time) {
        if (config.apiKeys() != null) {
            for (String pair : config.apiKeys().split(",")) {
                String[] parts = pair.trim().split(":", 2);
                if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new IllegalArgumentException("BATCHCALL_API_KEYS must be orgId:key[,orgId:key...]");
                }
                keys.register(parts[0].trim(), parts[1].trim());
            }
            return null;
        }
        if (keys.isEmpty()) {
            String key = time.newApiKey();
            keys.register("default", key);
            return key;
        }
        return null;
    }

    public int port() {
        return server.actualPort();
    }

    public BatchCallEngine engine() {
        return engine;
    }

    /** The key generated on first start (null when keys were configured or already stored). */
    public String generatedKey() {
        return generatedKey;
    }

    @Override
    public void close() {
        timers.shutdown();
        try {
            timers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        db.close();
    }
}
