package io.batchcall.adapter.http.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Every 4xx/5xx: {@code {"success": false, "error": {"code", "message"}}} (5xx adds a correlationId;
 * {@code no_valid_contacts} adds skippedByReason and the first skippedRows).
 */
public record ErrorDto(boolean success, Detail error) {

    public static ErrorDto of(String code, String message) {
        return new ErrorDto(false, new Detail(code, message, null, null, null));
    }

    /** The error itself. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String correlationId, Map<String, Long> skippedByReason,
                         List<SkippedRowDto> skippedRows) {
        public Detail(String code, String message, String correlationId) {
            this(code, message, correlationId, null, null);
        }
    }
}
