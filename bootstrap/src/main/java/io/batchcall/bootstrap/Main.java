package io.batchcall.bootstrap;

import io.batchcall.adapter.http.HttpApi;
import io.batchcall.adapter.persistence.Database;
import io.batchcall.adapter.persistence.key.JdbcApiKeys;
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
        return serve(config, env, err);
    }

    private static int serve(Config config, java.util.Map<String, String> env, PrintStream err) {
        // the request log's mode is its logger's level (RequestLog): summary INFO, lines DEBUG, off WARN
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(HttpApi.REQUEST_LOG)).setLevel(switch (config.requestLog()) {
            case "lines" -> ch.qos.logback.classic.Level.DEBUG;
            case "off" -> ch.qos.logback.classic.Level.WARN;
            default -> ch.qos.logback.classic.Level.INFO;
        });
        io.batchcall.adapter.http.edge.RequestLog.shared().summarizeEvery(config.requestLogSummary());
        config.warnings().forEach(LOG::warn);
        Config.unknownVariables(env).forEach(LOG::warn);
        boolean firstStart = config.dbUrl() == null && !java.nio.file.Files.exists(config.dataDir().resolve(Database.EMBEDDED_FILE));
        if (firstStart && java.nio.file.Files.exists(config.dataDir().resolve("batchcall.mv.db"))) {
            LOG.warn("{} holds a batchcall 0.1 database (batchcall.mv.db, H2): its jobs and keys are not carried over to this version's"
                    + " store (docs/adr/0005-embedded-store-sqlite.md); a new database is created beside it", config.dataDir().toAbsolutePath());
        }
        BatchCallServer server;
        try {
            server = BatchCallServer.start(config);
        } catch (Exception | Error e) {
            String why = reason(e).replace(PORT_IN_USE, "the HTTP port " + config.httpPort() + " is already in use");
            err.println("batchcall: cannot start: " + why);
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
            err.println("batchcall: keys needs a command: create, list or revoke");
            err.println(USAGE);
            return 2;
        }
        String command = args.get(0);
        if (!List.of("create", "list", "revoke").contains(command)) {
            err.println("batchcall: unknown keys command '" + command + "' (create, list or revoke)");
            return 2;
        }
        List<String> allowed = switch (command) {
            case "create" -> List.of("--org");
            case "list" -> List.of("--org");
            default -> List.of("--org", "--key-id");
        };
        for (int i = 1; i < args.size(); i += 2) {
            if (!allowed.contains(args.get(i)) || i + 1 >= args.size()) {
                err.println("batchcall: keys " + command + (allowed.contains(args.get(i)) ? ": " + args.get(i) + " needs a value"
                        : ": unexpected argument '" + args.get(i) + "' (it takes " + String.join(" and ", allowed) + ")"));
                return 2;
            }
        }
        Option<String> org = option(args, "--org");
        Option<String> keyId = option(args, "--key-id");
        if (!command.equals("list") && org.isEmpty()) {
            err.println("batchcall: keys " + command + " needs --org ID (the organization the key is for)");
            return 2;
        }
        if (command.equals("revoke") && keyId.isEmpty()) {
            err.println("batchcall: keys revoke needs --key-id KEY_ID (see: keys list --org " + org.get() + ")");
            return 2;
        }
        if (org.isDefined() && (org.get().isBlank() || org.get().length() > 200)) {
            err.println("batchcall: --org must be 1-200 characters");
            return 2;
        }
        boolean embedded = config.dbUrl() == null;
        java.nio.file.Path file = config.dataDir().toAbsolutePath().normalize().resolve(Database.EMBEDDED_FILE);
        String where = embedded ? "embedded database " + file : config.dbUrl().replaceAll("password=[^&]*", "password=***");
        if (embedded && !command.equals("create") && !java.nio.file.Files.exists(file)) {
            err.println("batchcall: no database at " + file + " (set BATCHCALL_DATA_DIR to the server's data directory, or"
                    + " BATCHCALL_DB_URL for PostgreSQL)");
            return 1;
        }
        err.println("batchcall: using the " + where);
        try (Database db = embedded ? Database.embeddedBesideServer(config.dataDir())
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
                case "list" -> {
                    out.println("KEY_ID        ORGANIZATION  SOURCE  CREATED_AT");
                    keys.list(org).forEach(k -> out.println(k.id() + "  " + k.organizationId() + "  " + k.source() + "  " + k.createdAt()));
                }
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
            return PORT_IN_USE + " (" + message + "); set BATCHCALL_HTTP_PORT to a free port";
        }
        return message.lines().findFirst().orElse(message);
    }

    private static final String PORT_IN_USE = "the HTTP port is already in use";

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
