package io.batchcall.bootstrap;

import io.batchcall.adapter.telephony.livekit.LiveKitSettings;
import io.batchcall.adapter.telephony.twilio.TwilioSettings;
import io.batchcall.domain.contact.AttemptCap;
import io.batchcall.domain.contact.ContactStatus;
import io.batchcall.domain.window.CallingWindow;
import io.vavr.control.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything configurable, read from the environment (CONTRACT §9) and checked as a whole before
 * anything is touched: a bad value is a {@link ConfigException} naming the variable and what it
 * accepts. All values are optional.
 */
public record Config(int httpPort, Path dataDir, String dbUrl, String dbUser, String dbPassword, String apiKeys,
                     String dialer, String webhookUrl, long simSeed, double simCallSeconds,
                     Map<ContactStatus, Integer> simOutcomes, int orgConcurrency, Duration attemptDeadline,
                     long bodyLimitBytes, long maxContactsPerJob, Duration tickInterval, int dbPoolSize,
                     boolean benchRoutes, long jsonLimitBytes, Option<CallingWindow> callingWindow,
                     Option<AttemptCap> numberAttemptCap, Duration webhookRetryBase, String logFormat, String requestLog,
                     Duration requestLogSummary,
                     TwilioSettings twilio, LiveKitSettings livekit, long detailCacheBytes, Option<Double> dialRate,
                     Option<Duration> conversationPause, io.batchcall.domain.window.CallingRules callingRules) {

    /**
     * Shortest configured API key that starts without a warning: keys are stored as unsalted SHA-256, so a
     * short one could be guessed from a copy of the database. Shorter keys still work (CONTRACT §9 sets
     * no length), and the start says so.
     */
    public static final int MIN_KEY_LENGTH = 16;

    /** A configuration value that cannot be used; the message names the variable and the allowed values. */
    public static final class ConfigException extends RuntimeException {
        ConfigException(String message) {
            super(message);
        }
    }

    /** The variables, their defaults and meanings, for --help. */
    static final String HELP = String.join("\n",
            "Environment (all optional):",
            "  BATCHCALL_HTTP_PORT                 HTTP port, 0-65535 (0 = any free port)            [8080]",
            "  BATCHCALL_DATA_DIR                  embedded database and upload spool                   [./data]",
            "  BATCHCALL_DB_URL, _USER, _PASSWORD  a jdbc:postgresql: URL switches to PostgreSQL",
            "  BATCHCALL_DB_POOL_SIZE              connections per instance (PostgreSQL), 1-500        [16]",
            "  BATCHCALL_API_KEYS                  orgId:key[,orgId:key...] (use keys of " + MIN_KEY_LENGTH + "+ random characters)",
            "  BATCHCALL_DIALER                    simulated | webhook | twilio | livekit               [simulated]",
            "  BATCHCALL_DIALER_WEBHOOK_URL        http(s) URL the webhook dialer POSTs dial requests to",
            "  BATCHCALL_PUBLIC_URL                where providers reach this server (twilio: status callbacks)",
            "  BATCHCALL_TWILIO_ACCOUNT_SID, BATCHCALL_TWILIO_AUTH_TOKEN, BATCHCALL_TWILIO_TWIML_URL ({agentId} replaced)",
            "  BATCHCALL_TWILIO_MACHINE_DETECTION  true | false                                         [false]",
            "  BATCHCALL_TWILIO_MACHINE_OUTCOME    completed | no_answer: a call answered by a machine   [no_answer]",
            "  BATCHCALL_TWILIO_API_URL            Twilio's REST API                                    [https://api.twilio.com]",
            "  BATCHCALL_TWILIO_RINGING_SECONDS    how long a call rings before it is no_answer, 5-600  [30]",
            "  BATCHCALL_TWILIO_WEBHOOK_SHARED_KEY the shared key of a Twilio Webhooks Rule signing our callbacks [none]",
            "  BATCHCALL_LIVEKIT_URL, _API_KEY, _API_SECRET, _SIP_TRUNK_ID; BATCHCALL_LIVEKIT_RINGING_SECONDS 5-300 [30]",
            "  BATCHCALL_SIM_SEED                  integer                                              [42]",
            "  BATCHCALL_SIM_CALL_SECONDS          mean simulated call length, 0-3600                   [3]",
            "  BATCHCALL_SIM_OUTCOMES              outcome=weight,...        [completed=60,no_answer=20,busy=10,failed=10]",
            "  BATCHCALL_ORG_CONCURRENCY           contacts of one organization dialing at once, 1-100000 [50]",
            "  BATCHCALL_ATTEMPT_DEADLINE_SECONDS  attempt closed as failed without an outcome, 1-86400 [600]",
            "  BATCHCALL_MAX_BODY_BYTES            largest CSV upload, 1024-4294967296                  [209715200]",
            "  BATCHCALL_MAX_JSON_BODY_BYTES       largest JSON body, 1024-1073741824                   [16777216]",
            "  BATCHCALL_MAX_CONTACTS_PER_JOB      1-10000000                                           [1000000]",
            "  BATCHCALL_TICK_MILLIS               dispatcher period, 1-60000                           [100]",
            "  BATCHCALL_CALLING_WINDOW            HH:mm-HH:mm in each contact's local time, e.g. 08:00-21:00 [unset: any time]",
            "  BATCHCALL_DIAL_RATE                 new dials per second per organization, all instances, 0.1-100000 [unset: none]",
            "  BATCHCALL_NUMBER_ATTEMPT_CAP        N/Md|N/Mh|N/Mm dials per number per organization, e.g. 7/7d [unset: none]",
            "  BATCHCALL_CALLING_RULES             a JSON rule pack: hours, holidays per region (rules/us-example.json) [unset: none]",
            "  BATCHCALL_CONVERSATION_PAUSE        Nd|Nh|Nm|Ns after a conversation (completed, not a machine) no job of the",
            "                                      organization dials the number, but for a callback asked for, e.g. 7d [unset: none]",
            "  BATCHCALL_WEBHOOK_RETRY_BASE_MILLIS first wait after a failed webhook delivery, 10-3600000;",
            "                                      later waits grow to 1440x it, 10 tries in all          [30000]",
            "  BATCHCALL_LOG_FORMAT                text | json (one JSON object per line, on stderr)   [text]",
            "  BATCHCALL_REQUEST_LOG               summary: a line per route each minute (requests, status classes, p50/p99/max ms);",
            "                                      lines: also a line per request (method, route, path, status, ms, organization);",
            "                                      off (true = lines, false = off, as before)                           [summary]",
            "  BATCHCALL_REQUEST_LOG_SUMMARY_SECONDS  how often the request log's summary is written, 1-3600          [60]",
            "  BATCHCALL_DETAIL_CACHE_MB           job-detail answers kept to serve again while current, 0-4096 (0: off) [32]",
            "  BATCHCALL_BENCH_ROUTES              true | false: benchmark-only routes                  [false]");

    public static Config fromEnv(Map<String, String> env) {
        Reader r = new Reader(env);
        String dialer = r.choice("BATCHCALL_DIALER", "simulated", "simulated", "webhook", "twilio", "livekit");
        long deadline = r.number("BATCHCALL_ATTEMPT_DEADLINE_SECONDS", 600, 1, 86_400);
        TwilioSettings twilio = dialer.equals("twilio") ? twilio(r, deadline) : null;
        LiveKitSettings livekit = dialer.equals("livekit") ? livekit(r, deadline) : null;
        String webhook = r.text("BATCHCALL_DIALER_WEBHOOK_URL");
        if (webhook != null) {
            webhook = r.url("BATCHCALL_DIALER_WEBHOOK_URL", webhook);
        } else if (dialer.equals("webhook")) {
            throw new ConfigException("BATCHCALL_DIALER_WEBHOOK_URL is required with BATCHCALL_DIALER=webhook (an http(s) URL)");
        }
        String dbUrl = r.text("BATCHCALL_DB_URL");
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("BATCHCALL_DB_URL must be a jdbc:postgresql: URL (leave it unset for the embedded database), got '"
                    + dbUrl.replaceAll("password=[^&]*", "password=***") + "'");
        }
        String keys = r.text("BATCHCALL_API_KEYS");
        if (keys != null) {
            parseKeys(keys);
        }
        String dataDir = java.util.Objects.requireNonNullElse(r.raw("BATCHCALL_DATA_DIR"), "./data");
        if (dataDir.isBlank()) {
            throw new ConfigException("BATCHCALL_DATA_DIR must name a directory");
        }
        return new Config(
                (int) r.number("BATCHCALL_HTTP_PORT", 8080, 0, 65535),
                Path.of(dataDir.trim()),
                dbUrl,
                java.util.Objects.requireNonNullElse(r.raw("BATCHCALL_DB_USER"), ""),
                java.util.Objects.requireNonNullElse(r.raw("BATCHCALL_DB_PASSWORD"), ""),
                keys,
                dialer,
                webhook,
                r.number("BATCHCALL_SIM_SEED", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                r.decimal("BATCHCALL_SIM_CALL_SECONDS", 3, 0, 3600),
                r.outcomes("BATCHCALL_SIM_OUTCOMES", "completed=60,no_answer=20,busy=10,failed=10"),
                (int) r.number("BATCHCALL_ORG_CONCURRENCY", 50, 1, 100_000),
                Duration.ofSeconds(deadline),
                r.number("BATCHCALL_MAX_BODY_BYTES", 200L * 1024 * 1024, 1024, 4L * 1024 * 1024 * 1024),
                r.number("BATCHCALL_MAX_CONTACTS_PER_JOB", 1_000_000, 1, 10_000_000),
                Duration.ofMillis(r.number("BATCHCALL_TICK_MILLIS", 100, 1, 60_000)),
                (int) r.number("BATCHCALL_DB_POOL_SIZE", 16, 1, 500),
                r.choice("BATCHCALL_BENCH_ROUTES", "false", "true", "false").equals("true"),
                r.number("BATCHCALL_MAX_JSON_BODY_BYTES", 16L * 1024 * 1024, 1024, 1024L * 1024 * 1024),
                r.text("BATCHCALL_CALLING_WINDOW") == null ? Option.none() : Option.of(CallingWindow.parseRange(r.text("BATCHCALL_CALLING_WINDOW"))
                        .getOrElseThrow(e -> new ConfigException("BATCHCALL_CALLING_WINDOW: " + e + ", got '" + r.text("BATCHCALL_CALLING_WINDOW") + "'"))),
                r.text("BATCHCALL_NUMBER_ATTEMPT_CAP") == null ? Option.none() : Option.of(AttemptCap.parse(r.text("BATCHCALL_NUMBER_ATTEMPT_CAP"))
                        .getOrElseThrow(e -> new ConfigException("BATCHCALL_NUMBER_ATTEMPT_CAP: " + e + ", got '" + r.text("BATCHCALL_NUMBER_ATTEMPT_CAP") + "'"))),
                Duration.ofMillis(r.number("BATCHCALL_WEBHOOK_RETRY_BASE_MILLIS", 30_000, 10, 3_600_000)),
                r.choice("BATCHCALL_LOG_FORMAT", "text", "text", "json"),
                requestLogMode(r.choice("BATCHCALL_REQUEST_LOG", "summary", "summary", "lines", "off", "true", "false")),
                Duration.ofSeconds(r.number("BATCHCALL_REQUEST_LOG_SUMMARY_SECONDS", 60, 1, 3600)),
                twilio, livekit,
                r.number("BATCHCALL_DETAIL_CACHE_MB", 32, 0, 4096) * 1024 * 1024,
                r.text("BATCHCALL_DIAL_RATE") == null ? Option.none() : Option.of(r.decimal("BATCHCALL_DIAL_RATE", 0, 0.1, 100_000)),
                r.text("BATCHCALL_CONVERSATION_PAUSE") == null ? Option.none() : Option.of(pause(r.text("BATCHCALL_CONVERSATION_PAUSE"))),
                r.text("BATCHCALL_CALLING_RULES") == null ? io.batchcall.domain.window.CallingRules.NONE
                        : CallingRulesFile.load(r.text("BATCHCALL_CALLING_RULES")));
    }

    /** {@code BATCHCALL_CONVERSATION_PAUSE}: {@code Nd}, {@code Nh}, {@code Nm} or {@code Ns}, from 1 second to 3,650 days. */
    static Duration pause(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.matches("\\d{1,7}[dhms]")) {
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            Duration d = switch (s.charAt(s.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
            if (!d.isZero() && d.compareTo(Duration.ofDays(3650)) <= 0) {
                return d;
            }
        }
        throw new ConfigException("BATCHCALL_CONVERSATION_PAUSE: Nd, Nh, Nm or Ns between 1s and 3650d, e.g. 7d, got '" + spec + "'");
    }

    private static TwilioSettings twilio(Reader r, long deadline) {
        String sid = r.required("BATCHCALL_TWILIO_ACCOUNT_SID", "the Twilio account SID (AC…)");
        String token = r.required("BATCHCALL_TWILIO_AUTH_TOKEN", "the Twilio auth token");
        String publicUrl = r.url("BATCHCALL_PUBLIC_URL", r.required("BATCHCALL_PUBLIC_URL",
                "where Twilio reaches this server (https://…) for its status callbacks"));
        String twiml = r.required("BATCHCALL_TWILIO_TWIML_URL", "the TwiML URL of the agent ({agentId} is replaced by the job's agentId)");
        r.url("BATCHCALL_TWILIO_TWIML_URL", twiml.replace("{agentId}", "agent"));
        String api = r.text("BATCHCALL_TWILIO_API_URL") == null ? "https://api.twilio.com" : r.url("BATCHCALL_TWILIO_API_URL", r.text("BATCHCALL_TWILIO_API_URL"));
        boolean amd = r.choice("BATCHCALL_TWILIO_MACHINE_DETECTION", "false", "true", "false").equals("true");
        ContactStatus machine = ContactStatus.fromWire(r.choice("BATCHCALL_TWILIO_MACHINE_OUTCOME", "no_answer", "no_answer", "completed")).get();
        int ringing = (int) r.number("BATCHCALL_TWILIO_RINGING_SECONDS", 30, 5, 600);
        return new TwilioSettings(sid, token, URI.create(api), publicUrl, twiml, amd, machine, ringing, io.batchcall.adapter.telephony.CallLimits.longestCall(deadline, ringing),
                r.text("BATCHCALL_TWILIO_WEBHOOK_SHARED_KEY"));
    }

    private static LiveKitSettings livekit(Reader r, long deadline) {
        String url = r.url("BATCHCALL_LIVEKIT_URL", r.required("BATCHCALL_LIVEKIT_URL", "the LiveKit server (https://…)"));
        int ringing = (int) r.number("BATCHCALL_LIVEKIT_RINGING_SECONDS", 30, 5, 300);
        return new LiveKitSettings(URI.create(url), r.required("BATCHCALL_LIVEKIT_API_KEY", "the LiveKit API key"),
                r.required("BATCHCALL_LIVEKIT_API_SECRET", "the LiveKit API secret"),
                r.required("BATCHCALL_LIVEKIT_SIP_TRUNK_ID", "the outbound SIP trunk id (ST_…)"),
                ringing, io.batchcall.adapter.telephony.CallLimits.longestCall(deadline, ringing));
    }

    /** The configuration without its secrets (passwords, keys, tokens): safe to log. */
    @Override
    public String toString() {
        return "Config[httpPort=" + httpPort + ", dataDir=" + dataDir + ", db=" + (dbUrl == null ? "embedded" : dbUrl.replaceAll("password=[^&]*", "password=***"))
                + ", dialer=" + dialer + (twilio == null ? "" : ", " + twilio) + (livekit == null ? "" : ", " + livekit) + "]";
    }

    /** The configured keys as organization → key pairs, checked. */
    static Map<String, String> parseKeys(String spec) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            String[] parts = pair.trim().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new ConfigException("BATCHCALL_API_KEYS must be orgId:key[,orgId:key...]");
            }
            String org = parts[0].trim();
            String key = parts[1].trim();
            if (org.length() > 200 || org.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException("BATCHCALL_API_KEYS: organization ids are 1-200 printable characters, got '" + org + "'");
            }
            if (key.length() > 512 || key.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException("BATCHCALL_API_KEYS: the key of organization '" + org + "' must be 1 to 512 printable characters");
            }
            keys.put(key, org);
        }
        return keys;
    }

    /** Every variable the server reads (--help lists them with their meanings). */
    public static final java.util.Set<String> KNOWN = java.util.Set.of("BATCHCALL_API_KEYS", "BATCHCALL_ATTEMPT_DEADLINE_SECONDS",
            "BATCHCALL_BENCH_ROUTES", "BATCHCALL_CALLING_RULES", "BATCHCALL_CALLING_WINDOW", "BATCHCALL_CONVERSATION_PAUSE", "BATCHCALL_DATA_DIR", "BATCHCALL_DB_PASSWORD", "BATCHCALL_DB_POOL_SIZE",
            "BATCHCALL_DB_URL", "BATCHCALL_DB_USER", "BATCHCALL_DETAIL_CACHE_MB", "BATCHCALL_DIALER", "BATCHCALL_DIALER_WEBHOOK_URL",
            "BATCHCALL_HTTP_PORT", "BATCHCALL_LIVEKIT_API_KEY", "BATCHCALL_LIVEKIT_API_SECRET", "BATCHCALL_LIVEKIT_RINGING_SECONDS",
            "BATCHCALL_LIVEKIT_SIP_TRUNK_ID", "BATCHCALL_LIVEKIT_URL", "BATCHCALL_LOG_FORMAT", "BATCHCALL_MAX_BODY_BYTES",
            "BATCHCALL_MAX_CONTACTS_PER_JOB", "BATCHCALL_MAX_JSON_BODY_BYTES", "BATCHCALL_NUMBER_ATTEMPT_CAP", "BATCHCALL_DIAL_RATE", "BATCHCALL_ORG_CONCURRENCY",
            "BATCHCALL_PUBLIC_URL", "BATCHCALL_REQUEST_LOG", "BATCHCALL_REQUEST_LOG_SUMMARY_SECONDS", "BATCHCALL_SIM_CALL_SECONDS", "BATCHCALL_SIM_OUTCOMES", "BATCHCALL_SIM_SEED",
            "BATCHCALL_TICK_MILLIS", "BATCHCALL_TWILIO_ACCOUNT_SID", "BATCHCALL_TWILIO_API_URL", "BATCHCALL_TWILIO_AUTH_TOKEN",
            "BATCHCALL_TWILIO_MACHINE_DETECTION", "BATCHCALL_TWILIO_MACHINE_OUTCOME", "BATCHCALL_TWILIO_RINGING_SECONDS", "BATCHCALL_TWILIO_TWIML_URL", "BATCHCALL_TWILIO_WEBHOOK_SHARED_KEY",
            "BATCHCALL_WEBHOOK_RETRY_BASE_MILLIS");
    /** Read by the project's own test build and scripts, not by the server: never warned about. */
    static final java.util.Set<String> NOT_THE_SERVERS = java.util.Set.of("BATCHCALL_REQUIRE_BROWSER");

    /**
     * A warning for each {@code BATCHCALL_*} variable the server does not know, naming the closest known one:
     * a misspelled {@code BATCHCALL_DAILER=webhook} would otherwise start the simulated dialer without a word.
     */
    public static java.util.List<String> unknownVariables(Map<String, String> env) {
        org.apache.commons.text.similarity.LevenshteinDistance distance = org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance();
        return env.keySet().stream().filter(n -> n.startsWith("BATCHCALL_") && !KNOWN.contains(n) && !NOT_THE_SERVERS.contains(n)).sorted()
                .map(n -> {
                    String closest = KNOWN.stream().min(java.util.Comparator.comparingInt((String k) -> distance.apply(n, k))
                            .thenComparing(k -> k)).orElseThrow();
                    boolean near = distance.apply(n, closest) <= Math.max(3, n.length() / 4);
                    return n + " is not a setting of this server and is ignored" + (near ? "; did you mean " + closest + "?" : "")
                            + " (java -jar batchcall.jar --help lists them)";
                }).toList();
    }

    /** What the operator should know at start: configured keys too short to resist guessing. */
    public java.util.List<String> warnings() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (apiKeys != null) {
            parseKeys(apiKeys).forEach((key, org) -> {
                if (key.length() < MIN_KEY_LENGTH) {
                    out.add("BATCHCALL_API_KEYS: the key of organization '" + org + "' is shorter than " + MIN_KEY_LENGTH
                            + " characters; create a strong one with: java -jar batchcall.jar keys create --org " + org);
                }
            });
        }
        return out;
    }

    /** Reads and checks one variable at a time. */
    private record Reader(Map<String, String> env) {

        /** The raw value; every name read is one of {@link #KNOWN}, the list the start-up warning checks against. */
        String raw(String name) {
            if (!KNOWN.contains(name)) {
                throw new IllegalStateException(name + " is read but missing from Config.KNOWN");
            }
            return env.get(name);
        }

        String text(String name) {
            String v = raw(name);
            return v == null || v.isBlank() ? null : v.trim();
        }

        long number(String name, long dflt, long min, long max) {
            String v = text(name);
            if (v == null) {
                return dflt;
            }
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(name + " must be an integer from " + min + " to " + max + ", got '" + v + "'");
        }

        double decimal(String name, double dflt, double min, double max) {
            String v = text(name);
            if (v == null) {
                return dflt;
            }
            try {
                double d = Double.parseDouble(v);
                if (d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(name + " must be a number from " + min + " to " + max + ", got '" + v + "'");
        }

        String required(String name, String what) {
            String v = text(name);
            if (v == null) {
                throw new ConfigException(name + " is required with this BATCHCALL_DIALER: " + what);
            }
            return v;
        }

        String choice(String name, String dflt, String... allowed) {
            String v = text(name);
            if (v == null) {
                return dflt;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(lower)) {
                    return a;
                }
            }
            throw new ConfigException(name + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }

        String url(String name, String v) {
            try {
                URI uri = URI.create(v);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return v;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            throw new ConfigException(name + " must be an http:// or https:// URL, got '" + v + "'");
        }

        Map<ContactStatus, Integer> outcomes(String name, String dflt) {
            String spec = text(name) == null ? dflt : text(name);
            Map<ContactStatus, Integer> weights = new LinkedHashMap<>();
            String allowed = ContactStatus.outcomes().map(ContactStatus::wire).mkString(", ");
            for (String part : spec.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] kv = part.split("=", 2);
                ContactStatus status = ContactStatus.fromWire(kv[0].trim()).filter(ContactStatus::isOutcome).getOrElseThrow(() ->
                        new ConfigException(name + ": '" + kv[0].trim() + "' is not an outcome (one of " + allowed + ")"));
                int weight;
                try {
                    weight = kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1;
                } catch (NumberFormatException e) {
                    throw new ConfigException(name + ": the weight of " + status.wire() + " must be an integer, got '" + kv[1].trim() + "'");
                }
                if (weight < 0 || weight > 1_000_000) {
                    throw new ConfigException(name + ": weights must be 0 to 1000000");
                }
                weights.put(status, weight);
            }
            if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
                throw new ConfigException(name + " must be outcome=weight,... with weights adding up to more than 0, e.g. " + dflt);
            }
            return weights;
        }
    }

    /** The request log's mode from its variable: {@code true} and {@code false}, its earlier values, read as lines and off. */
    static String requestLogMode(String value) {
        return value.equals("true") ? "lines" : value.equals("false") ? "off" : value;
    }
}
