package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CrashIT's webhook receiver: refuses one request in eight (seeded) so deliveries are retried across the
 * kills, records the ones it answers 200, and checks them against the campaign's final contacts.
 */
final class CrashHooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A webhook request answered 200. */
    private record Hook(String id, String type, JsonNode data, String raw, String signature) {
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Random random;
    private volatile String secret;

    CrashHooks(Random random) {
        this.random = random;
    }

    void secret(String secret) {
        this.secret = secret;
    }

    void receive(HttpExchange exchange) throws IOException {
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.incrementAndGet();
        boolean refuse;
        synchronized (random) {
            refuse = random.nextInt(8) == 0;
        }
        if (!refuse) {
            // recorded before it is acknowledged, as a real receiver stores then answers: the receiver runs 4
            // threads, and the next event (sent as soon as this 200 arrives) must not be recorded first
            JsonNode b = JSON.readTree(raw);
            hooks.add(new Hook(b.get("id").asText(), b.get("type").asText(), b.get("data"), raw,
                    exchange.getRequestHeaders().getFirst("Batchcall-Signature")));
        }
        exchange.sendResponseHeaders(refuse ? 500 : 200, -1);
        exchange.close();
    }

    /**
     * Waits for job.completed, then checks: every request signed, a duplicate is the same event, job.started
     * first and job.completed last, and each contact's finish once by id with its final status.
     *
     * @return a line for the log
     */
    String verify(Map<String, String> finalStatus, Duration wait) throws Exception {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end && hooks.stream().noneMatch(h -> h.type().equals("job.completed"))) {
            Thread.sleep(100);
        }
        String line = "webhooks: " + requests.get() + " requests, " + hooks.size() + " answered 200, "
                + hooks.stream().map(Hook::id).distinct().count() + " distinct events";
        Map<String, Hook> first = new LinkedHashMap<>();
        for (Hook h : hooks) {
            assertThat(WebhookDeliveryTest.signatureValid(secret, h.signature(), h.raw())).as("signature of " + h.raw()).isTrue();
            Hook was = first.putIfAbsent(h.id(), h);
            if (was != null) {
                assertThat(h.raw()).as("a duplicate is the same event").isEqualTo(was.raw());
            }
        }
        List<Hook> events = new ArrayList<>(first.values());
        assertThat(events).as(line).isNotEmpty();
        assertThat(events.get(0).type()).isEqualTo("job.started");
        assertThat(events.get(events.size() - 1).type()).as("job.completed comes last").isEqualTo("job.completed");
        Map<String, List<Hook>> finished = new HashMap<>();
        events.stream().filter(h -> h.type().equals("contact.finished"))
                .forEach(h -> finished.computeIfAbsent(h.data().get("contactId").asText(), k -> new ArrayList<>()).add(h));
        assertThat(finished.keySet()).as("every contact's finish was delivered").isEqualTo(finalStatus.keySet());
        finished.forEach((contact, list) -> {
            assertThat(list).as("finish events of " + contact).hasSize(1);
            assertThat(list.get(0).data().get("status").asText()).as("finished status of " + contact).isEqualTo(finalStatus.get(contact));
        });
        return line;
    }
}
