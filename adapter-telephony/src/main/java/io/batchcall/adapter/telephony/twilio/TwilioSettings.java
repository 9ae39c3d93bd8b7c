package io.batchcall.adapter.telephony.twilio;

import io.batchcall.domain.contact.ContactStatus;

import java.net.URI;

/**
 * How batchcall dials through Twilio Programmable Voice.
 *
 * @param accountSid     the account (AC…); the REST API's Basic-auth user
 * @param authToken      the account's auth token: the Basic-auth password and the key of Twilio's callback signatures
 * @param apiBase        Twilio's REST API ({@code https://api.twilio.com}; a test points it at a fake)
 * @param publicUrl      where Twilio reaches this server (https://…), the base of the status callback URL
 * @param twimlUrl       the TwiML Twilio fetches when the call is answered; {@code {agentId}} is replaced by the job's agent
 * @param machineDetection ask Twilio to tell a machine from a person (AnsweredBy)
 * @param machineOutcome what a call answered by a machine counts as: {@code completed}, or {@code no_answer} so it is retried
 * @param ringingSeconds how long Twilio lets a call ring before it is {@code no-answer} (its {@code Timeout})
 * @param maxCallSeconds the longest an answered call may last (its {@code TimeLimit}): Twilio hangs up then, so a call
 *                       ends before the engine's attempt deadline would close it without an outcome
 * @param webhookSharedKey the shared key of a Twilio Webhooks Rule matching the callback URL, when the account has one
 *                       (Twilio then signs with it, not the auth token); null when none
 */
public record TwilioSettings(String accountSid, String authToken, URI apiBase, String publicUrl, String twimlUrl,
                             boolean machineDetection, ContactStatus machineOutcome, int ringingSeconds, int maxCallSeconds,
                             String webhookSharedKey) {

    /** Ringing 30 s, the longest call derived from the default attempt deadline (600 s). */
    public TwilioSettings(String accountSid, String authToken, URI apiBase, String publicUrl, String twimlUrl,
                          boolean machineDetection, ContactStatus machineOutcome) {
        this(accountSid, authToken, apiBase, publicUrl, twimlUrl, machineDetection, machineOutcome, 30,
                io.batchcall.adapter.telephony.CallLimits.longestCall(600, 30), null);
    }

    /** The path of the status callback on this server. */
    public static final String CALLBACK_PATH = "/telephony/twilio/status";
    /**
     * Twilio's connection overrides (a URL fragment, never sent to this server) on the callbacks it makes to this server:
     * Twilio does not retry a webhook by default; with these it retries a refused connection, a read timeout and a 5xx
     * up to three times within its 15 s budget (connect 2 s, read 5 s). Each callback is idempotent here, so a retry
     * that repeats one is harmless. A Webhooks Rule's own connection settings take precedence over these.
     */
    public static final String CONNECTION_OVERRIDES = "#ct=2000&rt=5000&rc=3&rp=ct,rt,5xx";
    /** The path Twilio calls when it cannot fetch or run the agent's TwiML (the call's FallbackUrl). */
    public static final String FALLBACK_PATH = "/telephony/twilio/fallback";

    public TwilioSettings {
        if (machineOutcome != ContactStatus.COMPLETED && machineOutcome != ContactStatus.NO_ANSWER) {
            throw new IllegalArgumentException("a machine answer counts as completed or no_answer, not " + machineOutcome.wire());
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", authToken=***, webhookSharedKey=" + (webhookSharedKey == null ? "none" : "***") + ", apiBase=" + apiBase + ", publicUrl=" + publicUrl + "]";
    }
}
