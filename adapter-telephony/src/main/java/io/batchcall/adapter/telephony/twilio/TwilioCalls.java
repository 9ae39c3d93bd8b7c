package io.batchcall.adapter.telephony.twilio;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Twilio's Call resource for a call already placed: hanging it up ({@code Status=completed}). */
final class TwilioCalls {

    private final TwilioSettings settings;
    private final WebClient client;

    TwilioCalls(Vertx vertx, TwilioSettings settings) {
        this.settings = settings;
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setUserAgent("batchcall"));
    }

    /** Ends the call (whatever it is doing); the status code Twilio answered, or the failure. */
    Future<Integer> hangUp(String callSid) {
        String url = settings.apiBase().toString().replaceAll("/$", "") + "/2010-04-01/Accounts/" + enc(settings.accountSid())
                + "/Calls/" + enc(callSid) + ".json";
        return client.postAbs(url).timeout(15_000).basicAuthentication(settings.accountSid(), settings.authToken())
                .sendForm(MultiMap.caseInsensitiveMultiMap().add("Status", "completed")).map(r -> r.statusCode());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
