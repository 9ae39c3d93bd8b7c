package io.batchcall.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 32: deploy/compose.yaml — PostgreSQL (a pinned official image with a health check), two batchcall instances
 * on their own ports sharing it, Prometheus scraping both; every BATCHCALL_* variable it sets is one the server knows,
 * and the values it sets are ones the server accepts.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "deploy", "compose.yaml");

    @Test
    void theComposeFileRunsTwoInstancesOnPostgresWithVariablesTheServerKnows() throws Exception {
        JsonNode compose = new YAMLMapper().readTree(COMPOSE.toFile());
        JsonNode services = compose.get("services");
        assertThat(services.get("postgres").get("image").asText()).matches("postgres:\\d+\\.\\d+-\\w+");
        assertThat(services.get("postgres").get("healthcheck").get("test").toString()).contains("pg_isready");

        List<JsonNode> instances = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("batchcall-")) {
                instances.add(e.getValue());
            }
        });
        assertThat(instances).hasSize(2);
        assertThat(instances.stream().map(i -> i.get("ports").get(0).asText()).distinct()).hasSize(2);
        for (JsonNode instance : instances) {
            assertThat(instance.get("depends_on").get("postgres").get("condition").asText()).isEqualTo("service_healthy");
            Map<String, String> env = new java.util.TreeMap<>();
            instance.get("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            assertThat(env.keySet()).allMatch(k -> k.startsWith("BATCHCALL_"));
            assertThat(Config.unknownVariables(env)).as("variables the server does not know").isEmpty();
            assertThat(env.get("BATCHCALL_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
            // the values, with compose's ${VAR:-default} / ${VAR:?message} filled in as a user would, pass the server's checks
            Map<String, String> filled = new java.util.HashMap<>();
            env.forEach((k, v) -> filled.put(k, v.startsWith("${") ? (k.equals("BATCHCALL_API_KEYS") ? "acme:compose-key-000000000001" : "batchcall") : v));
            Config config = Config.fromEnv(filled);
            assertThat(config.dbUrl()).isEqualTo(env.get("BATCHCALL_DB_URL"));
        }
        String scraped = services.get("prometheus").get("volumes").get(0).asText();
        assertThat(scraped).startsWith("./prometheus.yml:");
        JsonNode prometheus = new YAMLMapper().readTree(COMPOSE.resolveSibling("prometheus.yml").toFile());
        assertThat(prometheus.get("scrape_configs").get(0).get("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(prometheus.get("scrape_configs").get(0).get("static_configs").get(0).get("targets").toString())
                .contains("batchcall-1:8080").contains("batchcall-2:8080");
    }
}
