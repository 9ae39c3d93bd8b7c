package io.batchcall.adapter.telephony.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * LiveKit's tokens (HS256 JWTs, issuer = API key, signed with the API secret): the access token of a
 * server API call, with the grants it needs, and the check of a webhook's token, whose {@code sha256}
 * claim is the Base64 SHA-256 of the request body.
 */
public final class LiveKitTokens {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private LiveKitTokens() {
    }

    /** A token allowing room creation and administration of {@code room}, agent dispatch and SIP calls. */
    public static String access(String apiKey, String apiSecret, String room, Instant now) {
        return JWT.create().withIssuer(apiKey).withSubject("batchcall").withNotBefore(now).withExpiresAt(now.plus(LIFETIME))
                .withClaim("video", Map.of("roomCreate", true, "roomAdmin", true, "room", room))
                .withClaim("sip", Map.of("call", true, "admin", true))
                .sign(Algorithm.HMAC256(apiSecret));
    }

    /** Whether {@code authorization} is a token LiveKit signed for exactly this body. */
    public static boolean verifyWebhook(String apiKey, String apiSecret, String authorization, byte[] body) {
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        String token = authorization.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        try {
            DecodedJWT jwt = JWT.require(Algorithm.HMAC256(apiSecret)).withIssuer(apiKey).acceptLeeway(60).build().verify(token);
            String claimed = jwt.getClaim("sha256").asString();
            return claimed != null && MessageDigest.isEqual(claimed.getBytes(StandardCharsets.US_ASCII),
                    sha256(body).getBytes(StandardCharsets.US_ASCII));
        } catch (JWTVerificationException e) {
            return false;
        }
    }

    /** The Base64 SHA-256 of a body, as LiveKit puts it in a webhook token. */
    public static String sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
