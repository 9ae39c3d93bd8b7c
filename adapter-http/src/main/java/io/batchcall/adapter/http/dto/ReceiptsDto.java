package io.batchcall.adapter.http.dto;

import java.util.List;

/** 200 of an array of call events: one result per event, in order (a ReceiptDto or a FailedEventDto). */
public record ReceiptsDto(boolean success, List<CallEventAnswer.Result> results) implements CallEventAnswer {
}
