package io.batchcall.application.port.in;

/**
 * Thrown by a row iterator handed to {@link CreateBatchJob} when the upload itself cannot be read
 * (broken CSV quoting, malformed JSON). The create is then abandoned and nothing is stored.
 */
public class MalformedUploadException extends RuntimeException {

    private final String code;

    public MalformedUploadException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
