package io.batchcall.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar bootstrap/target/batchcall.jar}: serves the API until SIGTERM. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.fromEnv(System.getenv());
        BatchCallServer server = BatchCallServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            LOG.info("stopped");
        }, "batchcall-shutdown"));
        String where = config.dbUrl() == null ? "embedded database in " + config.dataDir().toAbsolutePath() : config.dbUrl().replaceAll("password=[^&]*", "password=***");
        LOG.info("batchcall listening on http://localhost:{} ({}, {} dialer)", server.port(), where, config.dialer());
        if (server.generatedKey() != null) {
            System.out.println();
            System.out.println("  First start: created an API key for organization 'default'. It is shown only this once:");
            System.out.println();
            System.out.println("    " + server.generatedKey());
            System.out.println();
            System.out.println("  Use it as: Authorization: Bearer " + server.generatedKey());
            System.out.println();
        }
    }
}
