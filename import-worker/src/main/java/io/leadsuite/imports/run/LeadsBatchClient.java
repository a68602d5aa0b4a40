package io.leadsuite.imports.run;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.imports.job.DuplicatePolicy;
import io.leadsuite.imports.settings.ImportProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * leads-service's batch write ({@code POST /internal/leads/batches}), the only way an import (or the
 * push to a CRM, storing the ids it got back) writes leads. A batch is safe to send again (each lead carries its job-and-row {@code ref}), so transport
 * errors and 5xx answers are retried with backoff for about a minute before the job gives up. A full
 * store (507) and a refused call (4xx) are final: they end the job at once as {@link JobRefused}.
 */
@Component
public class LeadsBatchClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int INSUFFICIENT_STORAGE = 507;

    private final WebClient http;

    LeadsBatchClient(
            WebClient.Builder builder,
            ImportProperties properties,
            @Value("${leadsuite.security.internal-token:}") String internalToken) {
        this.http = builder.baseUrl(properties.leadsServiceUrl())
                .defaultHeader(InternalApi.TOKEN_HEADER, internalToken)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    /** @param leads each as the leads API takes it, plus its {@code ref} ({@code <jobId>:<row>}) */
    public record BatchRequest(
            String userId,
            @Nullable String workspaceId,
            String actor,
            String source,
            DuplicatePolicy duplicatePolicy,
            boolean dryRun,
            List<Map<String, Object>> leads) {}

    /** {@code stored}, {@code updated}, {@code invalid} or {@code conflict}, per input in order. */
    public record BatchItem(
            int index,
            @Nullable String ref,
            String status,
            @Nullable String leadId,
            @Nullable List<FieldViolation> violations,
            @Nullable String conflictField,
            @Nullable String existingLeadId) {

        public List<FieldViolation> violationsOrNone() {
            return violations == null ? List.of() : violations;
        }
    }

    public record BatchResponse(List<BatchItem> items) {}

    public Mono<BatchResponse> store(BatchRequest request) {
        return http.post()
                .uri("/internal/leads/batches")
                .bodyValue(request)
                .retrieve()
                .bodyToMono(BatchResponse.class)
                .timeout(TIMEOUT)
                .onErrorMap(LeadsBatchClient::isFinal, LeadsBatchClient::refused)
                .retryWhen(Retry.backoff(8, Duration.ofMillis(250))
                        .maxBackoff(Duration.ofSeconds(15))
                        .filter(LeadsBatchClient::isTransient));
    }

    private static boolean isTransient(Throwable error) {
        return error instanceof WebClientRequestException
                || error instanceof java.util.concurrent.TimeoutException
                || (error instanceof WebClientResponseException response
                        && (response.getStatusCode().is5xxServerError()
                                || response.getStatusCode().value() == 429));
    }

    /** A full store (507) or a refused call (4xx but 429): sending the batch again cannot help. */
    private static boolean isFinal(Throwable error) {
        return error instanceof WebClientResponseException response
                && (response.getStatusCode().value() == INSUFFICIENT_STORAGE
                        || (response.getStatusCode().is4xxClientError()
                                && response.getStatusCode().value() != 429));
    }

    private static JobRefused refused(Throwable error) {
        WebClientResponseException response = (WebClientResponseException) error;
        ProblemDetail problem = response.getResponseBodyAs(ProblemDetail.class);
        String reason = problem != null && problem.getDetail() != null
                ? problem.getDetail()
                : "leads-service answered " + response.getStatusCode().value() + ".";
        boolean storeFull = response.getStatusCode().value() == INSUFFICIENT_STORAGE;
        return new JobRefused(
                storeFull ? "store-full" : "refused", (storeFull ? "" : "leads-service refused a batch: ") + reason);
    }
}
