package io.batchcall.adapter.telephony.twilio;

import io.batchcall.application.port.out.DialRequest;
import io.batchcall.domain.contact.ContactStatus;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TwiML URL of a call: the agent as a path segment, and the voicemail message (CONTRACT §15) for the agent's TwiML. */
class TwimlUrlTest {

    private static final TwilioSettings SETTINGS = new TwilioSettings("AC1", "token", URI.create("https://api.twilio.com"),
            "https://batchcall.example.com", "https://agents.example.com/twiml/{agentId}?lang=en", false, ContactStatus.NO_ANSWER);

    @Test
    void theVoicemailMessageTravelsInTheTwimlRequest() {
        DialRequest r = new DialRequest("o", "bj_1", "bj_1-c1", 1, "+14155550101", "pn_1", "sales agent", Map.of(), "room", null,
                "Hi Ada & co, call 555-0100 = 100% free");
        assertThat(TwilioDialer.twimlUrl(SETTINGS, r)).isEqualTo("https://agents.example.com/twiml/sales%20agent?lang=en"
                + "&voicemailMessage=Hi+Ada+%26+co%2C+call+555-0100+%3D+100%25+free");
        DialRequest none = new DialRequest("o", "bj_1", "bj_1-c1", 1, "+14155550101", "pn_1", "a", Map.of(), "room", null);
        assertThat(TwilioDialer.twimlUrl(SETTINGS, none)).isEqualTo("https://agents.example.com/twiml/a?lang=en");
    }
}
