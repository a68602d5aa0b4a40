package io.leadsuite.lists.repair;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * For operators (service-to-service token, {@code X-Internal-Token}; not routed by the gateway): runs the
 * count repair now and answers what it found.
 */
@RestController
@Hidden
class RepairController {

    private final CountRepair repair;

    RepairController(CountRepair repair) {
        this.repair = repair;
    }

    @PostMapping("/internal/list-counts/repair")
    Mono<CountRepair.Report> repair() {
        return repair.run();
    }
}
