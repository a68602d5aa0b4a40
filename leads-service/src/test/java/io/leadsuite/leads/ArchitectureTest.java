package io.leadsuite.leads;

import io.leadsuite.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void packagesAreAcyclicAndControllersAnswerWithApiTypes() {
        ArchitectureRules.check(LeadsServiceApplication.class);
    }
}
