package io.batchcall.domain.contact;

/** SIP final response code to attempt outcome (CONTRACT §2). */
public final class SipCodes {

    private SipCodes() {
    }

    public static ContactStatus outcomeFor(int sipCode) {
        return switch (sipCode) {
            case 486, 600 -> ContactStatus.BUSY;
            case 480, 487 -> ContactStatus.NO_ANSWER;
            case 408 -> ContactStatus.TIMEOUT;
            case 404, 484, 604 -> ContactStatus.INVALID_NUMBER;
            case 403, 603, 607, 608 -> ContactStatus.BLOCKED;
            default -> sipCode >= 500 && sipCode <= 599 ? ContactStatus.CARRIER_ERROR : ContactStatus.FAILED;
        };
    }
}
