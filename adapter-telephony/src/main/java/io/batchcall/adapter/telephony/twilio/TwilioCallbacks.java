package io.batchcall.adapter.telephony.twilio;

import io.batchcall.adapter.telephony.CallbackReplies;
import io.batchcall.application.port.in.RecordCallEvent;
import io.vavr.control.Option;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /telephony/twilio/status}: Twilio's status callbacks (and its asynchronous AMD verdicts).
 * A request whose {@code X-Twilio-Signature} is missing or wrong (computed over the URL Twilio called —
 * this server's public URL and the request's path and query, with or without its port — and the form
 * parameters; with the auth token, or a Webhooks Rule's shared key when Twilio says so) is refused with
 * 403 before anything is read from it. The attempt is named by the callback URL's own query
 * (organization, job, contact, attempt), which the signature covers. The event is recorded like any call
 * event: a repeated callback is a duplicate, a late one for a closed attempt changes nothing; Twilio
 * always gets 204 unless the store failed (500). A machine verdict that ends the attempt also hangs the
 * call up. {@code POST /telephony/twilio/fallback}: Twilio could not fetch or run the agent's TwiML
 * ({@code ErrorCode}); the attempt ends {@code failed} with {@code twilio_<ErrorCode>} and the call is
 * told to hang up — without it Twilio plays an error and the call would end "completed".
 */
public final class TwilioCallbacks {

    private static final int MAX_BODY = 64 * 1024;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TwilioCallbacks.class);

    private final TwilioSettings settings;
    private final Supplier<RecordCallEvent> events;
    private final WorkerExecutor workers;

    public TwilioCallbacks(TwilioSettings settings, Supplier<RecordCallEvent> events, WorkerExecutor workers) {
        this.settings = settings;
        this.events = events;
        this.workers = workers;
    }

    public void mount(Router router) {
        router.post(TwilioSettings.CALLBACK_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(ctx -> handle(ctx, false));
        router.post(TwilioSettings.FALLBACK_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(ctx -> handle(ctx, true));
    }

    private volatile TwilioCalls calls;

    private TwilioCalls calls(RoutingContext ctx) {
        if (calls == null) {
            synchronized (this) {
                if (calls == null) {
                    calls = new TwilioCalls(ctx.vertx(), settings);
                }
            }
        }
        return calls;
    }

    private void handle(RoutingContext ctx, boolean fallback) {
        MultiMap form = ctx.request().formAttributes();
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String name : form.names()) {
            params.put(name, new ArrayList<>(form.getAll(name)));
        }
        String url = settings.publicUrl() + ctx.request().uri();
        String header = ctx.request().getHeader(TwilioSignature.HEADER);
        String signedWith = ctx.request().getHeader(TwilioSignature.SETTINGS_HEADER);
        // the URL we gave Twilio carries its connection overrides as a fragment, which never reaches us: accept a
        // signature over the URL with them as well as without (both checked, no early exit)
        if (!(TwilioSignature.verify(settings.authToken(), settings.webhookSharedKey(), header, signedWith, url, params)
                | TwilioSignature.verify(settings.authToken(), settings.webhookSharedKey(), header, signedWith,
                url + TwilioSettings.CONNECTION_OVERRIDES, params))) {
            CallbackReplies.error(ctx, 403, "invalid_signature", "The X-Twilio-Signature header is missing or does not match this request"
                    + (ctx.request().getHeader(TwilioSignature.SETTINGS_HEADER) != null && settings.webhookSharedKey() == null
                    ? " (Twilio signed it with a Webhooks Rule's shared key: set BATCHCALL_TWILIO_WEBHOOK_SHARED_KEY)" : ""));
            return;
        }
        String org = ctx.queryParams().get("o");
        String job = ctx.queryParams().get("j");
        String contact = ctx.queryParams().get("c");
        Integer attempt = number(ctx.queryParams().get("a"));
        if (org == null || job == null || contact == null || attempt == null) {
            CallbackReplies.error(ctx, 400, "invalid_callback", "The callback URL does not name an attempt (o, j, c, a)");
            return;
        }
        Map<String, String> first = new LinkedHashMap<>();
        params.forEach((k, v) -> first.put(k, v.isEmpty() ? "" : v.get(0)));
        // the job's rule for machine answers travels in the (signed) callback URL; else the server's
        io.batchcall.domain.contact.ContactStatus machine = Option.of(ctx.queryParams().get("m"))
                .flatMap(io.batchcall.domain.contact.ContactStatus::fromWire)
                .filter(o -> o == io.batchcall.domain.contact.ContactStatus.COMPLETED || o == io.batchcall.domain.contact.ContactStatus.NO_ANSWER)
                .getOrElse(settings.machineOutcome());
        if (fallback) {
            String code = first.getOrDefault("ErrorCode", "").replaceAll("[^0-9]", "");
            var failed = io.batchcall.application.port.in.CallEvent.of(job, contact, attempt, "ended", "failed", null, 0, first.get("CallSid"),
                    "Twilio could not fetch or run the agent's TwiML" + (code.isEmpty() ? "" : " (error " + code + ")"));
            // the attempt ends failed; Twilio is told to hang up (TwiML), whatever the store answered
            workers.executeBlocking(() -> failed.flatMap(e -> events.get().record(org, e)), false).onComplete(ar -> {
                if (ar.failed()) {
                    LOG.warn("Twilio fallback for {} attempt {} not recorded", contact, attempt, ar.cause());
                }
                if (!ctx.response().ended()) {
                    ctx.response().putHeader("Content-Type", "text/xml").end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>");
                }
            });
            return;
        }
        var event = TwilioStatus.event(first, job, contact, attempt, machine);
        if (event.isEmpty()) {
            CallbackReplies.noContent(ctx);
            return;
        }
        if (TwilioStatus.machineVerdict(first) && event.get().isRight() && first.get("CallSid") != null) {
            // the attempt ends on the verdict: nobody for the agent to talk to
            calls(ctx).hangUp(first.get("CallSid")).onComplete(ar -> {
                if (ar.failed() || ar.result() / 100 != 2) {
                    LOG.warn("hanging up {} (answered by a machine) failed: {}", first.get("CallSid"), ar.failed() ? ar.cause().toString() : "HTTP " + ar.result());
                }
            });
        }
        CallbackReplies.record(ctx, workers, events, org, event.get(),
                "Twilio callback " + first.get("CallStatus") + " for " + contact + " attempt " + attempt);
    }

    private static Integer number(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
