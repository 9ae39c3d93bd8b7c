package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound webhooks end to end: a real server runs a simulated campaign while a receiver in the test,
 * down at first, checks each request's signature with its own HMAC code.
 */
class WebhookDeliveryTest {

    private static final String KEY = "secret-key-one-0001";
    private static final String OTHER_KEY = "secret-key-two-0002";

    @TempDir
    Path data;

    private Vertx receiverVertx;
    private HttpServer receiver;
    /** Every request, answered or refused: [eventId, type, body, signature, answer]. */
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(503);

    private record Received(String id, String type, JsonNode body, String raw, String signature, int answer) {
    }

    @BeforeEach
    void startReceiver() {
        receiverVertx = Vertx.vertx();
        receiver = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            int code = answer.get();
            try {
                JsonNode b = Http.JSON.readTree(body.getBytes());
                received.add(new Received(b.get("id").asText(), b.get("type").asText(), b, body.toString(StandardCharsets.UTF_8),
                        req.getHeader("Batchcall-Signature"), code));
            } catch (Exception e) {
                received.add(new Received("?", "unparseable", null, body.toString(), req.getHeader("Batchcall-Signature"), code));
            }
            req.response().setStatusCode(code).end();
        })).listen(0).await();
    }

    @AfterEach
    void stopReceiver() {
        receiverVertx.close().await();
    }

    private BatchCallServer server() throws Exception {
        return server(Map.of());
    }

    private BatchCallServer server(Map<String, String> store) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_DATA_DIR", data.toString(),
                "BATCHCALL_API_KEYS", "org-1:" + KEY + ",org-2:" + OTHER_KEY, "BATCHCALL_TICK_MILLIS", "20",
                "BATCHCALL_SIM_CALL_SECONDS", "0.05", "BATCHCALL_SIM_OUTCOMES", "completed=50,busy=50",
                "BATCHCALL_WEBHOOK_RETRY_BASE_MILLIS", "100"));
        env.putAll(store);
        return BatchCallServer.start(Config.fromEnv(env));
    }

    /** An independent check of the signature: HMAC-SHA256(secret, "t.body") in hex, as a receiver would write it. */
    static boolean signatureValid(String secret, String header, String body) throws Exception {
        Map<String, String> parts = new HashMap<>();
        for (String p : header.split(",")) {
            String[] kv = p.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        long t = Long.parseLong(parts.get("t"));
        if (Math.abs(System.currentTimeMillis() / 1000 - t) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString().equals(parts.get("v1"));
    }

    @Test
    void everyEventArrivesSignedAndInOrderPerJobAfterTheReceiverWasDown() throws Exception {
        everyEventArrivesSignedAndInOrder(Map.of());
    }

    /**
     * CONTRACT §15 in the webhook payloads: an attempt ended with a disposition, an outcomeData object and answeredBy reaches
     * the receiver in contact.attempt_ended and contact.finished, and each body matches the OpenAPI document's webhooks.
     */
    @Test
    void whatAConversationProducedTravelsInTheContactEvents() throws Exception {
        answer.set(200);
        try (BatchCallServer server = server(Map.of("BATCHCALL_SIM_CALL_SECONDS", "120"))) {
            Http http = new Http(server.port(), KEY);
            http.post("/batch/webhooks", "{\"url\":\"http://localhost:" + receiver.actualPort() + "/hooks\"}");
            String job = http.post("/batch/create", Http.job("Said", 1, 1, 1, "")).get("batchJobId").asText();
            JsonNode dialing = http.awaitJob(job, Duration.ofSeconds(10), d -> d.get("statusBreakdown").get("dialing").asInt() == 1);
            String contact = http.get("/batch/jobs/" + job).get("contacts").get(0).get("id").asText();
            JsonNode ended = http.post("/batch/call-events", "{\"batchJobId\":\"" + job + "\",\"contactId\":\"" + contact + "\",\"attempt\":1,"
                    + "\"type\":\"ended\",\"outcome\":\"completed\",\"callDuration\":42,\"disposition\":\"interested\",\"answeredBy\":\"human\","
                    + "\"outcomeData\":{\"budget\":1200,\"product\":{\"name\":\"Pro\"}}}");
            assertThat(ended.get("_status").asInt()).as(dialing.toString()).isEqualTo(200);
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end && received.stream().noneMatch(r -> r.type().equals("contact.finished"))) {
                Thread.sleep(50);
            }
            List<Received> said = received.stream().filter(r -> r.type().equals("contact.attempt_ended") || r.type().equals("contact.finished")).toList();
            assertThat(said).extracting(Received::type).contains("contact.attempt_ended", "contact.finished");
            for (Received r : said) {
                io.batchcall.adapter.http.OpenApiCheck.checkWebhook(r.raw());
                JsonNode data = r.body().get("data");
                assertThat(data.get("disposition").asText()).isEqualTo("interested");
                assertThat(data.get("answeredBy").asText()).isEqualTo("human");
                assertThat(data.get("outcomeData").toString()).isEqualTo("{\"budget\":1200,\"product\":{\"name\":\"Pro\"}}");
            }
        }
    }

    @Test
    void theSameOnPostgres() throws Exception {
        everyEventArrivesSignedAndInOrder(Map.of("BATCHCALL_DB_URL", io.batchcall.adapter.persistence.Postgres.freshDatabaseUrl(),
                "BATCHCALL_DB_USER", "postgres", "BATCHCALL_DB_PASSWORD", "postgres"));
    }

    private void everyEventArrivesSignedAndInOrder(Map<String, String> store) throws Exception {
        ch.qos.logback.classic.Logger deliverer = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                io.batchcall.application.service.WebhookDeliverer.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        deliverer.addAppender(logged);
        try (BatchCallServer server = server(store)) {
            Http http = new Http(server.port(), KEY);
            JsonNode created = http.post("/batch/webhooks", "{\"url\":\"http://localhost:" + receiver.actualPort() + "/hooks\"}");
            assertThat(created.get("_status").asInt()).isEqualTo(201);
            String hook = created.get("id").asText();
            String secret = created.get("secret").asText();
            assertThat(secret).startsWith("whsec_");
            assertThat(created.get("events")).hasSize(8);
            JsonNode listed = http.get("/batch/webhooks");
            assertThat(listed.get("webhooks").get(0).get("id").asText()).isEqualTo(hook);
            assertThat(listed.get("webhooks").get(0).has("secret")).as("the secret is shown once").isFalse();

            int contacts = 20;
            String job = http.post("/batch/create", Http.job("Hooks", contacts, 5, 3, ",\"retryableStatuses\":[\"busy\"]"))
                    .get("batchJobId").asText();
            http.awaitJob(job, Duration.ofSeconds(30), d -> d.get("status").asText().equals("completed"));
            Thread.sleep(500);
            assertThat(received).as("the receiver was asked while down").isNotEmpty();
            assertThat(received).allMatch(r -> r.answer() == 503);
            // each failed delivery is one warn line naming the endpoint and the answer
            assertThat(logged.list).anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().contains("endpoint " + hook) && e.getFormattedMessage().contains("HTTP 503"));
            answer.set(200);

            long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < end && received.stream().noneMatch(r -> r.answer() == 200 && r.type().equals("job.completed"))) {
                Thread.sleep(100);
            }
            for (Received r : received) {
                assertThat(signatureValid(secret, r.signature(), r.raw())).as("signature of " + r.raw()).isTrue();
                // every delivered body is one the OpenAPI document's webhooks declare (statusBreakdown a plain object)
                io.batchcall.adapter.http.OpenApiCheck.checkWebhook(r.raw());
            }
            // first arrival of each event, in arrival order; a duplicate carries the same id and body
            Map<String, Received> first = new LinkedHashMap<>();
            for (Received r : received) {
                if (r.answer() != 200) {
                    continue;
                }
                Received was = first.putIfAbsent(r.id(), r);
                if (was != null) {
                    assertThat(r.raw()).isEqualTo(was.raw());
                }
            }
            List<Received> events = new ArrayList<>(first.values());
            assertThat(events.get(0).type()).isEqualTo("job.started");
            assertThat(events.get(events.size() - 1).type()).isEqualTo("job.completed");
            JsonNode completed = events.get(events.size() - 1).body();
            assertThat(completed.get("organizationId").asText()).isEqualTo("org-1");
            assertThat(completed.get("data").get("contactsProcessed").asLong()).isEqualTo(contacts);
            // per contact: attempts end in order, and it finishes once, after its last attempt
            Map<String, List<Received>> perContact = new HashMap<>();
            events.stream().filter(e -> e.type().startsWith("contact.")).forEach(e ->
                    perContact.computeIfAbsent(e.body().get("data").get("contactId").asText(), k -> new ArrayList<>()).add(e));
            assertThat(perContact).hasSize(contacts);
            JsonNode detail = http.get("/batch/jobs/" + job + "?contactsPageSize=100");
            for (JsonNode c : detail.get("contacts")) {
                List<Received> mine = perContact.get(c.get("id").asText());
                List<String> expected = new ArrayList<>();
                for (int a = 1; a <= c.get("attemptCount").asInt(); a++) {
                    expected.add("contact.attempt_ended#" + a);
                }
                expected.add("contact.finished#" + c.get("attemptCount").asInt());
                assertThat(mine.stream().map(e -> e.type() + "#" + e.body().get("data").get("attemptCount").asInt()).toList())
                        .as("events of " + c.get("id").asText()).isEqualTo(expected);
                Received finished = mine.get(mine.size() - 1);
                assertThat(finished.body().get("data").get("status").asText()).isEqualTo(c.get("status").asText());
                assertThat(finished.body().get("data").get("contactData").get("n").asInt()).isEqualTo(c.get("contactData").get("n").asInt());
            }

            // the delivery log: all delivered, the early ones after several tries
            JsonNode log = http.get("/batch/webhooks/" + hook + "/deliveries?limit=500");
            assertThat(log.get("deliveries")).hasSize(events.size());
            for (JsonNode d : log.get("deliveries")) {
                assertThat(d.get("status").asText()).isEqualTo("delivered");
                assertThat(d.get("lastResponseCode").asInt()).isEqualTo(200);
            }
            JsonNode oldest = log.get("deliveries").get(log.get("deliveries").size() - 1);
            assertThat(oldest.get("type").asText()).isEqualTo("job.started");
            assertThat(oldest.get("attempts").asInt()).isGreaterThan(1);
            JsonNode page = http.get("/batch/webhooks/" + hook + "/deliveries?limit=5");
            assertThat(page.get("deliveries")).hasSize(5);
            JsonNode next = http.get("/batch/webhooks/" + hook + "/deliveries?limit=5&before=" + page.get("nextBefore").asText());
            assertThat(next.get("deliveries").get(0).get("id").asText()).isEqualTo(log.get("deliveries").get(5).get("id").asText());

            // replay: the same event again
            String completedDelivery = log.get("deliveries").get(0).get("id").asText();
            JsonNode replayed = http.post("/batch/webhooks/" + hook + "/deliveries/" + completedDelivery + "/replay", null);
            assertThat(replayed.get("_status").asInt()).isEqualTo(202);
            assertThat(replayed.get("status").asText()).isEqualTo("pending");
            long endReplay = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < endReplay && received.stream().filter(r -> r.id().equals(completed.get("id").asText())).count() < 2) {
                Thread.sleep(50);
            }
            assertThat(received.stream().filter(r -> r.id().equals(completed.get("id").asText()) && r.answer() == 200).count()).isEqualTo(2);

            // another organization sees none of it
            Http other = new Http(server.port(), OTHER_KEY);
            assertThat(other.get("/batch/webhooks").get("webhooks")).isEmpty();
            JsonNode hidden = other.get("/batch/webhooks/" + hook + "/deliveries");
            assertThat(hidden.get("_status").asInt()).isEqualTo(404);
            assertThat(hidden.get("error").get("code").asText()).isEqualTo("webhook_not_found");
            assertThat(other.send("DELETE", "/batch/webhooks/" + hook, null).get("_status").asInt()).isEqualTo(404);
            assertThat(other.post("/batch/webhooks/" + hook + "/deliveries/" + completedDelivery + "/replay", null).get("_status").asInt())
                    .isEqualTo(404);

            assertThat(http.send("DELETE", "/batch/webhooks/" + hook, null).get("_status").asInt()).isEqualTo(200);
            assertThat(http.get("/batch/webhooks").get("webhooks")).isEmpty();
            assertThat(http.get("/batch/webhooks/" + hook + "/deliveries").get("_status").asInt()).isEqualTo(404);
        } finally {
            deliverer.detachAppender(logged);
        }
    }

    @Test
    void badEndpointsAreRefusedWithTheirCodes() throws Exception {
        try (BatchCallServer server = server()) {
            Http http = new Http(server.port(), KEY);
            Map<String, String> bad = new LinkedHashMap<>();
            bad.put("{\"url\":\"ftp://example.com/x\"}", "invalid_webhook_url");
            bad.put("{\"url\":\"not a url\"}", "invalid_webhook_url");
            bad.put("{\"url\":\"https://" + "a".repeat(2100) + ".com/\"}", "invalid_webhook_url");
            bad.put("{\"events\":[\"job.completed\"]}", "invalid_webhook_url");
            bad.put("{\"url\":\"https://example.com/x\",\"events\":[\"job.exploded\"]}", "invalid_webhook_events");
            bad.put("{\"url\":\"https://example.com/x\",\"events\":[]}", "invalid_webhook_events");
            bad.put("{\"url\":\"https://example.com/x\",\"events\":\"job.completed\"}", "invalid_webhook_events");
            bad.put("[1,2]", "invalid_json");
            for (Map.Entry<String, String> b : bad.entrySet()) {
                JsonNode r = http.post("/batch/webhooks", b.getKey());
                assertThat(r.get("_status").asInt()).as(b.getKey()).isEqualTo(400);
                assertThat(r.get("error").get("code").asText()).as(b.getKey()).isEqualTo(b.getValue());
            }
            assertThat(http.get("/batch/webhooks").get("webhooks")).as("nothing stored").isEmpty();
            JsonNode ok = http.post("/batch/webhooks", "{\"url\":\"https://example.com/x\",\"events\":[\"job.completed\",\"job.completed\"]}");
            assertThat(ok.get("events")).hasSize(1);
            String id = ok.get("id").asText();
            assertThat(http.get("/batch/webhooks/" + id + "/deliveries?limit=0").get("error").get("code").asText()).isEqualTo("invalid_query");
            assertThat(http.get("/batch/webhooks/" + id + "/deliveries?before=x").get("error").get("code").asText()).isEqualTo("invalid_query");
            assertThat(http.post("/batch/webhooks/" + id + "/deliveries/dlv_999/replay", null).get("error").get("code").asText())
                    .isEqualTo("delivery_not_found");
            for (int i = 1; i < 20; i++) {
                assertThat(http.post("/batch/webhooks", "{\"url\":\"https://example.com/" + i + "\"}").get("_status").asInt()).isEqualTo(201);
            }
            assertThat(http.post("/batch/webhooks", "{\"url\":\"https://example.com/21\"}").get("error").get("code").asText())
                    .isEqualTo("too_many_webhooks");
        }
    }
}
