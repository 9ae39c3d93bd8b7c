package io.batchcall.adapter.telephony.twilio;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature against the example Twilio publishes in its webhook-security documentation. */
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
}
