package io.batchcall.domain.caller;

import io.batchcall.domain.error.BatchJobError;
import io.batchcall.domain.job.BatchJob;
import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * The caller ids a job dials from (CONTRACT §14): {@code fromPhoneNumberId} and/or {@code fromPhoneNumberIds}, in
 * that order without repeats, how each dial picks one, and whether a contact's retries keep the id of its first
 * attempt. A job with one id and no registration dials as before part three.
 */
public record CallerPool(List<String> ids, CallerSelection selection, boolean sticky) {

    public static final int MAX_IDS = 100;

    public CallerPool {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a pool holds at least one caller id");
        }
    }

    /** The pool of a job that names one id. */
    public static CallerPool single(String id) {
        return new CallerPool(List.of(id), CallerSelection.LOCAL, true);
    }

    /**
     * @param primary the job's {@code fromPhoneNumberId} (null: none given)
     * @param others  {@code fromPhoneNumberIds} (null: none given)
     */
    public static Either<BatchJobError, CallerPool> of(String primary, java.util.List<String> others, String selection, Boolean sticky) {
        if (others != null && (others.isEmpty() || others.size() > MAX_IDS)) {
            return Either.left(new BatchJobError.InvalidInput("invalid_from_phone_number_ids",
                    "fromPhoneNumberIds holds 1-" + MAX_IDS + " ids, got " + others.size()));
        }
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        if (primary != null) {
            ids.add(primary);
        }
        if (others != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String id : others) {
                if (id == null || id.isBlank() || id.length() > BatchJob.MAX_ID_LENGTH) {
                    return Either.left(new BatchJobError.InvalidInput("invalid_from_phone_number_ids",
                            "each id in fromPhoneNumberIds is 1-" + BatchJob.MAX_ID_LENGTH + " characters"));
                }
                if (!seen.add(id)) {
                    return Either.left(new BatchJobError.InvalidInput("duplicate_caller_id",
                            "fromPhoneNumberIds names " + id + " twice"));
                }
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return Either.left(new BatchJobError.InvalidInput("missing_from_phone_number_id",
                    "fromPhoneNumberId or fromPhoneNumberIds is required"));
        }
        CallerSelection how = CallerSelection.LOCAL;
        if (selection != null) {
            var parsed = CallerSelection.fromWire(selection);
            if (parsed.isEmpty()) {
                return Either.left(new BatchJobError.InvalidInput("invalid_caller_id_selection",
                        "callerIdSelection is local or round_robin"));
            }
            how = parsed.get();
        }
        return Either.right(new CallerPool(List.ofAll(ids), how, sticky == null || sticky));
    }

    /** The id a job reports as its {@code fromPhoneNumberId}: the first of the pool. */
    public String primary() {
        return ids.head();
    }

    /** Whether this pool is the single id of a job created before pools (nothing to choose). */
    public boolean isSingle() {
        return ids.size() == 1;
    }
}
