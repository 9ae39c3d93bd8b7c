package io.batchcall.bootstrap;

import io.batchcall.adapter.http.HttpApi;
import io.batchcall.adapter.telephony.WebhookDialer;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.memory.InMemoryApiKeys;
import io.batchcall.application.memory.InMemoryBatchJobs;
import io.batchcall.application.memory.SequentialIds;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.service.EngineSettings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store is never called on a Vert.x event loop: not by the HTTP routes, not by the webhook
 * dialer's completions (a fatal refusal cancels every open contact of a job), not by call events.
 */
class EventLoopProbeTest {

    @TempDir
    Path uploads;

    @Test
    void noStoreCallRunsOnAnEventLoop() throws Exception {
        List<String> violations = new CopyOnWriteArrayList<>();
        InMemoryBatchJobs real = new InMemoryBatchJobs();
        BatchJobs probe = (BatchJobs) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BatchJobs.class},
                (proxy, method, args) -> {
                    if (Context.isOnEventLoopThread()) {
                        violations.add(method.getName() + " on " + Thread.currentThread().getName());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Vertx vertx = Vertx.vertx();
        ExecutorService engineThreads = Executors.newFixedThreadPool(2);
        try {
            // the telephony side: refuses every dial of the job named "Doomed" as fatal, accepts the others
            HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
                boolean doomed = b.toJsonObject().getJsonObject("contactData").containsKey("doomed");
                req.response().setStatusCode(doomed ? 403 : 202).end(doomed ? "{\"fatal\":true,\"reason\":\"caller ID rejected\"}" : "");
            })).listen(0).await();
            SystemTime time = new SystemTime();
            BatchCallEngine engine = new BatchCallEngine(probe, new WebhookDialer(vertx, "http://localhost:" + receiver.actualPort() + "/dial",
                    Duration.ofSeconds(5), Duration.ofSeconds(5)), time, new SequentialIds("bj_probe_"), EngineSettings.DEFAULTS, engineThreads);
            InMemoryApiKeys keys = new InMemoryApiKeys();
            keys.register("org", "probe-key-000000000001");
            HttpApi api = new HttpApi(vertx, engine, keys, new HttpApi.Settings(1024 * 1024, uploads));
            HttpServer server = api.listen(api.router(), 0).await();
            Http http = new Http(server.actualPort(), "probe-key-000000000001");

            String doomed = http.post("/batch/create", Http.job("Doomed", 50, 2, 1, "").replace("\"n\":", "\"doomed\":true,\"n\":"))
                    .get("batchJobId").asText();
            String fine = http.post("/batch/create", Http.job("Fine", 3, 3, 1, "")).get("batchJobId").asText();
            for (int i = 0; i < 20; i++) {
                engine.dispatcher.tick();
                Thread.sleep(20);
            }
            http.awaitJob(doomed, Duration.ofSeconds(10), d -> d.get("status").asText().equals("failed"));
            var dialing = http.awaitJob(fine, Duration.ofSeconds(10), d -> d.get("statusBreakdown").get("dialing").asInt() == 3);
            String contact = dialing.get("contacts").get(0).get("id").asText();
            assertThat(http.post("/batch/call-events", "{\"batchJobId\":\"" + fine + "\",\"contactId\":\"" + contact
                    + "\",\"attempt\":1,\"type\":\"ended\",\"outcome\":\"completed\"}").get("_status").asInt()).isEqualTo(200);
            assertThat(http.get("/batch/jobs").get("total").asInt()).isEqualTo(2);
            assertThat(violations).as("store calls on an event loop").isEmpty();
            api.close();
        } finally {
            engineThreads.shutdownNow();
            vertx.close().await();
        }
    }
}
