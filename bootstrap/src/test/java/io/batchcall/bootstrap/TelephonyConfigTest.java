package io.batchcall.bootstrap;

import io.batchcall.adapter.telephony.twilio.TwilioSignature;
import io.batchcall.domain.contact.ContactStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider dialers from configuration alone: checked variables, secrets never printed, callbacks mounted and signed. */
class TelephonyConfigTest {

    private static Map<String, String> twilio(Path data) {
        Map<String, String> env = new HashMap<>(Map.of("BATCHCALL_DIALER", "twilio", "BATCHCALL_TWILIO_ACCOUNT_SID", "AC0001",
                "BATCHCALL_TWILIO_AUTH_TOKEN", "super-secret-token-0001", "BATCHCALL_PUBLIC_URL", "http://localhost:1",
                "BATCHCALL_TWILIO_TWIML_URL", "https://agents.example.com/twiml/{agentId}", "BATCHCALL_HTTP_PORT", "0",
                "BATCHCALL_DATA_DIR", data.toString(), "BATCHCALL_API_KEYS", "org-1:telephony-key-000001"));
        env.put("BATCHCALL_TWILIO_MACHINE_OUTCOME", "completed");
        return env;
    }

    @Test
    void twilioAndLiveKitAreConfiguredFromTheEnvironmentAndTheirSecretsAreNeverPrinted(@TempDir Path data) {
        Config config = Config.fromEnv(twilio(data));
        assertThat(config.twilio().accountSid()).isEqualTo("AC0001");
        assertThat(config.twilio().machineOutcome()).isEqualTo(ContactStatus.COMPLETED);
        assertThat(config.twilio().apiBase()).hasToString("https://api.twilio.com");
        assertThat(config.toString()).doesNotContain("super-secret-token-0001").doesNotContain("telephony-key-000001");

        Config livekit = Config.fromEnv(Map.of("BATCHCALL_DIALER", "livekit", "BATCHCALL_LIVEKIT_URL", "https://x.livekit.cloud",
                "BATCHCALL_LIVEKIT_API_KEY", "APIx", "BATCHCALL_LIVEKIT_API_SECRET", "livekit-secret-0001", "BATCHCALL_LIVEKIT_SIP_TRUNK_ID", "ST_1"));
        assertThat(livekit.livekit().ringingSeconds()).isEqualTo(30);
        assertThat(livekit.toString()).doesNotContain("livekit-secret-0001");
    }

    @Test
    void aMissingOrBadVariableIsNamed(@TempDir Path data) {
        Map<String, String> env = twilio(data);
        env.remove("BATCHCALL_TWILIO_AUTH_TOKEN");
        assertThatThrownBy(() -> Config.fromEnv(env)).isInstanceOf(Config.ConfigException.class).hasMessageContaining("BATCHCALL_TWILIO_AUTH_TOKEN");
        Map<String, String> bad = twilio(data);
        bad.put("BATCHCALL_TWILIO_MACHINE_OUTCOME", "busy");
        assertThatThrownBy(() -> Config.fromEnv(bad)).hasMessageContaining("BATCHCALL_TWILIO_MACHINE_OUTCOME");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_DIALER", "livekit"))).hasMessageContaining("BATCHCALL_LIVEKIT_URL");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("BATCHCALL_DIALER", "plivo"))).hasMessageContaining("BATCHCALL_DIALER");
    }

    @Test
    void theServerAnswersTwilioCallbacksOnlyWhenSigned(@TempDir Path data) throws Exception {
        try (BatchCallServer server = BatchCallServer.start(Config.fromEnv(twilio(data)))) {
            String url = "http://localhost:1/telephony/twilio/status?o=org-1&j=bj_none&c=bj_none-c1&a=1"; // as Twilio was told to call
            String local = "http://localhost:" + server.port() + "/telephony/twilio/status?o=org-1&j=bj_none&c=bj_none-c1&a=1";
            String form = "CallSid=CA1&CallStatus=completed&CallDuration=5";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(local)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("invalid_signature");
            String signature = TwilioSignature.sign("super-secret-token-0001", url, Map.of("CallSid", List.of("CA1"),
                    "CallStatus", List.of("completed"), "CallDuration", List.of("5")));
            HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create(local)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header(TwilioSignature.HEADER, signature).POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signed.statusCode()).as("signed: accepted (the job does not exist: nothing to record)").isEqualTo(204);
        }
    }
}
