package io.batchcall.bootstrap;

import io.batchcall.domain.contact.ContactStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything configurable, read from the environment (CONTRACT §9). All values are optional.
 */
public record Config(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, String apiKeys,
                     String dialer, String webhookUrl, long simSeed, double simCallSeconds,
                     Map<ContactStatus, Integer> simOutcomes, int orgConcurrency, Duration attemptDeadline,
                     long bodyLimitBytes, long maxContactsPerJob, Duration tickInterval, int dbPoolSize,
                     boolean benchRoutes) {

    public static Config fromEnv(Map<String, String> env) {
        Path dataDir = Path.of(env.getOrDefault("BATCHCALL_DATA_DIR", "./data"));
        return new Config(
                intValue(env, "BATCHCALL_HTTP_PORT", 8080),
                dataDir,
                blankToNull(env.get("BATCHCALL_DB_URL")),
                env.getOrDefault("BATCHCALL_DB_USER", ""),
                env.getOrDefault("BATCHCALL_DB_PASSWORD", ""),
                blankToNull(env.get("BATCHCALL_API_KEYS")),
                env.getOrDefault("BATCHCALL_DIALER", "simulated").trim().toLowerCase(java.util.Locale.ROOT),
                blankToNull(env.get("BATCHCALL_DIALER_WEBHOOK_URL")),
                Long.parseLong(env.getOrDefault("BATCHCALL_SIM_SEED", "42").trim()),
                Double.parseDouble(env.getOrDefault("BATCHCALL_SIM_CALL_SECONDS", "3").trim()),
                outcomes(env.getOrDefault("BATCHCALL_SIM_OUTCOMES", "completed=60,no_answer=20,busy=10,failed=10")),
                intValue(env, "BATCHCALL_ORG_CONCURRENCY", 50),
                Duration.ofSeconds(intValue(env, "BATCHCALL_ATTEMPT_DEADLINE_SECONDS", 600)),
                Long.parseLong(env.getOrDefault("BATCHCALL_MAX_BODY_BYTES", Long.toString(200L * 1024 * 1024)).trim()),
                Long.parseLong(env.getOrDefault("BATCHCALL_MAX_CONTACTS_PER_JOB", "1000000").trim()),
                Duration.ofMillis(intValue(env, "BATCHCALL_TICK_MILLIS", 100)),
                intValue(env, "BATCHCALL_DB_POOL_SIZE", 16),
                Boolean.parseBoolean(env.getOrDefault("BATCHCALL_BENCH_ROUTES", "false").trim()));
    }

    static Map<ContactStatus, Integer> outcomes(String spec) {
        Map<ContactStatus, Integer> weights = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=");
            ContactStatus status = ContactStatus.fromWire(kv[0].trim()).filter(ContactStatus::isOutcome)
                    .getOrElseThrow(() -> new IllegalArgumentException("BATCHCALL_SIM_OUTCOMES: unknown outcome '" + kv[0].trim() + "'"));
            weights.put(status, kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1);
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("BATCHCALL_SIM_OUTCOMES: weights must add up to more than 0");
        }
        return weights;
    }

    private static int intValue(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
