package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.batchcall.adapter.persistence.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real jar, killed with SIGKILL at random moments while it runs a campaign through a webhook
 * telephony side played by this test, and restarted on the same data: the campaign completes, no
 * attempt is dialed twice, nothing is dialed after an acknowledged terminal outcome, every
 * acknowledged outcome is kept, the counters equal a recount, and an upload cut by a kill left a
 * whole job or none; every webhook event (an outbox written with the change) still reaches its receiver,
 * signed, each contact's finish exactly once by id, the job's completion last. Seeded: {@code -Dcrash.seed=N} replays a run; every step is printed.
 */
class CrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "crash-test-key-0123456789abcdef";
    private static final int CONTACTS = 300;
    private static final int UPLOAD_ROWS = 60_000;
    /** Contacts added to a waiting job while a kill comes: few enough that some kills land after the add's commit. */
    private static final int ADD_ROWS = 10_000;

    @Test
    @Timeout(180)
    void embeddedStoreSurvivesKillDashNine() throws Exception {
        new Run(Long.getLong("crash.seed", System.nanoTime() % 100_000), Map.of()).run();
    }

    @Test
    @Timeout(180)
    void postgresSurvivesKillDashNine() throws Exception {
        new Run(Long.getLong("crash.seed", System.nanoTime() % 100_000), Map.of("BATCHCALL_DB_URL", Postgres.freshDatabaseUrl(),
                "BATCHCALL_DB_USER", "postgres", "BATCHCALL_DB_PASSWORD", "postgres")).run();
    }

    /**
     * CONTRACT §14 through kill -9: paced at 10 dials/s for the organization, the campaign still completes (a dial
     * schedule holds a time, not a lease: nothing a killed engine held stalls the others) and, away from a start (the
     * first dials of a fresh process wait for its HTTP connections to open), no second holds more than 11 dials.
     */
    @Test
    @Timeout(180)
    void pacedDispatchSurvivesKillDashNine() throws Exception {
        new Run(Long.getLong("crash.seed", System.nanoTime() % 100_000), Map.of("BATCHCALL_DIAL_RATE", "10")).run();
    }

    /** One dial request the telephony side received. */
    private record Dial(String contactId, int attempt) {
    }

    /** An {@code ended} event the server acknowledged with 200, and the contact status it answered. */
    private record Ack(String contactId, int attempt, String status, boolean duplicate) {
    }

    private static final class Run {
        private final long seed;
        private final Random random;
        private final Map<String, String> extraEnv;
        /** A new client per server start: no pooled connection to a killed process is ever reused. */
        private volatile HttpClient client = newClient();
        private final List<Dial> dials = new CopyOnWriteArrayList<>();
        /** When each dial landed (System.nanoTime), and when each server start was up. */
        private final List<Long> dialTimes = new CopyOnWriteArrayList<>();
        private final List<Long> startTimes = new CopyOnWriteArrayList<>();
        private final List<Ack> acks = new CopyOnWriteArrayList<>();
        /** CONTRACT §15: the callback each contact asked for in its first attempt's ended event (epoch ms), and when each dial landed. */
        private final Map<String, Long> callbacks = new ConcurrentHashMap<>();
        private final Map<Dial, Long> dialedAt = new ConcurrentHashMap<>();
        private final Map<String, Boolean> uploadAnswered = new ConcurrentHashMap<>();
        /** CONTRACT §16: a job waiting for its start that a kill hits while contacts are added to it; whether the add was answered 200. */
        private volatile String growing;
        private volatile Boolean addAnswered;
        private final AtomicBoolean killAfterNextAck = new AtomicBoolean();
        private final CrashHooks hooks;
        private final ScheduledExecutorService telephony = Executors.newScheduledThreadPool(4);
        private final Path data;
        private final int port;
        private volatile Process server;
        private int starts;

        Run(long seed, Map<String, String> extraEnv) throws IOException {
            this.seed = seed;
            this.random = new Random(seed);
            this.hooks = new CrashHooks(new Random(seed ^ 0x5DEECE66DL));
            this.extraEnv = extraEnv;
            this.data = Files.createTempDirectory("batchcall-crash");
            try (ServerSocket s = new ServerSocket(0)) {
                this.port = s.getLocalPort();
            }
        }

        void run() throws Exception {
            log("seed " + seed + " (replay with -Dcrash.seed=" + seed + "), store " + (extraEnv.containsKey("BATCHCALL_DB_URL") ? "PostgreSQL" : "embedded")
                    + ", data " + data);
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/dial", exchange -> {
                JsonNode r = JSON.readTree(exchange.getRequestBody());
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                Dial d = new Dial(r.get("contactId").asText(), r.get("attempt").asInt());
                dialTimes.add(System.nanoTime());
                dialedAt.putIfAbsent(d, System.currentTimeMillis());
                dials.add(d);
                answer(r.get("batchJobId").asText(), d);
            });
            receiver.createContext("/hooks", hooks::receive);
            receiver.setExecutor(Executors.newFixedThreadPool(4));
            receiver.start();
            try {
                start(receiver.getAddress().getPort());
                HttpResponse<String> hook = post("/batch/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hooks\",\"events\":[\"job.started\",\"job.completed\",\"contact.finished\"]}", "application/json");
                assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
                hooks.secret(JSON.readTree(hook.body()).get("secret").asText());
                String job = created(post("/batch/create", campaign(), "application/json"));
                log("campaign " + job + ": " + CONTACTS + " contacts");
                growing = created(post("/batch/create", "{\"name\":\"growing\",\"fromPhoneNumberId\":\"pn_1\","
                        + "\"scheduledStartTime\":\"2099-01-01T00:00:00Z\",\"contacts\":[{\"phone\":\"+13125550001\"},{\"phone\":\"+13125550002\"}]}",
                        "application/json"));
                String[] kinds = {"dialing", "after-ack", "upload", "dialing", "after-ack", "add"};
                for (int kill = 0; kill < kinds.length; kill++) {
                    String kind = kinds[kill];
                    switch (kind) {
                        case "dialing" -> {
                            int ms = 300 + random.nextInt(1500);
                            log("kill " + (kill + 1) + ": while dialing, after " + ms + " ms");
                            Thread.sleep(ms);
                            server.destroyForcibly();
                        }
                        case "after-ack" -> {
                            log("kill " + (kill + 1) + ": right after the next acknowledged outcome");
                            killAfterNextAck.set(true);
                            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                                server.destroyForcibly();
                            }
                        }
                        case "add" -> {
                            int ms = 100 + random.nextInt(2000); // before, during or after its commit
                            log("kill " + (kill + 1) + ": during an add of " + ADD_ROWS + " contacts to " + growing + ", after " + ms + " ms");
                            Thread adder = new Thread(this::add);
                            adder.start();
                            Thread.sleep(ms);
                            server.destroyForcibly();
                            adder.join(10_000);
                        }
                        default -> {
                            int ms = 50 + random.nextInt(900);
                            String name = "upload-" + kill;
                            log("kill " + (kill + 1) + ": during the upload of " + name + " (" + UPLOAD_ROWS + " rows), after " + ms + " ms");
                            Thread uploader = new Thread(() -> upload(name));
                            uploader.start();
                            Thread.sleep(ms);
                            server.destroyForcibly();
                            uploader.join(10_000);
                        }
                    }
                    server.waitFor(10, TimeUnit.SECONDS);
                    start(receiver.getAddress().getPort());
                }
                JsonNode done = awaitCompleted(job);
                verify(job, done);
                verifyPacing();
                verifyWebhooks(job);
            } finally {
                if (server != null) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                receiver.stop(0);
                telephony.shutdownNow();
            }
        }

        /** The telephony side: connected after a moment, then ended with a seeded outcome; each event retried for a while. */
        private void answer(String job, Dial d) {
            Random r = new Random(seed * 31 + d.contactId().hashCode() * 7L + d.attempt());
            String outcome = switch (r.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> "completed";
                case 5, 6, 7 -> "no_answer";
                default -> "busy";
            };
            String base = "{\"batchJobId\":\"" + job + "\",\"contactId\":\"" + d.contactId() + "\",\"attempt\":" + d.attempt();
            // a quarter of first attempts that complete ask for a callback 1.5 s later (CONTRACT §15): once, on time, through kills
            boolean callback = outcome.equals("completed") && d.attempt() == 1 && r.nextInt(4) == 0;
            telephony.schedule(() -> {
                send(base + ",\"type\":\"connected\"}", null, System.nanoTime());
                telephony.schedule(() -> {
                    String asked = "";
                    if (callback) {
                        long at = callbacks.computeIfAbsent(d.contactId(), k -> System.currentTimeMillis() + 1500);
                        asked = ",\"disposition\":\"call_later\",\"callbackAt\":\"" + java.time.Instant.ofEpochMilli(at) + "\"";
                    }
                    send(base + ",\"type\":\"ended\",\"outcome\":\"" + outcome + "\",\"callDuration\":" + r.nextInt(60) + asked + "}",
                            d, System.nanoTime());
                }, 20 + r.nextInt(300), TimeUnit.MILLISECONDS);
            }, 20 + r.nextInt(200), TimeUnit.MILLISECONDS);
        }

        private void send(String body, Dial ended, long since) {
            try {
                HttpResponse<String> resp = client.send(request("/batch/call-events").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() == 200 && ended != null) {
                    JsonNode b = JSON.readTree(resp.body());
                    acks.add(new Ack(ended.contactId(), ended.attempt(), b.get("status").asText(), b.get("duplicate").asBoolean()));
                    if (killAfterNextAck.compareAndSet(true, false)) {
                        server.destroyForcibly();
                    }
                }
            } catch (IOException e) {
                // the server is down: the telephony side tries again for a few seconds, then gives up
                if (System.nanoTime() - since < TimeUnit.SECONDS.toNanos(4)) {
                    telephony.schedule(() -> send(body, ended, since), 200, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void upload(String name) {
            StringBuilder csv = new StringBuilder("phone,name\n");
            for (int i = 1; i <= UPLOAD_ROWS; i++) {
                csv.append(String.format("+1646%07d", i)).append(",Row ").append(i).append('\n');
            }
            String boundary = "crash" + seed;
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n" + name + "\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"fromPhoneNumberId\"\r\n\r\npn_1\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"scheduledStartTime\"\r\n\r\n2099-01-01T00:00:00Z\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
            try {
                HttpResponse<String> r = post("/batch/create", body, "multipart/form-data; boundary=" + boundary);
                uploadAnswered.put(name, r.statusCode() == 201);
                log("  upload " + name + " answered " + r.statusCode() + " before the kill");
            } catch (Exception e) {
                uploadAnswered.put(name, false);
                log("  upload " + name + " got no answer (" + e.getClass().getSimpleName() + ")");
            }
        }

        private void add() {
            StringBuilder csv = new StringBuilder("phone,priority\n");
            for (int i = 1; i <= ADD_ROWS; i++) {
                csv.append(String.format("+1312%07d", 1_000_000 + i)).append(',').append(i % 199 - 99).append('\n');
            }
            String boundary = "add" + seed;
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"more.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
            try {
                HttpResponse<String> r = post("/batch/jobs/" + growing + "/contacts", body, "multipart/form-data; boundary=" + boundary);
                addAnswered = r.statusCode() == 200;
                log("  the add answered " + r.statusCode() + " before the kill");
            } catch (Exception e) {
                addAnswered = false;
                log("  the add got no answer (" + e.getClass().getSimpleName() + ")");
            }
        }

        /** An add a kill cut (CONTRACT §16) left all its contacts or none, counted and paged alike. */
        private void verifyAdd() throws Exception {
            long total = get("/batch/jobs/" + growing).get("totalContacts").asLong();
            JsonNode job = get("/batch/jobs/" + growing + "?contactsPageSize=500&contactsPage=" + (total == 2 ? 1 : ADD_ROWS / 500 + 1));
            log("  the add: " + (total == 2 ? "nothing added" : "all " + (total - 2) + " added") + (Boolean.TRUE.equals(addAnswered)
                    ? " (acknowledged)" : " (not acknowledged)"));
            assertThat(total).isIn(2L, 2L + ADD_ROWS);
            if (Boolean.TRUE.equals(addAnswered)) {
                assertThat(total).isEqualTo(2L + ADD_ROWS);
            }
            assertThat(job.get("contactsTotal").asLong()).isEqualTo(total);
            assertThat(job.get("statusBreakdown").get("pending").asLong()).isEqualTo(total);
            assertThat(job.get("contacts")).as("the last page").hasSize(2);
        }

        /** With BATCHCALL_DIAL_RATE: the most dials in any second that starts two seconds or more after a server start. */
        private void verifyPacing() {
            String rate = extraEnv.get("BATCHCALL_DIAL_RATE");
            if (rate == null) {
                return;
            }
            List<Long> times = new java.util.ArrayList<>(dialTimes);
            times.sort(null);
            int worst = 0;
            for (int i = 0, j = 0; i < times.size(); i++) {
                long from = times.get(i);
                while (j < times.size() && times.get(j) < from + 1_000_000_000L) {
                    j++;
                }
                boolean nearStart = startTimes.stream().anyMatch(t -> from >= t - 1_000_000_000L && from < t + 2_000_000_000L);
                if (!nearStart) {
                    worst = Math.max(worst, j - i);
                }
            }
            log("paced: " + times.size() + " dials, the most in one second away from a start: " + worst + " (limit " + rate + "/s)");
            assertThat(worst).isLessThanOrEqualTo((int) Math.floor(Double.parseDouble(rate)) + 1);
        }

        private void verify(String job, JsonNode detail) throws Exception {
            log("verifying: " + dials.size() + " dial requests, " + acks.size() + " acknowledged outcomes");
            // no (contact, attempt) dialed twice
            Map<Dial, Integer> seen = new HashMap<>();
            dials.forEach(d -> seen.merge(d, 1, Integer::sum));
            assertThat(seen.entrySet().stream().filter(e -> e.getValue() > 1).toList()).as("attempts dialed twice").isEmpty();
            // the final contacts, read page by page
            Map<String, JsonNode> contacts = new HashMap<>();
            for (int page = 1; ; page++) {
                JsonNode p = get("/batch/jobs/" + job + "?contactsPageSize=500&contactsPage=" + page);
                p.get("contacts").forEach(c -> contacts.put(c.get("id").asText(), c));
                if (!p.get("contactsHasMore").asBoolean()) {
                    break;
                }
            }
            assertThat(contacts).hasSize(CONTACTS);
            // counters equal a recount
            Map<String, Long> recount = new HashMap<>();
            contacts.values().forEach(c -> recount.merge(c.get("status").asText(), 1L, Long::sum));
            detail.get("statusBreakdown").fields().forEachRemaining(e ->
                    assertThat(e.getValue().asLong()).as("count of " + e.getKey()).isEqualTo(recount.getOrDefault(e.getKey(), 0L)));
            assertThat(detail.get("contactsProcessed").asLong()).isEqualTo(CONTACTS);
            // every acknowledged terminal outcome is kept, and nothing was dialed after it
            for (Ack a : acks) {
                if (a.duplicate() || a.status().equals("queued") || a.status().equals("dialing") || a.status().equals("pending")) {
                    continue;
                }
                JsonNode c = contacts.get(a.contactId());
                assertThat(c.get("status").asText()).as("status of " + a.contactId() + " acknowledged as " + a.status()).isEqualTo(a.status());
                assertThat(c.get("attemptCount").asInt()).as("attempts of " + a.contactId()).isEqualTo(a.attempt());
                assertThat(dials.stream().filter(d -> d.contactId().equals(a.contactId()) && d.attempt() > a.attempt()).toList())
                        .as("dials of " + a.contactId() + " after its acknowledged outcome").isEmpty();
            }
            // every acknowledged retry is kept: the contact went on past that attempt
            for (Ack a : acks) {
                if (a.status().equals("queued")) {
                    assertThat(contacts.get(a.contactId()).get("attemptCount").asInt()).isGreaterThan(a.attempt());
                }
            }
            // every acknowledged callback (CONTRACT §15) was kept: its attempt was claimed — and dialed once (no attempt is dialed
            // twice, above), never before its time — unless a kill came between its claim and its dial (then it closed at the
            // deadline without a dial, like any attempt so cut)
            int asked = 0;
            int cut = 0;
            for (Ack a : acks) {
                Long at = callbacks.get(a.contactId());
                if (at == null || a.attempt() != 1 || !a.status().equals("queued")) {
                    continue;
                }
                asked++;
                assertThat(contacts.get(a.contactId()).get("attemptCount").asInt()).as("the callback of " + a.contactId() + " was attempted")
                        .isGreaterThanOrEqualTo(2);
                Long dialed = dialedAt.get(new Dial(a.contactId(), 2));
                if (dialed == null) {
                    cut++;
                    continue;
                }
                assertThat(dialed).as("the callback of " + a.contactId() + " not before its time").isGreaterThanOrEqualTo(at);
            }
            assertThat(cut).as("callbacks whose dial a kill cut").isLessThanOrEqualTo(asked / 2);
            log("  " + asked + " acknowledged callbacks: " + (asked - cut) + " dialed once, none early; " + cut
                    + " claimed and cut by a kill before their dial");
            // an interrupted upload left the whole job or nothing
            JsonNode list = get("/batch/jobs?pageSize=100");
            for (Map.Entry<String, Boolean> u : uploadAnswered.entrySet()) {
                List<JsonNode> found = new ArrayList<>();
                list.get("batchJobs").forEach(j -> {
                    if (j.get("name").asText().equals(u.getKey())) {
                        found.add(j);
                    }
                });
                log("  " + u.getKey() + ": " + (found.isEmpty() ? "no job" : "whole job of " + found.get(0).get("totalContacts") + " contacts")
                        + (u.getValue() ? " (acknowledged)" : " (not acknowledged)"));
                assertThat(found.size()).isLessThanOrEqualTo(1);
                if (u.getValue()) {
                    assertThat(found).hasSize(1);
                }
                for (JsonNode j : found) {
                    assertThat(j.get("totalContacts").asLong()).isEqualTo(UPLOAD_ROWS);
                    JsonNode last = get("/batch/jobs/" + j.get("id").asText() + "?contactsPageSize=500&contactsPage=" + (UPLOAD_ROWS / 500));
                    assertThat(last.get("contactsTotal").asLong()).isEqualTo(UPLOAD_ROWS);
                    assertThat(last.get("contacts")).hasSize(500);
                    assertThat(last.get("statusBreakdown").get("pending").asLong()).isEqualTo(UPLOAD_ROWS);
                }
            }
            verifyAdd();
            log("all promises held after " + (starts - 1) + " kills");
        }

        /** Every contact's finish reached the receiver once by id, with its final status; job.completed came last. */
        private void verifyWebhooks(String job) throws Exception {
            Map<String, String> finalStatus = new HashMap<>();
            for (int page = 1; ; page++) {
                JsonNode p = get("/batch/jobs/" + job + "?contactsPageSize=500&contactsPage=" + page);
                p.get("contacts").forEach(c -> finalStatus.put(c.get("id").asText(), c.get("status").asText()));
                if (!p.get("contactsHasMore").asBoolean()) {
                    break;
                }
            }
            log(hooks.verify(finalStatus, java.time.Duration.ofSeconds(60)));
        }

        private JsonNode awaitCompleted(String job) throws Exception {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            JsonNode last = null;
            while (System.nanoTime() < end) {
                last = get("/batch/jobs/" + job + "?contactsPageSize=1");
                if (last.get("status").asText().equals("completed")) {
                    log("campaign completed: " + last.get("statusBreakdown"));
                    return last;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the campaign did not complete; last detail " + last);
        }

        private static HttpClient newClient() {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        }

        private void start(int receiverPort) throws Exception {
            client = newClient();
            Path jar = Path.of("target", "batchcall.jar").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString());
            Map<String, String> env = pb.environment();
            env.put("BATCHCALL_HTTP_PORT", Integer.toString(port));
            env.put("BATCHCALL_DATA_DIR", data.toString());
            env.put("BATCHCALL_API_KEYS", "crash:" + KEY);
            env.put("BATCHCALL_DIALER", "webhook");
            env.put("BATCHCALL_DIALER_WEBHOOK_URL", "http://127.0.0.1:" + receiverPort + "/dial");
            env.put("BATCHCALL_TICK_MILLIS", "20");
            env.put("BATCHCALL_ATTEMPT_DEADLINE_SECONDS", "3");
            env.put("BATCHCALL_WEBHOOK_RETRY_BASE_MILLIS", "200");
            env.putAll(extraEnv);
            Path logFile = Path.of("target", "crash-logs", "seed-" + seed + "-start-" + (++starts) + ".log");
            Files.createDirectories(logFile.getParent());
            pb.redirectErrorStream(true).redirectOutput(logFile.toFile());
            server = pb.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                if (!server.isAlive()) {
                    throw new AssertionError("the server exited with " + server.exitValue() + "; see " + logFile);
                }
                try {
                    if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        log("server start " + starts + " up (log " + logFile + ")");
                        startTimes.add(System.nanoTime());
                        return;
                    }
                } catch (IOException notYet) { // HttpTimeoutException included
                    // starting
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the server did not start; see " + logFile);
        }

        private String campaign() {
            StringBuilder sb = new StringBuilder("{\"name\":\"crash\",\"fromPhoneNumberId\":\"pn_1\",\"concurrentCallLimit\":20,"
                    + "\"maxAttempts\":3,\"retryableStatuses\":[\"no_answer\",\"busy\"],\"retryDelaySeconds\":0,\"contacts\":[");
            for (int i = 1; i <= CONTACTS; i++) {
                sb.append(i > 1 ? "," : "").append("{\"phone\":\"").append(String.format("+1415%07d", i)).append("\"}");
            }
            return sb.append("]}").toString();
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + KEY);
        }

        private HttpResponse<String> post(String path, String body, String type) throws Exception {
            return client.send(request(path).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private JsonNode get(String path) throws Exception {
            HttpResponse<String> r = client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET " + path + " → " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        private static String created(HttpResponse<String> r) throws IOException {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            return JSON.readTree(r.body()).get("batchJobId").asText();
        }

        private static void log(String line) {
            System.out.println("[crash] " + line);
        }
    }
}
