package io.batchcall.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting, refusing to start, and managing keys, as an operator does it. */
class StartAndKeysTest {

    @TempDir
    Path data;

    private record Result(int code, String out, String err) {
    }

    private Result main(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>(Map.of("BATCHCALL_DATA_DIR", data.toString(), "BATCHCALL_HTTP_PORT", "0"));
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    @Test
    void helpAndVersion() {
        Result help = main(Map.of(), "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("keys create --org").contains("BATCHCALL_TICK_MILLIS");
        Result version = main(Map.of(), "--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("batchcall ");
    }

    @Test
    void aBadValueNamesTheVariableAndTouchesNothing() throws Exception {
        Path fresh = data.resolve("never");
        for (String[] bad : new String[][] {{"BATCHCALL_ORG_CONCURRENCY", "-1"}, {"BATCHCALL_TICK_MILLIS", "0"},
                {"BATCHCALL_SIM_SEED", "abc"}, {"BATCHCALL_DIALER", "carrier-pigeon"}, {"BATCHCALL_HTTP_PORT", "70000"},
                {"BATCHCALL_API_KEYS", "acme-only"}, {"BATCHCALL_SIM_OUTCOMES", "completed=x"}, {"BATCHCALL_DB_URL", "jdbc:mysql://x"},
                {"BATCHCALL_DETAIL_CACHE_MB", "5000"}}) {
            Result r = main(Map.of("BATCHCALL_DATA_DIR", fresh.toString(), bad[0], bad[1]));
            assertThat(r.code()).as(bad[0]).isEqualTo(2);
            assertThat(r.err()).as(bad[0]).startsWith("batchcall: ").contains(bad[0]).doesNotContain("Exception").hasLineCount(1);
        }
        Result webhook = main(Map.of("BATCHCALL_DATA_DIR", fresh.toString(), "BATCHCALL_DIALER", "webhook"));
        assertThat(webhook.err()).contains("BATCHCALL_DIALER_WEBHOOK_URL");
        assertThat(Files.exists(fresh)).as("nothing written before the configuration is known good").isFalse();
    }

    @Test
    void aShortConfiguredKeyWorksButIsWarnedAbout() {
        Config config = Config.fromEnv(env("BATCHCALL_API_KEYS", "acme:short"));
        assertThat(config.warnings()).singleElement().asString().contains("shorter than 16").contains("keys create --org acme");
        assertThat(Config.fromEnv(env("BATCHCALL_API_KEYS", "acme:" + "k".repeat(16))).warnings()).isEmpty();
    }

    @Test
    void aTakenPortIsOneLineAndReleasesEverything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Result r = main(env("BATCHCALL_HTTP_PORT", Integer.toString(taken.getLocalPort())));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("already in use").contains("BATCHCALL_HTTP_PORT").hasLineCount(1);
        }
        // the data directory was released, and no first key was created and lost
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env()))) {
            assertThat(server.generatedKey()).as("the first key is created on the first start that serves").isNotNull();
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused() throws Exception {
        try (BatchCallServer first = BatchCallServer.start(Config.fromEnv(env()))) {
            assertThatThrownBy(() -> BatchCallServer.start(Config.fromEnv(env()))).hasMessageContaining("in use by another batchcall");
        }
    }

    @Test
    void configuredKeysFollowTheVariableAndCliKeysCanBeRevoked() throws Exception {
        String one = "configured-key-one-000001";
        String two = "configured-key-two-000002";
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env("BATCHCALL_API_KEYS", "acme:" + one)))) {
            assertThat(new Http(server.port(), one).get("/batch/jobs").get("_status").asInt()).isEqualTo(200);
        }
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(env("BATCHCALL_API_KEYS", "acme:" + two)))) {
            assertThat(new Http(server.port(), one).get("/batch/jobs").get("_status").asInt())
                    .as("a key removed from BATCHCALL_API_KEYS stops working").isEqualTo(401);
            assertThat(new Http(server.port(), two).get("/batch/jobs").get("_status").asInt()).isEqualTo(200);

            // keys created and revoked beside the running server
            Result created = main(env(), "keys", "create", "--org", "acme");
            assertThat(created.code()).isZero();
            String cliKey = created.out().trim();
            Http cli = new Http(server.port(), cliKey);
            assertThat(cli.get("/batch/jobs").get("_status").asInt()).isEqualTo(200);
            Result list = main(env(), "keys", "list", "--org", "acme");
            assertThat(list.out()).contains("cli").doesNotContain(cliKey);
            String keyId = created.err().replaceAll("(?s).*created key ([0-9a-f]{12}).*", "$1");
            assertThat(main(env(), "keys", "revoke", "--org", "acme", "--key-id", keyId).code()).isZero();
            long deadline = System.nanoTime() + 15_000_000_000L;
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                status = cli.get("/batch/jobs").get("_status").asInt();
            }
            assertThat(status).as("a revoked key stops working within seconds").isEqualTo(401);
            assertThat(main(env(), "keys", "revoke", "--org", "acme", "--key-id", keyId).code()).isEqualTo(1);
        }
    }
}
