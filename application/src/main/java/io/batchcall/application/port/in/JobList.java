package io.batchcall.application.port.in;

import io.vavr.collection.List;

/** One page of an organization's jobs, newest first. */
public record JobList(List<JobView> jobs, long total, int page, int pageSize) {
}
