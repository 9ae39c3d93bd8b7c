package io.batchcall.adapter.http.result;

import io.batchcall.application.port.in.ManageResults;
import io.batchcall.application.port.in.RetryRequest;
import io.batchcall.adapter.http.edge.Auth;
import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.Work;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.adapter.http.edge.KnownFields;
import io.batchcall.adapter.http.edge.ApiMapper;
import io.batchcall.application.BatchCallEngine;
import io.batchcall.application.port.in.ManageResults;
import io.batchcall.domain.contact.Contact;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Results out of a job (CONTRACT §13): the contacts as CSV or NDJSON, streamed page by page with
 * back-pressure (the next page is read only when the client has taken the last), retry the failed, delete.
 */
public final class ResultRoutes {

    private static final int PAGE = 5000;
    private static final String[] COLUMNS = {"id", "phoneNumber", "status", "errorCode", "attemptCount", "lastAttemptAt",
            "completedAt", "callDuration", "failureReason", "timezone", "disposition", "answeredBy", "callbackAt", "callerId", "region"};

    /** The CSV's variable columns, fixed by the first page: outcomeData's top-level keys, then contactData's (CONTRACT §15). */
    private record Columns(List<String> outcome, List<String> data) {
        Columns() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    private final BatchCallEngine engine;
    private final Work work;

    public ResultRoutes(BatchCallEngine engine, Work work) {
        this.engine = engine;
        this.work = work;
    }

    public void mount(Router router, Handler<RoutingContext> jsonBody) {
        router.get("/batch/jobs/:id/contacts.csv").handler(ctx -> export(ctx, true));
        router.get("/batch/jobs/:id/contacts.ndjson").handler(ctx -> export(ctx, false));
        router.post("/batch/jobs/:id/retry").handler(jsonBody).handler(this::retry);
        router.delete("/batch/jobs/:id").handler(this::delete);
    }

    private void export(RoutingContext ctx, boolean csv) {
        String id = ctx.pathParam("id");
        work.run(ctx, () -> ManageResults.statuses(ctx.queryParams().get("contactStatus")).flatMap(s -> engine.results.export(Auth.org(ctx), id, s)), result -> {
            if (result.isLeft()) {
                Replies.error(ctx, result.getLeft());
                return;
            }
            HttpServerResponse response = ctx.response().setChunked(true)
                    .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + id + (csv ? ".csv" : ".ndjson") + "\"");
            pump(ctx, response, result.get(), 0, csv ? new Columns() : null);
        });
    }

    /** Streams the pages: each is read and rendered on a worker while the one before it goes out. */
    private void pump(RoutingContext ctx, HttpServerResponse response, ManageResults.Export export, long after, Columns dataKeys) {
        if (export.job().breakdown().total() == 0) {
            response.end();
            return;
        }
        stream(ctx, response, export, after, page(export, after, dataKeys), dataKeys);
    }

    private io.vertx.core.Future<Buffer> page(ManageResults.Export export, long after, Columns dataKeys) {
        return work.call(() -> render(export.next(after, PAGE), after == 0, dataKeys));
    }

    /**
     * Writes {@code current} (the page after {@code after}) once it is rendered, having started the next
     * one; waits for the client to take it (the write queue's drain) before writing more. Memory: at most
     * two pages and the write queue, whatever the job's size.
     */
    private void stream(RoutingContext ctx, HttpServerResponse response, ManageResults.Export export, long after,
                        io.vertx.core.Future<Buffer> current, Columns dataKeys) {
        current.onComplete(ar -> {
            if (response.closed() || response.ended()) {
                return;
            }
            if (ar.failed()) {
                ctx.fail(ar.cause()); // headers are out: the connection is closed, the client sees a cut export
                return;
            }
            long next = export.positionAfter(after, PAGE);
            boolean last = next >= export.job().breakdown().total();
            // the next page is read (its data keys known: the first page is rendered) while this one is written
            io.vertx.core.Future<Buffer> upcoming = last ? null : page(export, next, dataKeys);
            response.write(ar.result());
            if (last) {
                response.end();
            } else if (response.writeQueueFull()) {
                response.drainHandler(v -> stream(ctx, response, export, next, upcoming, dataKeys));
            } else {
                stream(ctx, response, export, next, upcoming, dataKeys);
            }
        });
    }

    private static Buffer render(io.vavr.collection.List<Contact> page, boolean first, Columns columns) {
        List<String> dataKeys = columns == null ? null : columns.data();
        StringBuilder out = new StringBuilder(page.size() * 160);
        if (dataKeys == null) {
            for (Contact c : page) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", c.id());
                row.put("phoneNumber", c.phoneNumber());
                row.put("status", c.status().wire());
                row.put("errorCode", c.errorCode().getOrNull());
                row.put("attemptCount", c.attemptCount());
                row.put("lastAttemptAt", c.lastAttemptAt().map(Object::toString).getOrNull());
                row.put("completedAt", c.completedAt().map(Object::toString).getOrNull());
                row.put("callDuration", c.callDuration().getOrNull());
                row.put("failureReason", c.failureReason().getOrNull());
                row.put("timezone", ApiMapper.zones(c));
                row.put("region", ApiMapper.region(c));
                row.put("disposition", c.conversation().disposition().getOrNull());
                row.put("answeredBy", c.conversation().answeredBy().map(io.batchcall.domain.contact.AnsweredBy::wire).getOrNull());
                row.put("callbackAt", c.conversation().callbackAt().getOrNull());
                row.put("callerId", c.callerId().getOrNull());
                row.put("outcomeData", c.conversation().outcomeData().getOrNull());
                row.put("contactData", c.contactData());
                out.append(Replies.json(row)).append('\n');
            }
            return Buffer.buffer(out.toString());
        }
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            if (first) {
                // the outcomeData and contactData columns: the keys of the first page, in the order first seen
                LinkedHashSet<String> outcome = new LinkedHashSet<>();
                page.forEach(c -> c.conversation().outcomeData().forEach(o -> outcome.addAll(o.keySet())));
                columns.outcome().addAll(outcome);
                LinkedHashSet<String> keys = new LinkedHashSet<>();
                page.forEach(c -> keys.addAll(c.contactData().keySet()));
                dataKeys.addAll(keys);
                List<String> header = new ArrayList<>(List.of(COLUMNS));
                columns.outcome().forEach(k -> header.add(safe("outcome." + k)));
                header.addAll(dataHeaders(dataKeys));
                printer.printRecord(header);
            }
            for (Contact c : page) {
                List<Object> cells = new ArrayList<>(COLUMNS.length + dataKeys.size());
                cells.add(c.id());
                cells.add(c.phoneNumber()); // E.164, never altered
                cells.add(c.status().wire());
                cells.add(c.errorCode().getOrElse(""));
                cells.add(c.attemptCount());
                cells.add(c.lastAttemptAt().map(Object::toString).getOrElse(""));
                cells.add(c.completedAt().map(Object::toString).getOrElse(""));
                cells.add(c.callDuration().map(Object::toString).getOrElse(""));
                cells.add(safe(c.failureReason().getOrElse("")));
                cells.add(java.util.Objects.requireNonNullElse(ApiMapper.zones(c), ""));
                cells.add(c.conversation().disposition().getOrElse(""));
                cells.add(c.conversation().answeredBy().map(io.batchcall.domain.contact.AnsweredBy::wire).getOrElse(""));
                cells.add(safe(c.conversation().callbackAt().getOrElse("")));
                cells.add(safe(c.callerId().getOrElse("")));
                cells.add(java.util.Objects.requireNonNullElse(ApiMapper.region(c), ""));
                for (String key : columns.outcome()) {
                    Object v = c.conversation().outcomeData().map(o -> o.get(key)).getOrNull();
                    cells.add(v == null ? "" : safe(v instanceof String s ? s : Replies.json(v)));
                }
                for (String key : dataKeys) {
                    Object v = c.contactData().get(key);
                    cells.add(v == null ? "" : safe(v instanceof String s ? s : Replies.json(v)));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toString());
    }

    /**
     * The header of each contactData column: the key as written, or {@code contactData.<key>} where the key
     * is one of the fixed columns (a contact's own {@code timezone}) or would repeat an earlier header — a
     * header names one column (docs/api.md).
     */
    public static List<String> dataHeaders(java.util.Collection<String> keys) {
        java.util.Set<String> taken = new java.util.HashSet<>(List.of(COLUMNS));
        List<String> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            String name = taken.contains(key) ? "contactData." + key : key;
            for (int n = 2; taken.contains(name); n++) {
                name = "contactData." + key + "#" + n;
            }
            taken.add(name);
            out.add(safe(name));
        }
        return out;
    }

    /** A cell a spreadsheet would run as a formula is prefixed with a quote (CONTRACT §13). */
    public static String safe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }

    private void retry(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        var body = ctx.body().buffer();
        work.run(ctx, () -> RequestFields.object(body, true, "a JSON object {\"statuses\", \"name\"}").flatMap(b -> {
            if (b.isEmpty()) {
                return RetryRequest.of(Auth.org(ctx), id, null, null).flatMap(engine.results::retry);
            }
            RequestFields f = RequestFields.json(b.get()).only(KnownFields.of("a retry", "statuses", "name"));
            java.util.List<String> statuses = f.stringList("statuses", "invalid_statuses");
            String name = f.text("name", "name_too_long");
            return f.then(() -> RetryRequest.of(Auth.org(ctx), id, statuses, name)).flatMap(r -> r).flatMap(engine.results::retry);
        }), r -> r.peekLeft(e -> Replies.error(ctx, e)).forEach(created -> Replies.send(ctx, 201, ApiMapper.INSTANCE.created(created))));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        work.run(ctx, () -> engine.results.delete(Auth.org(ctx), id), r -> r.peekLeft(e -> Replies.error(ctx, e))
                .forEach(deleted -> Replies.send(ctx, 200, new io.batchcall.adapter.http.dto.ActionDto(true, "Batch job deleted", deleted, "deleted", null, null, null, null))));
    }
}
