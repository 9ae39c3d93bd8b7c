package io.batchcall.adapter.http.dto;

/** 200 of one call event: the contact's state after it, and whether it repeated one already recorded. */
public record ReceiptDto(boolean success, boolean duplicate, String contactId, String status, int attemptCount)
        implements CallEventAnswer, CallEventAnswer.Result {
}
