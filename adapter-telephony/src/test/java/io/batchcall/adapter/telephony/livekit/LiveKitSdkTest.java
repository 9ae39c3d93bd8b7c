package io.batchcall.adapter.telephony.livekit;

import io.livekit.server.AccessToken;
import io.livekit.server.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our webhook check against LiveKit's own server SDK ({@code io.livekit:livekit-server}, test scope), an implementation
 * that is not ours: a webhook the SDK signs the way the LiveKit server does (an access token of the API key whose
 * {@code sha256} claim is the body's SHA-256) is accepted, the same token over another body or from another key refused —
 * and the SDK's own receiver agrees on each case.
 */
class LiveKitSdkTest {

    private static final String KEY = "APIlivekitkey01";
    private static final String SECRET = "livekit-secret-0123456789-0123456789";

    private static String signedBySdk(String key, String secret, byte[] body) throws Exception {
        AccessToken token = new AccessToken(key, secret);
        token.setSha256(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body)));
        return token.toJwt();
    }

    @Test
    void aWebhookSignedByLiveKitsSdkIsAcceptedAndOnlyForItsBodyAndKey() throws Exception {
        String json = "{\"event\":\"participant_left\",\"room\":{\"name\":\"batch-bj_1-1-1\"},\"id\":\"EV_1\",\"createdAt\":\"1767225600\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String jwt = signedBySdk(KEY, SECRET, body);
        WebhookReceiver sdk = new WebhookReceiver(KEY, SECRET);

        assertThat(sdk.receive(json, jwt).getEvent()).as("the SDK takes its own token").isEqualTo("participant_left");
        assertThat(LiveKitTokens.verifyWebhook(KEY, SECRET, jwt, body)).isTrue();
        assertThat(LiveKitTokens.verifyWebhook(KEY, SECRET, "Bearer " + jwt, body)).as("with the Bearer prefix some proxies add").isTrue();

        byte[] other = json.replace("EV_1", "EV_2").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sdk.receive(new String(other, StandardCharsets.UTF_8), jwt)).as("the SDK refuses another body");
        assertThat(LiveKitTokens.verifyWebhook(KEY, SECRET, jwt, other)).isFalse();

        String otherKey = signedBySdk("APIotherkey0002", SECRET, body);
        assertThatThrownBy(() -> sdk.receive(json, otherKey)).as("the SDK refuses another API key's token");
        assertThat(LiveKitTokens.verifyWebhook(KEY, SECRET, otherKey, body)).as("signed by another API key than the configured one").isFalse();

        String otherSecret = signedBySdk(KEY, "another-secret-0123456789-01234567", body);
        assertThat(LiveKitTokens.verifyWebhook(KEY, SECRET, otherSecret, body)).isFalse();
    }
}
