package io.batchcall.application.port.out;

/** Issues new batch job ids. Contact ids derive from the job id and the upload position. */
@FunctionalInterface
public interface IdSource {
    String newJobId();
}
