package io.leadsuite.testkit;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shape every service keeps: its feature packages form no cycle, and what its controllers answer
 * is API types of their own, never a persistence document (a {@code @Document} type or a type nested
 * in one) nor a writer's internal result. Each service checks itself from a plain unit test:
 *
 * <pre>{@code
 * class ArchitectureTest {
 *     @Test
 *     void packagesAreAcyclicAndControllersAnswerWithApiTypes() {
 *         ArchitectureRules.check(LinesServiceApplication.class);
 *     }
 * }
 * }</pre>
 */
public final class ArchitectureRules {

    private static final String DOCUMENT = "org.springframework.data.mongodb.core.mapping.Document";

    private ArchitectureRules() {}

    /** Checks the packages under {@code application}'s package (main code only). */
    public static void check(Class<?> application) {
        String base = application.getPackageName();
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
        slices().matching(base + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a feature package depends on others only one way")
                .check(classes);
        List<String> leaks = new ArrayList<>();
        for (JavaClass controller : classes) {
            if (!controller.isAnnotatedWith(RestController.class)) {
                continue;
            }
            for (JavaMethod method : controller.getMethods()) {
                if (method.getModifiers().contains(JavaModifier.PRIVATE)) {
                    continue;
                }
                Set<String> seen = new HashSet<>();
                String leak = leak(method.getReturnType(), base, seen);
                if (leak != null) {
                    leaks.add(method.getFullName() + " answers with " + leak);
                }
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("Controllers must answer with API types, not documents or writers' types:\n  "
                    + String.join("\n  ", leaks));
        }
    }

    /** The first persistence or writer type that {@code type} is or holds (type arguments, record fields). */
    private static String leak(JavaType type, String base, Set<String> seen) {
        if (type instanceof JavaParameterizedType parameterized) {
            for (JavaType argument : parameterized.getActualTypeArguments()) {
                String found = leak(argument, base, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        JavaClass raw = type.toErasure();
        if (!seen.add(raw.getName()) || !raw.getPackageName().startsWith(base)) {
            return null;
        }
        if (isPersistence(raw)
                || raw.getEnclosingClass().map(ArchitectureRules::isWriter).orElse(false)) {
            return raw.getName();
        }
        for (JavaField field : raw.getFields()) {
            if (field.getModifiers().contains(JavaModifier.STATIC)) {
                continue;
            }
            String found = leak(field.getType(), base, seen);
            if (found != null) {
                return found + " (in " + raw.getSimpleName() + "." + field.getName() + ")";
            }
        }
        return null;
    }

    private static boolean isPersistence(JavaClass type) {
        if (type.isAnnotatedWith(DOCUMENT)) {
            return true;
        }
        return type.getEnclosingClass().map(ArchitectureRules::isPersistence).orElse(false);
    }

    private static boolean isWriter(JavaClass type) {
        return type.getSimpleName().endsWith("Writer");
    }
}
