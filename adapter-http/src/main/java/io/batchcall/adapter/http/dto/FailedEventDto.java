package io.batchcall.adapter.http.dto;

/** One refused event of an array: the status it would have had alone, and the error. */
public record FailedEventDto(boolean success, int httpStatus, ErrorDto.Detail error) implements CallEventAnswer.Result {
}
