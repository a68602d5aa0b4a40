package io.leadsuite.imports.csv;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How sure a suggested column mapping is. */
public enum Confidence {
    /** The header, ignoring case, spaces, dashes and underscores, is the field's name ({@code First Name}). */
    @JsonProperty("exact")
    EXACT,
    /** The header is a known alias of the field in an export people upload ({@code E-mail Address}). */
    @JsonProperty("alias")
    ALIAS,
    /** No field matches: the column becomes a custom field (or is ignored). */
    @JsonProperty("none")
    NONE
}
