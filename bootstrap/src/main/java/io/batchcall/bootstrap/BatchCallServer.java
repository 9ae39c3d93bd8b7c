package io.batchcall.bootstrap;

import io.batchcall.adapter.http.HttpApi;
import io.batchcall.adapter.http.webhook.HttpWebhookSender;
import io.batchcall.application.port.in.DeliverWebhooks;
import io.batchcall.application.webhook.RetrySchedule;
import io.batchcall.adapter.telephony.SimulatedDialer;
import io.batchcall.adapter.telephony.WebhookDialer;
import io.batchcall.adapter.telephony.livekit.LiveKitDialer;
import io.batchcall.adapter.telephony.livekit.LiveKitWebhooks;
import io.batchcall.adapter.telephony.twilio.TwilioCallbacks;
import io.batchcall.adapter.telephony.twilio.TwilioDialer;
import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.key.JdbcApiKeys;
import io.batchcall.adapter.persistence.job.JdbcBatchJobs;
import io.batchcall.adapter.persistence.key.JdbcIdempotencyKeys;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.service.EngineSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running batchcall: database, engine, dispatcher timer and HTTP server. Started in an order that
 * loses nothing on failure: the configuration is already checked, the port is bound before a first
 * API key is created, and whatever was opened is closed again if any step fails.
 */
public final class BatchCallServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCallServer.class);

    private final Database db;
    private final Vertx vertx;
    private final HttpApi api;
    private final HttpServer server;
    private final ScheduledThreadPoolExecutor timers;
    private final BatchCallEngine engine;
    private final String generatedKey;

    private BatchCallServer(Database db, Vertx vertx, HttpApi api, HttpServer server, ScheduledThreadPoolExecutor timers,
                            BatchCallEngine engine, String generatedKey) {
        this.db = db;
        this.vertx = vertx;
        this.api = api;
        this.server = server;
        this.timers = timers;
        this.engine = engine;
        this.generatedKey = generatedKey;
    }

    public static BatchCallServer start(Config config) throws IOException {
        Database db = config.dbUrl() == null ? Database.embedded(config.dataDir())
                : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        Vertx vertx = null;
        HttpApi api = null;
        ScheduledThreadPoolExecutor timers = null;
        try {
            SystemTime time = new SystemTime();
            // a number's latest conversation is recorded only for a conversation pause to read (ADR 15)
            JdbcBatchJobs store = new JdbcBatchJobs(db, time, config.conversationPause().isDefined());
            int removed = store.recoverInterruptedImports();
            if (removed > 0) {
                LOG.info("removed {} import(s) interrupted by the previous stop", removed);
            }
            if (config.dbUrl() == null) {
                store.releaseWebhookLeases(); // held by this data directory's previous process, which has stopped
            }
            Path uploads = config.dataDir().resolve("uploads");
            cleanUploads(uploads);

            vertx = Vertx.vertx();
            timers = new ScheduledThreadPoolExecutor(4, r -> {
                Thread t = new Thread(r, "batchcall-engine");
                t.setDaemon(true);
                return t;
            });
            // on stop, pending simulated call reports are dropped: the attempt deadline closes them after a restart
            timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            AtomicReference<BatchCallEngine> engineRef = new AtomicReference<>();
            Metrics metrics = new Metrics();
            metrics.bind(db.pools());
            Dialer dialer = metrics.counting(switch (config.dialer()) {
                case "webhook" -> new WebhookDialer(vertx, config.webhookUrl(), Duration.ofSeconds(5), Duration.ofSeconds(10));
                case "twilio" -> new TwilioDialer(vertx, config.twilio(), Duration.ofSeconds(5), Duration.ofSeconds(15));
                case "livekit" -> new LiveKitDialer(vertx, config.livekit(), time, Duration.ofSeconds(5));
                default -> new SimulatedDialer(config.simSeed(), config.simCallSeconds(), config.simOutcomes(), timers,
                        () -> engineRef.get().callEvents);
            });
            EngineSettings settings = new EngineSettings(config.orgConcurrency(), config.attemptDeadline(), 60, config.maxContactsPerJob(),
                    config.callingWindow(), config.numberAttemptCap()).withPacing(config.dialRate(), config.tickInterval().multipliedBy(2))
                    .withConversationPause(config.conversationPause()).withCallingRules(config.callingRules());
            BatchCallEngine engine = new BatchCallEngine(store, dialer, time, time, settings, timers, new JdbcIdempotencyKeys(db));
            engineRef.set(engine);

            JdbcApiKeys keys = new JdbcApiKeys(db);
            int workers = config.dbUrl() == null ? 8 : config.dbPoolSize();
            api = new HttpApi(vertx, engine, keys, new HttpApi.Settings(config.bodyLimitBytes(), uploads, config.jsonLimitBytes(),
                    HttpApi.Settings.DEFAULT_BUFFERED_BUDGET, workers, HttpApi.Settings.DEFAULT_IDLE_TIMEOUT_SECONDS, config.detailCacheBytes()));
            Router router = api.observe(metrics::requestEnded).router();
            metrics.mount(router);
            mountProviderCallbacks(router, vertx, config, engine);
            if (config.benchRoutes()) {
                BenchRoutes.mount(router);
            }
            HttpServer server = api.listen(router, config.httpPort()).toCompletionStage().toCompletableFuture().join();

            String generated = registerKeys(config, keys, time);
            ScheduledThreadPoolExecutor ticking = timers;
            // passes never overlap: the timer's and those asked for when attempts end; a pass asked for while
            // one runs is run by that one right after it (the lock holder looks at `asked` once it is done)
            java.util.concurrent.locks.ReentrantLock passing = new java.util.concurrent.locks.ReentrantLock();
            java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable pass = () -> {
                while (!ticking.isShutdown() && passing.tryLock()) {
                    try {
                        asked.set(false);
                        metrics.timePass(engine.dispatcher::tick);
                    } catch (RuntimeException e) {
                        LOG.warn("dispatcher pass failed; retrying at the next tick", e);
                    } finally {
                        passing.unlock();
                    }
                    if (!asked.get()) {
                        return;
                    }
                }
            };
            timers.scheduleWithFixedDelay(pass, 0, config.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
            // a freed slot is dialed again at once, not at the next tick: one extra pass at most is waiting
            engine.afterAttemptEnded(() -> {
                if (asked.compareAndSet(false, true) && !ticking.isShutdown()) {
                    try {
                        ticking.execute(pass);
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        // the server is stopping
                    }
                }
            });
            startWebhookDelivery(vertx, engine, config, timers, metrics);
            return new BatchCallServer(db, vertx, api, server, ticking, engine, generated);
        } catch (RuntimeException | Error | IOException e) {
            if (timers != null) {
                timers.shutdownNow();
            }
            if (api != null) {
                api.close();
            }
            if (vertx != null) {
                vertx.close().toCompletionStage().toCompletableFuture().join();
            }
            db.close();
            throw e;
        }
    }

    /**
     * The webhook deliverer: one thread of its own (a slow receiver never holds the dispatcher), a pass
     * again at once while passes find work, else every {@link #WEBHOOK_IDLE_MILLIS}. A stream is leased
     * for 30 s (a stream of a crashed instance waits that long on PostgreSQL); a pass stops sending it after
     * 10 s, and a request takes at most 5 s to connect and 10 s for the answer: within the lease.
     */
    private static void startWebhookDelivery(Vertx vertx, BatchCallEngine engine, Config config, ScheduledThreadPoolExecutor timers,
                                             Metrics metrics) {
        DeliverWebhooks deliverer = metrics.counting(engine.webhookDeliverer(new HttpWebhookSender(vertx, Duration.ofSeconds(5), Duration.ofSeconds(10)),
                new RetrySchedule(config.webhookRetryBase()), WEBHOOK_LEASE, metrics::webhookDelivered));
        Thread thread = new Thread(() -> {
            while (!timers.isShutdown()) {
                int tried = 0;
                try {
                    tried = deliverer.deliverDue();
                } catch (RuntimeException e) {
                    if (timers.isShutdown()) {
                        return;
                    }
                    LOG.warn("webhook delivery pass failed; retrying shortly", e);
                }
                if (tried == 0) {
                    try {
                        Thread.sleep(WEBHOOK_IDLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "batchcall-webhooks");
        thread.setDaemon(true);
        thread.start();
    }

    /** The provider's callbacks (no API key: each is checked by the provider's own signature). */
    private static void mountProviderCallbacks(Router router, Vertx vertx, Config config, BatchCallEngine engine) {
        if (config.twilio() == null && config.livekit() == null) {
            return;
        }
        io.vertx.core.WorkerExecutor workers = vertx.createSharedWorkerExecutor("batchcall-telephony", 8);
        if (config.twilio() != null) {
            new TwilioCallbacks(config.twilio(), () -> engine.callEvents, workers).mount(router);
        }
        if (config.livekit() != null) {
            new LiveKitWebhooks(config.livekit(), () -> engine.callEvents, workers).mount(router);
        }
    }

    static final Duration WEBHOOK_LEASE = Duration.ofSeconds(30);

    /** Pause of the webhook deliverer after a pass that found nothing due. */
    static final long WEBHOOK_IDLE_MILLIS = 100;

    /** Deletes upload files spooled by a previous run that stopped before it could delete them. */
    private static void cleanUploads(Path uploads) throws IOException {
        if (!Files.isDirectory(uploads)) {
            return;
        }
        try (var files = Files.list(uploads)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * Makes the stored configured keys those of BATCHCALL_API_KEYS (a key removed from it stops working);
     * with none configured and none stored, creates one for "default".
     */
    private static String registerKeys(Config config, JdbcApiKeys keys, SystemTime time) {
        Map<String, String> configured = config.apiKeys() == null ? Map.of() : Config.parseKeys(config.apiKeys());
        keys.syncConfigured(configured);
        if (configured.isEmpty() && keys.isEmpty()) {
            String key = time.newApiKey();
            keys.register("default", key, JdbcApiKeys.Source.GENERATED);
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
        api.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        db.close();
    }
}
