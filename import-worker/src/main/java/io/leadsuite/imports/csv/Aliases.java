package io.leadsuite.imports.csv;

import io.leadsuite.common.lead.LeadFieldNames;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The headers that real exports (Outlook, Google Contacts, HubSpot, Salesforce, LinkedIn) give the
 * standard fields, with a rank for when several columns match one field: the lowest rank wins (an exact
 * name is rank 0), the leftmost column among equals. Headers are compared {@link #normalize normalised}.
 */
final class Aliases {

    /**
     * A header matched to a standard field.
     *
     * @param rank lower wins when several columns match the same field; 0 for an exact match
     */
    record Match(String field, Confidence confidence, int rank) {}

    /** LinkedIn's connections export has a bare "URL" column, the connection's profile; its signature column. */
    private static final String LINKEDIN_SIGNATURE = normalize("Connected On");

    private static final String LINKEDIN_URL_COLUMN = normalize("URL");

    /** Headers that hold a whole name, which is not split into first and last name. */
    static final Set<String> FULL_NAMES = Set.of(normalize("Name"), normalize("Full Name"));

    private static final Map<String, Match> TABLE = table(
            alias("firstName", 1, "Given Name", "First", "Forename"),
            alias("lastName", 1, "Family Name", "Surname", "Last"),
            alias("email", 1, "Email Address", "E-mail 1 - Value", "Primary Email", "Email 1"),
            alias("email", 2, "Work Email", "Business Email"),
            alias("phone", 1, "Phone Number", "Primary Phone", "Phone 1 - Value", "Telephone", "Telephone Number"),
            alias("phone", 2, "Mobile Phone", "Mobile", "Mobile Phone Number", "Mobile Number", "Cell Phone", "Cell"),
            alias("phone", 3, "Business Phone", "Work Phone", "Office Phone"),
            alias("phone", 4, "Home Phone"),
            alias(
                    "companyName",
                    1,
                    "Company",
                    "Organization Name",
                    "Organization 1 - Name",
                    "Organization",
                    "Organisation"),
            alias("companyName", 2, "Account Name"),
            alias("jobTitle", 1, "Organization Title", "Organization 1 - Title", "Position"),
            alias("jobTitle", 2, "Title"),
            alias(
                    "linkedinUrl",
                    1,
                    "LinkedIn",
                    "LinkedIn Profile",
                    "LinkedIn Profile URL",
                    "Person LinkedIn URL",
                    "LinkedIn Link"),
            alias("notes", 1, "Note", "Comments", "Comment"));

    private Aliases() {}

    /** The header without case, spaces, dashes and underscores: {@code First Name}, {@code first_name} → {@code firstname}. */
    static String normalize(String header) {
        return header.replaceAll("[\\s\\-_]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The standard field {@code header} names, if any.
     *
     * @param linkedInExport whether the header row is LinkedIn's connections export (then "URL" is the
     *     profile)
     */
    static Optional<Match> match(String header, boolean linkedInExport) {
        String normalized = normalize(header);
        for (String field : LeadFieldNames.names()) {
            if (normalize(field).equals(normalized)) {
                return Optional.of(new Match(field, Confidence.EXACT, 0));
            }
        }
        if (linkedInExport && normalized.equals(LINKEDIN_URL_COLUMN)) {
            return Optional.of(new Match("linkedinUrl", Confidence.ALIAS, 1));
        }
        return Optional.ofNullable(TABLE.get(normalized));
    }

    /** Whether {@code header} is LinkedIn's connections export, by its "Connected On" column. */
    static boolean isLinkedInExport(List<String> header) {
        return header.stream().map(Aliases::normalize).anyMatch(LINKEDIN_SIGNATURE::equals);
    }

    private record Entry(String field, int rank, List<String> headers) {}

    private static Entry alias(String field, int rank, String... headers) {
        return new Entry(field, rank, List.of(headers));
    }

    private static Map<String, Match> table(Entry... entries) {
        Map<String, Match> table = new HashMap<>();
        for (Entry entry : entries) {
            if (LeadFieldNames.standard(entry.field()).isEmpty()) {
                throw new IllegalStateException("not a standard field: " + entry.field());
            }
            for (String header : entry.headers()) {
                Match previous = table.put(normalize(header), new Match(entry.field(), Confidence.ALIAS, entry.rank()));
                if (previous != null) {
                    throw new IllegalStateException("alias listed twice: " + header);
                }
            }
        }
        return Map.copyOf(table);
    }
}
