package io.batchcall.adapter.telephony.twilio;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature against the example Twilio publishes in its webhook-security documentation, and against
 * Twilio's own Java SDK ({@code com.twilio.security.RequestValidator}, test scope): an implementation that is
 * not ours, which checks the URL with and without its port.
 */
class TwilioSignatureTest {

    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"), "Caller", List.of("+12349013030"),
            "Digits", List.of("1234"), "From", List.of("+12349013030"), "To", List.of("+18005551212"));

    @Test
    void matchesTwilioDocumentedExample() {
        assertThat(TwilioSignature.sign("12345", URL, PARAMS)).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
        assertThat(TwilioSignature.verify("12345", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", URL, PARAMS)).isTrue();
    }

    @Test
    void anyChangeBreaksIt() {
        assertThat(TwilioSignature.verify("12346", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", URL, PARAMS)).isFalse();
        assertThat(TwilioSignature.verify("12345", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", URL + "&baz=3", PARAMS)).isFalse();
        assertThat(TwilioSignature.verify("12345", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", URL, Map.of("CallSid", List.of("CA1234567890ABCDE"))))
                .isFalse();
        assertThat(TwilioSignature.verify("12345", null, URL, PARAMS)).isFalse();
        assertThat(TwilioSignature.verify("12345", "", URL, PARAMS)).isFalse();
    }

    @Test
    void agreesWithTwilioSdkOnRandomRequestsAndOnTheUrlWithOrWithoutItsPort() {
        java.util.Random random = new java.util.Random(7);
        com.twilio.security.RequestValidator sdk = new com.twilio.security.RequestValidator("12345");
        for (int i = 0; i < 300; i++) {
            String host = "h" + random.nextInt(1000) + ".example.com";
            String path = "/telephony/twilio/status?o=org-" + random.nextInt(100) + "&j=bj_" + random.nextInt(1_000_000) + "&c=c" + i + "&a=" + (1 + random.nextInt(5));
            String withoutPort = "https://" + host + path;
            String withPort = "https://" + host + ":443" + path;
            Map<String, String> flat = new java.util.TreeMap<>();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                flat.put("P" + random.nextInt(50), Long.toString(random.nextLong(), 36) + (random.nextBoolean() ? " +é&=" : ""));
            }
            Map<String, List<String>> params = new java.util.HashMap<>();
            flat.forEach((k, v) -> params.put(k, List.of(v)));
            String signedBare = TwilioSignature.sign("12345", withoutPort, params);
            String signedPort = TwilioSignature.sign("12345", withPort, params);
            assertThat(sdk.validate(withoutPort, flat, signedBare)).as("the SDK accepts our signature").isTrue();
            // Twilio signs either form: the SDK accepts both for either URL, and so must we
            assertThat(sdk.validate(withoutPort, flat, signedPort)).isTrue();
            assertThat(sdk.validate(withPort, flat, signedBare)).isTrue();
            assertThat(TwilioSignature.verify("12345", signedPort, withoutPort, params)).isTrue();
            assertThat(TwilioSignature.verify("12345", signedBare, withPort, params)).isTrue();
            assertThat(TwilioSignature.verify("12346", signedBare, withoutPort, params)).isFalse();
        }
    }

    @Test
    void aWebhooksRuleSignsWithItsSharedKeyAndTheAlgorithmItsHeaderNames() {
        String settings = "key=WS0123456789abcdef0123456789abcdef,algorithm=HMAC_SHA256";
        String sha256 = TwilioTest.twilioSigns("HmacSHA256", "shared-key", URL, PARAMS);
        assertThat(TwilioSignature.verify("12345", "shared-key", sha256, settings, URL, PARAMS)).isTrue();
        assertThat(TwilioSignature.verify("12345", null, sha256, settings, URL, PARAMS)).as("no shared key configured").isFalse();
        assertThat(TwilioSignature.verify("12345", "other-key", sha256, settings, URL, PARAMS)).isFalse();
        assertThat(TwilioSignature.verify("shared-key", "shared-key", sha256, null, URL, PARAMS)).as("without the header: SHA-1, auth token").isFalse();
        assertThat(TwilioSignature.verify("12345", "shared-key", sha256, "key=WS1,algorithm=HMAC_MD5", URL, PARAMS)).isFalse();
        String sha1 = TwilioTest.twilioSigns("HmacSHA1", "shared-key", URL, PARAMS);
        assertThat(TwilioSignature.verify("12345", "shared-key", sha1, "key=WS1,algorithm=HMAC_SHA1", URL, PARAMS)).isTrue();
    }
}
