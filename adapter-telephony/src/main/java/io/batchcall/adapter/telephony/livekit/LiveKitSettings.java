package io.batchcall.adapter.telephony.livekit;

import java.net.URI;

/**
 * How batchcall dials through LiveKit SIP.
 *
 * @param url            the LiveKit server (https://…; its Twirp API)
 * @param apiKey         the API key: the issuer of the access tokens batchcall signs and of LiveKit's webhook tokens
 * @param apiSecret      the API secret: the HS256 key of both
 * @param sipTrunkId     the outbound SIP trunk (ST_…) calls go out through
 * @param ringingSeconds how long a call may ring before it counts as no answer
 */
public record LiveKitSettings(URI url, String apiKey, String apiSecret, String sipTrunkId, int ringingSeconds) {

    /** The path of LiveKit's webhooks on this server. */
    public static final String WEBHOOK_PATH = "/telephony/livekit/webhook";

    @Override
    public String toString() {
        return "LiveKitSettings[url=" + url + ", apiKey=" + apiKey + ", apiSecret=***, sipTrunkId=" + sipTrunkId + "]";
    }
}
