package io.batchcall.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the packaged jar says to an operator who makes a common mistake: a misspelled variable, a 0.1
 * data directory, a port already taken, key commands run from another directory or without their
 * arguments.
 */
class StartupMessagesIT {

    private record Run(int code, String out, String err) {
    }

    private static Run jar(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-jar", Path.of("target", "batchcall.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BATCHCALL_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not end: " + List.of(args));
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    /** Starts the server, waits for its first lines, stops it; everything it printed. */
    private static String startAndStop(Path dir, Map<String, String> env) throws Exception {
        Path log = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-jar", Path.of("target", "batchcall.jar").toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BATCHCALL_"));
        pb.environment().putAll(env);
        Process server = pb.start();
        try {
            long end = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < end && !Files.readString(log).contains("listening on") && server.isAlive()) {
                Thread.sleep(50);
            }
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void aMisspelledVariableIsNamedWithTheClosestKnownOne(@TempDir Path dir) throws Exception {
        String log = startAndStop(dir, Map.of("BATCHCALL_HTTP_PORT", "0", "BATCHCALL_DAILER", "webhook"));
        assertThat(log).contains("BATCHCALL_DAILER is not a setting").contains("did you mean BATCHCALL_DIALER?");
    }

    @Test
    void aDataDirectoryOfVersionZeroOneIsSaidOnce(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("batchcall.mv.db"), "H2 0.1");
        String first = startAndStop(dir, Map.of("BATCHCALL_HTTP_PORT", "0"));
        assertThat(first).contains("batchcall.mv.db").contains("not carried over");
        String second = startAndStop(dir, Map.of("BATCHCALL_HTTP_PORT", "0"));
        assertThat(second).contains("listening on").doesNotContain("not carried over");
    }

    @Test
    void aTakenPortIsNamed(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Run r = jar(dir, Map.of("BATCHCALL_HTTP_PORT", Integer.toString(taken.getLocalPort())));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("the HTTP port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void keyCommandsSayWhichDatabaseAndNeverCreateOneToReadIt(@TempDir Path dir) throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Run list = jar(elsewhere, Map.of(), "keys", "list");
        assertThat(list.code()).isEqualTo(1);
        assertThat(list.err()).contains("no database at").contains(elsewhere.resolve("data").resolve("batchcall.sqlite").toString())
                .contains("BATCHCALL_DATA_DIR");
        assertThat(elsewhere.resolve("data")).as("list creates no database").doesNotExist();
        Run revoke = jar(elsewhere, Map.of(), "keys", "revoke", "--org", "acme", "--key-id", "abc");
        assertThat(revoke.code()).isEqualTo(1);
        assertThat(elsewhere.resolve("data")).doesNotExist();

        Run noOrg = jar(dir, Map.of(), "keys", "create");
        assertThat(noOrg.code()).isEqualTo(2);
        assertThat(noOrg.err()).contains("needs --org");
        Run bare = jar(dir, Map.of(), "keys");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("create, list or revoke");
        Run extra = jar(dir, Map.of(), "keys", "create", "--org", "acme", "oops");
        assertThat(extra.code()).isEqualTo(2);
        assertThat(extra.err()).contains("'oops'");

        Run created = jar(dir, Map.of(), "keys", "create", "--org", "acme");
        assertThat(created.code()).isZero();
        assertThat(created.err()).contains("using the embedded database " + dir.resolve("data").resolve("batchcall.sqlite"));
        Run listed = jar(dir, Map.of(), "keys", "list");
        assertThat(listed.code()).isZero();
        assertThat(listed.out().lines().findFirst().orElse("")).startsWith("KEY_ID").contains("ORGANIZATION");
        assertThat(listed.out()).contains("acme");
    }
}
