package io.batchcall.adapter.http.dto;

/** What POST /batch/call-events answers: one receipt (one event), or one result per event (an array). */
public sealed interface CallEventAnswer permits ReceiptDto, ReceiptsDto {

    /** One event's result in an array: its receipt, or why it was refused. */
    sealed interface Result permits ReceiptDto, FailedEventDto {
    }
}
