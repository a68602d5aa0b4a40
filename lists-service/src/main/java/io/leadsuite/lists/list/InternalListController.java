package io.leadsuite.lists.list;

import io.leadsuite.common.security.Tenant;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * For leads-service (service-to-service token, {@code X-Internal-Token}; not routed by the gateway): a
 * user's list by id, as the public API answers it to that user (404 for another user's or a deleted
 * list). leads-service asks it for a {@code listId} its projection of list events has not heard of yet,
 * on writes that carry no user token, such as an import's batches into a list created a moment before.
 */
@RestController
@Hidden
class InternalListController {

    private final ListWriter writer;

    InternalListController(ListWriter writer) {
        this.writer = writer;
    }

    @GetMapping("/internal/lists/{id}")
    Mono<ListView> get(@RequestParam String userId, @PathVariable String id) {
        return writer.find(new Tenant(userId, null, null), id).map(ListView::of);
    }
}
