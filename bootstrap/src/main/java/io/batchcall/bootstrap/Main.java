package io.batchcall.bootstrap;

import io.batchcall.adapter.http.HttpApi;
import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.JdbcApiKeys;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar bootstrap/target/batchcall.jar}: serves the API until SIGTERM. Also
 * {@code --help}, {@code --version} and {@code keys create|list|revoke}. Exit codes: 0 done,
 * 1 could not start or run (the port taken, the data directory in use …), 2 bad configuration or usage.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    static final String USAGE = String.join("\n",
            "Usage: java -jar batchcall.jar                      serve the API (configured by the environment)",
            "       java -jar batchcall.jar keys create --org ID create an API key for an organization (printed once)",
            "       java -jar batchcall.jar keys list [--org ID] list stored keys (ids, never the keys)",
            "       java -jar batchcall.jar keys revoke --org ID --key-id KEY_ID",
            "                                                    revoke a key (effective on every instance within "
                    + JdbcApiKeys.CACHE_MILLIS / 1000 + " s)",
            "       java -jar batchcall.jar --help | --version",
            "The key commands use the same database as the server (BATCHCALL_DATA_DIR or BATCHCALL_DB_URL).");

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns its exit code, or -1 when the server was started and keeps running. */
    static int run(String[] args, java.util.Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.contains("--help") || a.contains("-h")) {
            out.println(USAGE);
            out.println();
            out.println(Config.HELP);
            return 0;
        }
        if (a.contains("--version")) {
            out.println("batchcall " + version());
            return 0;
        }
        Config config;
        try {
            config = Config.fromEnv(env);
        } catch (Config.ConfigException e) {
            err.println("batchcall: " + e.getMessage());
            return 2;
        }
        if (!a.isEmpty() && a.get(0).equals("keys")) {
            return keys(a.subList(1, a.size()), config, out, err);
        }
        if (!a.isEmpty()) {
            err.println("batchcall: unknown arguments " + a);
            err.println(USAGE);
            return 2;
        }
        return serve(config, err);
    }

    private static int serve(Config config, PrintStream err) {
        if (!config.requestLog()) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HttpApi.REQUEST_LOG)).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        config.warnings().forEach(LOG::warn);
        BatchCallServer server;
        try {
            server = BatchCallServer.start(config);
        } catch (Exception | Error e) {
            err.println("batchcall: cannot start: " + reason(e));
            LOG.debug("start failed", e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            LOG.info("stopped");
        }, "batchcall-shutdown"));
        String where = config.dbUrl() == null ? "embedded database in " + config.dataDir().toAbsolutePath()
                : config.dbUrl().replaceAll("password=[^&]*", "password=***");
        LOG.info("batchcall {} listening on http://localhost:{} ({}, {} dialer)", version(), server.port(), where, config.dialer());
        if (server.generatedKey() != null) {
            System.out.println();
            System.out.println("  First start: created an API key for organization 'default'. It is shown only this once:");
            System.out.println();
            System.out.println("    " + server.generatedKey());
            System.out.println();
            System.out.println("  Use it as: Authorization: Bearer " + server.generatedKey());
            System.out.println();
        }
        return -1;
    }

    private static int keys(List<String> args, Config config, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        String command = args.get(0);
        Option<String> org = option(args, "--org");
        Option<String> keyId = option(args, "--key-id");
        if (!List.of("create", "list", "revoke").contains(command) || (!command.equals("list") && org.isEmpty())
                || (command.equals("revoke") && keyId.isEmpty())) {
            err.println(USAGE);
            return 2;
        }
        if (org.isDefined() && (org.get().isBlank() || org.get().length() > 200)) {
            err.println("batchcall: --org must be 1-200 characters");
            return 2;
        }
        try (Database db = config.dbUrl() == null ? Database.embeddedBesideServer(config.dataDir())
                : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), 2)) {
            JdbcApiKeys keys = new JdbcApiKeys(db);
            switch (command) {
                case "create" -> {
                    String key = new SystemTime().newApiKey();
                    keys.register(org.get(), key, JdbcApiKeys.Source.CLI);
                    out.println(key);
                    err.println("created key " + JdbcApiKeys.hash(key).substring(0, 12) + " for organization " + org.get()
                            + " (shown only this once)");
                }
                case "list" -> keys.list(org).forEach(k -> out.println(k.id() + "  " + k.organizationId() + "  " + k.source() + "  " + k.createdAt()));
                default -> {
                    if (!keys.revoke(org.get(), keyId.get())) {
                        err.println("batchcall: no key " + keyId.get() + " for organization " + org.get());
                        return 1;
                    }
                    out.println("revoked " + keyId.get());
                }
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("batchcall: " + reason(e));
            return 1;
        }
    }

    private static Option<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Option.of(args.get(i + 1)) : Option.none();
    }

    /** The innermost message worth showing (a bind failure, a locked directory …), one line. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof java.util.concurrent.CompletionException || t.getMessage() == null || t.getMessage().contains("Exception"))) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof java.net.BindException || message.contains("Address already in use")) {
            return "the HTTP port is already in use (" + message + "); set BATCHCALL_HTTP_PORT to a free port";
        }
        return message.lines().findFirst().orElse(message);
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
