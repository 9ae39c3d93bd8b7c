package io.batchcall.adapter.http.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every 4xx/5xx: {@code {"success": false, "error": {"code", "message"}}} (5xx adds a correlationId). */
public record ErrorDto(boolean success, Detail error) {

    public static ErrorDto of(String code, String message) {
        return new ErrorDto(false, new Detail(code, message, null));
    }

    /** The error itself. */
    public record Detail(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String correlationId) {
    }
}
