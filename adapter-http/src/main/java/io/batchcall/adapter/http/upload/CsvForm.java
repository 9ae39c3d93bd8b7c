package io.batchcall.adapter.http.upload;

import io.batchcall.adapter.http.edge.Replies;
import io.batchcall.adapter.http.edge.RequestFields;
import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Option;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;

/**
 * A multipart list upload (suppressions, consents): the CSV in its {@code file} part and one optional text field applying
 * to every row. What is missing or holds NUL is answered here ({@code missing_file}, {@code invalid_text}).
 *
 * @param csv   the uploaded file
 * @param field the text field as sent, or null
 */
public record CsvForm(Path csv, String field) {

    /** The form of the request, or none when it was answered with its error. */
    public static Option<CsvForm> of(RoutingContext ctx, String fieldName, String missingFile) {
        FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
        if (file == null) {
            Replies.error(ctx, 400, "missing_file", missingFile);
            return Option.none();
        }
        String field = ctx.request().formAttributes().get(fieldName);
        Option<BatchJobError> nul = RequestFields.nul("The form field " + fieldName, field);
        if (nul.isDefined()) {
            Replies.error(ctx, nul.get());
            return Option.none();
        }
        return Option.of(new CsvForm(Path.of(file.uploadedFileName()), field));
    }
}
