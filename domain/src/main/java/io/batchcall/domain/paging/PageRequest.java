package io.batchcall.domain.paging;

import io.batchcall.domain.error.BatchJobError;
import io.vavr.control.Either;

/**
 * A validated 1-based page of a list. {@link #offset()} is the number of items before the page;
 * a page past the end is valid and simply empty.
 */
public record PageRequest(int page, int pageSize) {

    public PageRequest {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize must be >= 1");
        }
    }

    /**
     * Parses raw query values. Null or empty means "use the default". Anything that is not a plain
     * decimal integer (including numbers too large for an int) is rejected, never a crash.
     */
    public static Either<BatchJobError, PageRequest> parse(String rawPage, String rawSize, int defaultSize, int maxSize) {
        return parseInt(rawPage, 1, Integer.MAX_VALUE, "invalid_page", "page must be an integer >= 1")
                .flatMap(page -> parseInt(rawSize, defaultSize, maxSize, "invalid_page_size",
                        "page size must be an integer between 1 and " + maxSize)
                        .map(size -> new PageRequest(page, size)));
    }

    private static Either<BatchJobError, Integer> parseInt(String raw, int dflt, int max, String code, String message) {
        if (raw == null || raw.isEmpty()) {
            return Either.right(dflt);
        }
        String digits = raw.startsWith("+") ? raw.substring(1) : raw;
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Either.left(new BatchJobError.InvalidInput(code, message));
        }
        long value = Long.parseLong(digits);
        if (value < 1 || value > max) {
            return Either.left(new BatchJobError.InvalidInput(code, message));
        }
        return Either.right((int) value);
    }

    /** Items before this page; long, because page × size can exceed an int. */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /** {@code page × pageSize < total}: whether a later page holds items. */
    public boolean hasMore(long total) {
        return (long) page * pageSize < total;
    }

    /** Number of items on this page, given the total number of matching items. */
    public int sizeOn(long total) {
        long left = total - offset();
        return (int) Math.max(0, Math.min(pageSize, left));
    }
}
