package io.batchcall.adapter.http;

import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.RecordingDialer;
import io.batchcall.application.memory.InMemoryApiKeys;
import io.batchcall.application.memory.ManualTimeSource;
import io.batchcall.application.memory.SequentialIds;
import io.batchcall.application.port.out.BatchJobs;
import io.batchcall.application.service.EngineSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A storage fault answers 500 with a correlation id and nothing of the fault itself. */
class InternalErrorTest {

    @Test
    void faultsAre500WithoutStackTraceOrSql(@TempDir Path uploads) {
        BatchJobs broken = (BatchJobs) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BatchJobs.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("webhooks") || method.getName().equals("callerIds")
                            || method.getName().equals("conversations") || method.getName().equals("consents")) { // these stores break on use, like the rest
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {method.getReturnType()}, (p, m, a) -> {
                            throw new IllegalStateException("ERROR: relation \"webhook_endpoint\" does not exist; select * from webhook_endpoint");
                        });
                    }
                    if (method.getName().equals("versions")) { // wiring, not a use of the store
                        return io.batchcall.application.port.out.JobVersions.UNKNOWN;
                    }
                    throw new IllegalStateException("ERROR: relation \"batch_job\" does not exist; select * from batch_job");
                });
        Vertx vertx = Vertx.vertx();
        try {
            InMemoryApiKeys keys = new InMemoryApiKeys();
            keys.register("org", "k");
            BatchCallEngine engine = new BatchCallEngine(broken, new RecordingDialer(), new ManualTimeSource(Instant.EPOCH),
                    new SequentialIds("bj_"), EngineSettings.DEFAULTS);
            HttpApi http = new HttpApi(vertx, engine, keys, new HttpApi.Settings(1024, uploads));
            HttpServer server = http.listen(http.router(), 0).await();
            ApiClient.Response r = new ApiClient(server.actualPort()).get("/batch/jobs/bj_1", "k");
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.code()).isEqualTo("internal_error");
            assertThat(r.body().get("success").asBoolean()).isFalse();
            assertThat(r.body().get("error").get("correlationId").asText()).isNotBlank();
            assertThat(r.raw()).doesNotContain("select").doesNotContain("batch_job").doesNotContain("Exception").doesNotContain("at io.");
            ApiClient.Response hooks = new ApiClient(server.actualPort()).get("/batch/webhooks", "k");
            assertThat(hooks.status()).isEqualTo(500);
            assertThat(hooks.code()).isEqualTo("internal_error");
            assertThat(hooks.raw()).doesNotContain("select").doesNotContain("webhook_endpoint").doesNotContain("Exception");
        } finally {
            vertx.close().await();
        }
    }
}
