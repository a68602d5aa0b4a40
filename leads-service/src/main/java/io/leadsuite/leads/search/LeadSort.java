package io.leadsuite.leads.search;

import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.LeadDocument;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;

/**
 * The orders leads can be listed in: {@code sort=-createdAt} (default, newest first), {@code createdAt},
 * {@code lastName}, {@code -lastName}, {@code companyName}, {@code -companyName}. Names sort without
 * regard to case (on stored lower-cased keys); ties break on the id, so every order is total.
 */
enum LeadSort {
    NEWEST("-createdAt", "createdAt", Sort.Direction.DESC),
    OLDEST("createdAt", "createdAt", Sort.Direction.ASC),
    LAST_NAME("lastName", "lastNameKey", Sort.Direction.ASC),
    LAST_NAME_DESC("-lastName", "lastNameKey", Sort.Direction.DESC),
    COMPANY("companyName", "companyNameKey", Sort.Direction.ASC),
    COMPANY_DESC("-companyName", "companyNameKey", Sort.Direction.DESC);

    final String parameter;
    final String field;
    final Sort.Direction direction;

    LeadSort(String parameter, String field, Sort.Direction direction) {
        this.parameter = parameter;
        this.field = field;
        this.direction = direction;
    }

    static LeadSort parse(String parameter) {
        for (LeadSort sort : values()) {
            if (sort.parameter.equals(parameter)) {
                return sort;
            }
        }
        throw Problems.invalid(
                "sort",
                "must be one of "
                        + Arrays.stream(values()).map(sort -> sort.parameter).collect(Collectors.joining(", ")));
    }

    Sort toSort() {
        return Sort.by(direction, field).and(Sort.by(direction, "_id"));
    }

    /** The sort value of a lead, as a cursor keeps it (text, or epoch milliseconds). */
    String valueOf(LeadDocument lead) {
        return switch (field) {
            case "createdAt" -> Long.toString(lead.createdAt().toEpochMilli());
            case "lastNameKey" -> lead.lastNameKey();
            default -> lead.companyNameKey();
        };
    }

    /** A cursor's sort value as MongoDB compares it. */
    Object typed(String value) {
        return field.equals("createdAt") ? Date.from(Instant.ofEpochMilli(Long.parseLong(value))) : value;
    }
}
