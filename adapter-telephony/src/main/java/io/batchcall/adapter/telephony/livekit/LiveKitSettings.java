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
 * @param maxCallSeconds the longest an answered call may last (LiveKit's {@code max_call_duration}): LiveKit hangs up
 *                       then, so a call ends before the engine's attempt deadline would close it without an outcome
 */
public record LiveKitSettings(URI url, String apiKey, String apiSecret, String sipTrunkId, int ringingSeconds, int maxCallSeconds) {

    /** With the longest call derived from the default attempt deadline (600 s). */
    public LiveKitSettings(URI url, String apiKey, String apiSecret, String sipTrunkId, int ringingSeconds) {
        this(url, apiKey, apiSecret, sipTrunkId, ringingSeconds, io.batchcall.adapter.telephony.CallLimits.longestCall(600, ringingSeconds));
    }

    public LiveKitSettings {
        if (ringingSeconds < 1 || maxCallSeconds < 1) {
            throw new IllegalArgumentException("ringing and call limits are positive seconds");
        }
    }


    /** The path of LiveKit's webhooks on this server. */
    public static final String WEBHOOK_PATH = "/telephony/livekit/webhook";

    @Override
    public String toString() {
        return "LiveKitSettings[url=" + url + ", apiKey=" + apiKey + ", apiSecret=***, sipTrunkId=" + sipTrunkId + "]";
    }
}
