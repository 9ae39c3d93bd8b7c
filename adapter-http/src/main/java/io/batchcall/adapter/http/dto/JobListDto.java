package io.batchcall.adapter.http.dto;

import java.util.List;

public record JobListDto(List<JobDto> batchJobs, long total, int page, int pageSize) {
}
