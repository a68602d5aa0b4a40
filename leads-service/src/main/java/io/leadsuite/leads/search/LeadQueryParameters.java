package io.leadsuite.leads.search;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.enums.ParameterStyle;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the query parameters {@link LeadQuery#from} reads, for a handler that takes them as a {@code
 * MultiValueMap} (which is then hidden from the document with {@code @Parameter(hidden = true)}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Parameters({
    @Parameter(
            name = "q",
            in = ParameterIn.QUERY,
            description = "Case-insensitive text in the first or last name, email, company or phone",
            schema = @Schema(type = "string", maxLength = LeadQuery.MAX_TEXT),
            example = "doe"),
    @Parameter(
            name = "listId",
            in = ParameterIn.QUERY,
            description = "Only the leads of this list (its id), or `none` for the leads in no list",
            schema = @Schema(type = "string"),
            example = "665f1b90b4e8a93d7c0e4b10"),
    @Parameter(
            name = "source",
            in = ParameterIn.QUERY,
            description = "Only the leads that came from this source",
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {"csv", "google_sheets", "salesforce", "hubspot", "manual"})),
    @Parameter(
            name = "createdFrom",
            in = ParameterIn.QUERY,
            description = "Only the leads created at or after this instant (ISO-8601)",
            schema = @Schema(type = "string", format = "date-time"),
            example = "2024-12-01T00:00:00Z"),
    @Parameter(
            name = "createdTo",
            in = ParameterIn.QUERY,
            description = "Only the leads created before this instant (ISO-8601)",
            schema = @Schema(type = "string", format = "date-time"),
            example = "2025-01-01T00:00:00Z"),
    @Parameter(
            name = "companyName",
            in = ParameterIn.QUERY,
            description = "Only the leads of this company (exact, regardless of case)",
            schema = @Schema(type = "string"),
            example = "Acme Corp"),
    @Parameter(
            name = "customFields",
            in = ParameterIn.QUERY,
            style = ParameterStyle.DEEPOBJECT,
            explode = Explode.TRUE,
            description = "Equality on custom fields, `customFields[<name>]=<value>` (repeatable; all must hold)",
            schema =
                    @Schema(
                            type = "object",
                            additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            example = "{\"customField1\": \"Value1\"}")),
    @Parameter(
            name = "sort",
            in = ParameterIn.QUERY,
            description = "The order: newest first (default), oldest first, or by last name or company name",
            schema =
                    @Schema(
                            type = "string",
                            defaultValue = "-createdAt",
                            allowableValues = {
                                "-createdAt",
                                "createdAt",
                                "lastName",
                                "-lastName",
                                "companyName",
                                "-companyName"
                            }))
})
public @interface LeadQueryParameters {}
