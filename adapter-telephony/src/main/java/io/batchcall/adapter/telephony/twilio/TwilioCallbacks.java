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
 * {@code POST /telephony/twilio/status}: Twilio's status callbacks. A request whose {@code X-Twilio-Signature}
 * is missing or wrong (computed over the URL Twilio called — this server's public URL and the request's
 * path and query — and the form parameters) is refused with 403 before anything is read from it. The
 * attempt is named by the callback URL's own query (organization, job, contact, attempt), which the
 * signature covers. The event is recorded like any call event: a repeated callback is a duplicate, a
 * late one for a closed attempt changes nothing; Twilio always gets 204 unless the store failed (500).
 */
public final class TwilioCallbacks {

    private static final int MAX_BODY = 64 * 1024;

    private final TwilioSettings settings;
    private final Supplier<RecordCallEvent> events;
    private final WorkerExecutor workers;

    public TwilioCallbacks(TwilioSettings settings, Supplier<RecordCallEvent> events, WorkerExecutor workers) {
        this.settings = settings;
        this.events = events;
        this.workers = workers;
    }

    public void mount(Router router) {
        router.post(TwilioSettings.CALLBACK_PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String name : form.names()) {
            params.put(name, new ArrayList<>(form.getAll(name)));
        }
        String url = settings.publicUrl() + ctx.request().uri();
        if (!TwilioSignature.verify(settings.authToken(), ctx.request().getHeader(TwilioSignature.HEADER), url, params)) {
            CallbackReplies.error(ctx, 403, "invalid_signature", "The X-Twilio-Signature header is missing or does not match this request");
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
        var event = TwilioStatus.event(first, job, contact, attempt, machine);
        if (event.isEmpty()) {
            CallbackReplies.noContent(ctx);
            return;
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
