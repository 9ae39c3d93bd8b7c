package io.batchcall.adapter.telephony.twilio;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Twilio's Call resource for a call already placed: hanging it up ({@code Status=completed}), and reading it
 * ({@code GET …/Calls/{sid}.json}: its {@code status}, {@code duration}, {@code answered_by}) when its status
 * callback never came.
 */
final class TwilioCalls {

    private final TwilioSettings settings;
    private final WebClient client;

    TwilioCalls(Vertx vertx, TwilioSettings settings) {
        this.settings = settings;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setUserAgent("batchcall"));
    }

    /**
     * Cancels a call nobody answered yet ({@code Status=canceled}: Twilio cancels a queued or ringing call and leaves one in
     * progress alone): whether Twilio's answer says the call is now canceled.
     */
    Future<Boolean> cancel(String callSid) {
        if (!callSid.matches("CA[0-9a-fA-F]{32}")) {
            return Future.succeededFuture(false);
        }
        return client.postAbs(url(callSid)).timeout(15_000).basicAuthentication(settings.accountSid(), settings.authToken())
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("Status", "canceled"))
                .map(r -> r.statusCode() / 100 == 2 && "canceled".equals(r.bodyAsJsonObject().getString("status")))
                .otherwise(false);
    }

    /** Ends the call (whatever it is doing); the status code Twilio answered, or the failure. */
    Future<Integer> hangUp(String callSid) {
        return client.postAbs(url(callSid)).timeout(15_000).basicAuthentication(settings.accountSid(), settings.authToken())
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("Status", "completed")).map(r -> r.statusCode());
    }

    /** What Twilio's record of the call says: still going, or how it ended (a machine answer counts as {@code machineOutcome}). */
    Future<io.batchcall.application.port.out.CallLookup> lookUp(String callSid) {
        if (!callSid.matches("CA[0-9a-fA-F]{32}")) {
            return Future.succeededFuture(new io.batchcall.application.port.out.CallLookup.Unknown("not a Twilio call sid: " + callSid));
        }
        return client.getAbs(url(callSid)).timeout(15_000).basicAuthentication(settings.accountSid(), settings.authToken()).send()
                .map(r -> {
                    if (r.statusCode() != 200) {
                        return new io.batchcall.application.port.out.CallLookup.Unknown("Twilio answered " + r.statusCode());
                    }
                    io.vertx.core.json.JsonObject call = r.bodyAsJsonObject();
                    return TwilioStatus.lookup(call.getString("status", ""), call.getValue("duration"), call.getString("answered_by"),
                            settings.machineOutcome());
                });
    }

    private String url(String callSid) {
        return settings.apiBase().toString().replaceAll("/$", "") + "/2010-04-01/Accounts/" + enc(settings.accountSid())
                + "/Calls/" + enc(callSid) + ".json";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
