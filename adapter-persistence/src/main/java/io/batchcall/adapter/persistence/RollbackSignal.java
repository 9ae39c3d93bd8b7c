package io.batchcall.adapter.persistence;

/** Thrown inside a transaction to roll it back and carry a result out. */
final class RollbackSignal extends RuntimeException {
    final transient Object result;

    RollbackSignal(Object result) {
        super(null, null, false, false);
        this.result = result;
    }
}
