package io.leadsuite.lines;

import io.leadsuite.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void packagesAreAcyclicAndControllersAnswerWithApiTypes() {
        ArchitectureRules.check(LinesServiceApplication.class);
    }
}
