package io.leadsuite.imports.csv;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The type of a custom field's values, as {@link FieldTypes} infers it. */
public enum FieldType {
    /** Text, stored as written (trimmed). */
    @JsonProperty("string")
    STRING,
    /** A plain integer or decimal that a JSON number carries exactly. */
    @JsonProperty("number")
    NUMBER,
    /** {@code true} or {@code false}, in any case. */
    @JsonProperty("boolean")
    BOOLEAN,
    /** An ISO-8601 date ({@code 2024-03-05}) or date-time with an offset ({@code 2024-03-05T09:30:00Z}). */
    @JsonProperty("date")
    DATE
}
