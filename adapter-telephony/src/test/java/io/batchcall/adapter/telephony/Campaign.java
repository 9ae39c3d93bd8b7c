package io.batchcall.adapter.telephony;

import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.memory.ManualTimeSource;
import io.batchcall.application.memory.SequentialIds;
import io.batchcall.application.port.in.ContactRow;
import io.batchcall.application.port.in.CreateBatchJobCommand;
import io.batchcall.application.port.out.Dialer;
import io.batchcall.application.service.EngineSettings;
import io.batchcall.domain.contact.Contact;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * An engine (in-memory store, manual clock) dialing through a real provider adapter, and this server's
 * side of the provider's callbacks on a real socket: what a batchcall server is, for the provider tests.
 */
public final class Campaign implements AutoCloseable {

    public final Vertx vertx = Vertx.vertx();
    public final ManualTimeSource clock = new ManualTimeSource(Instant.parse("2026-03-02T15:00:00Z"));
    final ExecutorService completions = Executors.newSingleThreadExecutor();
    final InMemoryBatchJobs store = new InMemoryBatchJobs();
    public final BatchCallEngine engine;
    public final HttpServer callbacks;

    /** Mounts a provider's callback routes on this server's router. */
    public interface Mount {
        void mount(Router router, String publicUrl, java.util.function.Supplier<io.batchcall.application.port.in.RecordCallEvent> events,
                   io.vertx.core.WorkerExecutor workers);
    }

    /** @param dialer made once the callback server listens, from its public URL */
    public Campaign(Function<String, Dialer> dialer, Mount mount) {
        this(dialer, mount, null);
    }

    /**
     * @param realTime the real clock, for a campaign paced in real time ({@link #runInRealTimeUntil}); null: the manual
     *                 clock, moved by {@link #runUntil}
     */
    public Campaign(Function<String, Dialer> dialer, Mount mount, io.batchcall.application.port.out.TimeSource realTime) {
        Router router = Router.router(vertx);
        callbacks = vertx.createHttpServer().requestHandler(router).listen(0).await();
        String publicUrl = "http://localhost:" + callbacks.actualPort();
        engine = new BatchCallEngine(store, dialer.apply(publicUrl), realTime != null ? realTime : clock, new SequentialIds("bj_t"),
                EngineSettings.DEFAULTS.withAttemptDeadline(Duration.ofMinutes(10)), completions);
        mount.mount(router, publicUrl, () -> engine.callEvents, vertx.createSharedWorkerExecutor("test-callbacks", 2));
    }

    public String create(String org, String from, String agent, int maxAttempts, List<String> phones) {
        return create(org, from, agent, maxAttempts, phones, null);
    }

    /** @param machineAnswerOutcome the job's rule for calls answered by a machine (null: the server's) */
    public String create(String org, String from, String agent, int maxAttempts, List<String> phones, String machineAnswerOutcome) {
        var command = new CreateBatchJobCommand(org, "Provider test", null, agent, from, 10, maxAttempts, List.of("no_answer", "busy"),
                0L, null, null, null, machineAnswerOutcome);
        var rows = IntStream.range(0, phones.size()).mapToObj(i -> new ContactRow(i + 1, phones.get(i), Map.<String, Object>of())).iterator();
        return io.batchcall.application.port.in.CreateJob.of(command).flatMap(cj -> engine.create.create(cj, io.batchcall.application.port.in.ContactRows.of(rows))).get().job().id();
    }

    public Contact contact(String org, String job, int seq) {
        return io.batchcall.application.port.in.DetailQuery.parse(org, job, null, "1", "500").flatMap(engine.detail::detail).get().contacts().get(seq - 1);
    }

    /** Runs dispatcher passes (and moves the manual clock 200 ms each) until the condition holds. */
    public void runUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
        passUntil(done, timeout, () -> clock.advance(Duration.ofMillis(200)));
    }

    /** Runs dispatcher passes every 20 ms of the real clock until the condition holds (a campaign made with the real clock). */
    public void runInRealTimeUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
        passUntil(done, timeout, () -> { });
    }

    private void passUntil(BooleanSupplier done, Duration timeout, Runnable afterPass) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached in " + timeout);
            }
            engine.dispatcher.tick();
            Thread.sleep(20);
            afterPass.run();
        }
    }

    @Override
    public void close() {
        completions.shutdownNow();
        vertx.close().await();
    }
}
