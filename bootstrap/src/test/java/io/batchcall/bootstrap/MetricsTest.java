package io.batchcall.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /metrics: Prometheus text with the engine's and the HTTP layer's figures, no key needed. */
class MetricsTest {

    private final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
    private com.sun.net.httpserver.HttpServer receiver;

    @org.junit.jupiter.api.BeforeEach
    void receiver() throws Exception {
        receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("localhost", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            received.incrementAndGet();
        });
        receiver.start();
    }

    @org.junit.jupiter.api.AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void attemptsInFlightPerOrganizationFollowTheCampaign(@TempDir Path data) throws Exception {
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(Map.of("BATCHCALL_HTTP_PORT", "0",
                "BATCHCALL_DATA_DIR", data.toString(), "BATCHCALL_API_KEYS", "org-1:secret-key-one-0001,org-2:secret-key-two-0002",
                "BATCHCALL_TICK_MILLIS", "20", "BATCHCALL_SIM_CALL_SECONDS", "2", "BATCHCALL_SIM_OUTCOMES", "completed=100")))) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            String id = http.post("/batch/create", Http.job("In flight", 6, 3, 1, "")).get("batchJobId").asText();
            awaitMetric(server, "batchcall_attempts_in_flight{organization=\"org-1\"}", 3);
            http.awaitJob(id, Duration.ofSeconds(30), d -> d.get("status").asText().equals("completed"));
            awaitMetric(server, "batchcall_attempts_in_flight{organization=\"org-1\"}", 0);
            assertThat(scrape(server)).doesNotContain("organization=\"org-2\"");
        }
    }

    private static void awaitMetric(BatchCallServer server, String series, double expected) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String text = scrape(server);
        while (System.nanoTime() < end) {
            text = scrape(server);
            if (text.lines().anyMatch(l -> l.equals(series + " " + expected))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(series + " never read " + expected + ":\n" + text.lines().filter(l -> l.startsWith("batchcall_attempts")).toList());
    }

    private static String scrape(BatchCallServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aCampaignShowsInTheMetrics(@TempDir Path data) throws Exception {
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(Map.of("BATCHCALL_HTTP_PORT", "0",
                "BATCHCALL_DATA_DIR", data.toString(), "BATCHCALL_API_KEYS", "org-1:secret-key-one-0001", "BATCHCALL_TICK_MILLIS", "20",
                "BATCHCALL_SIM_CALL_SECONDS", "0", "BATCHCALL_SIM_OUTCOMES", "completed=100")))) {
            Http http = new Http(server.port(), "secret-key-one-0001");
            http.post("/batch/webhooks", "{\"url\":\"http://localhost:" + receiver.getAddress().getPort() + "/hook\",\"events\":[\"job.started\",\"job.completed\"]}");
            String id = http.post("/batch/create", Http.job("Metrics", 5, 5, 1, "")).get("batchJobId").asText();
            http.awaitJob(id, Duration.ofSeconds(20), d -> d.get("status").asText().equals("completed"));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.get() < 2 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            http.get("/batch/jobs/bj_missing");
            http.get("/no/such/thing/" + id);

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(value(r.body(), "batchcall_webhook_delivery_lag_seconds_count")).isGreaterThanOrEqualTo(2); // job.started, job.completed
            assertThat(value(r.body(), "batchcall_db_connections_open{pool=\"batchcall-db-writer\"}")).isPositive();
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            String text = r.body();
            assertThat(value(text, "batchcall_dials_started_total")).isEqualTo(5);
            assertThat(value(text, "batchcall_dials_results_total{result=\"accepted\"}")).isEqualTo(5);
            assertThat(value(text, "batchcall_dispatcher_pass_seconds_count")).isPositive();
            assertThat(text).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/batch/jobs/:id\",status=\"200\"}")
                    .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/batch/jobs/:id\",status=\"404\"}")
                    .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/batch/create\",status=\"201\"}")
                    .contains("route=\"unmatched\",status=\"404\"")
                    .contains("jvm_memory_used_bytes").contains("process_uptime_seconds")
                    .doesNotContain("bj_missing").doesNotContain(id);
        }
    }

    /** The value of one series line of the exposition. */
    private static double value(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(series + " not in:\n" + text));
    }
}
