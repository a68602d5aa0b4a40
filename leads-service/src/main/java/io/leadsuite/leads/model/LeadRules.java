package io.leadsuite.leads.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.leadsuite.common.web.FieldViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * The validation rules of a lead and the normalisation every stored lead gets, in one place for every
 * way a lead is written (API, CSV import, CRM sync): each standard field by its {@link LeadFields.Rule},
 * custom fields, integration ids and the list.
 */
public final class LeadRules {

    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_PHONE = 40;
    static final int MAX_TEXT = 200;
    static final int MAX_NOTES = 5000;
    static final int MAX_URL = 500;
    static final int MAX_INTEGRATION_ID = 200;

    /** Digits, spaces and the usual separators, an optional leading +, an optional extension. */
    private static final Pattern PHONE =
            Pattern.compile("\\+?[0-9 ().\\-/]+(\\s*(ext\\.?|x|#)\\s*[0-9]{1,6})?", Pattern.CASE_INSENSITIVE);

    private static final Pattern EXTENSION =
            Pattern.compile("\\s*(ext\\.?|x|#)\\s*[0-9]{1,6}$", Pattern.CASE_INSENSITIVE);

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final EmailValidator emails = EmailValidator.getInstance(false, false);
    private final String defaultPhoneRegion;

    /**
     * @param defaultPhoneRegion the ISO 3166 region assumed for phone numbers written without a
     *     country code (e.g. {@code US})
     */
    public LeadRules(String defaultPhoneRegion) {
        this.defaultPhoneRegion = defaultPhoneRegion.toUpperCase(Locale.ROOT);
    }

    /** The outcome of {@link #check}: a normalised state, or why the input was refused. */
    public record Checked(@Nullable LeadState state, List<FieldViolation> violations) {
        public boolean isValid() {
            return violations.isEmpty();
        }
    }

    public Checked check(LeadInput input) {
        List<FieldViolation> violations = new ArrayList<>();
        LeadFields given = input.fieldsOrNone();
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        for (LeadFields.Field field : LeadFields.TABLE) {
            values.put(field.name(), normalised(field, field.value().apply(given), violations));
        }
        LeadFields fields = LeadFields.of(values);
        List<CustomField> customFields = CustomFields.fromJson(input.customFields(), violations);
        IntegrationIds integrationIds = integrationIds(input.integrationIds(), violations);
        ObjectId listId = listId(input.listId(), violations);
        if (!violations.isEmpty()) {
            return new Checked(null, List.copyOf(violations));
        }
        String phone = Objects.requireNonNull(fields.phone());
        return new Checked(new LeadState(fields, e164(phone), customFields, integrationIds, listId), List.of());
    }

    /**
     * {@code current} with a merge patch applied, checked as a whole: the patch's own errors (a
     * read-only or unknown field, a wrong type) and the rules' errors for the result, each once.
     */
    public Checked check(LeadState current, Map<String, @Nullable Object> patch) {
        List<FieldViolation> violations = new ArrayList<>();
        Checked checked = check(LeadPatch.apply(current, patch, violations));
        violations.addAll(checked.violations());
        return violations.isEmpty() ? checked : new Checked(null, List.copyOf(new LinkedHashSet<>(violations)));
    }

    /** {@code value} trimmed and checked by its field's rule; {@code null} when absent or refused. */
    private @Nullable String normalised(
            LeadFields.Field field, @Nullable String value, List<FieldViolation> violations) {
        String name = field.name();
        return switch (field.rule()) {
            case NAME -> required(value, name, MAX_NAME, violations);
            case EMAIL -> email(value, name, violations);
            case PHONE -> phone(value, name, violations);
            case TEXT -> optional(value, name, MAX_TEXT, violations);
            case LINKEDIN_URL -> linkedinUrl(value, name, violations);
            case NOTES -> optional(value, name, MAX_NOTES, violations);
        };
    }

    /** The key that makes an email unique per user: trimmed, Unicode-normalised, lower-cased. */
    public static String emailKey(String userId, String email) {
        return userId + "|"
                + Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }

    private static @Nullable String required(
            @Nullable String value, String field, int max, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        return bounded(value.strip(), field, max, violations);
    }

    private static @Nullable String optional(
            @Nullable String value, String field, int max, List<FieldViolation> violations) {
        return value == null || value.isBlank() ? null : bounded(value.strip(), field, max, violations);
    }

    private static @Nullable String bounded(String value, String field, int max, List<FieldViolation> violations) {
        if (value.length() > max) {
            violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
            return null;
        }
        return value;
    }

    private @Nullable String email(@Nullable String value, String field, List<FieldViolation> violations) {
        String email = required(value, field, MAX_EMAIL, violations);
        if (email != null && !emails.isValid(email)) {
            violations.add(new FieldViolation(field, "must be a valid email address"));
            return null;
        }
        return email;
    }

    /**
     * Accepts the ways people write phone numbers (the seed's own {@code +1-555-0123} included): digits
     * with the usual separators, an optional leading {@code +} and extension.
     */
    private static @Nullable String phone(@Nullable String value, String field, List<FieldViolation> violations) {
        String phone = required(value, field, MAX_PHONE, violations);
        if (phone == null) {
            return null;
        }
        int digits = digits(EXTENSION.matcher(phone).replaceFirst("")).length();
        if (!PHONE.matcher(phone).matches() || digits < 7 || digits > 15) {
            violations.add(new FieldViolation(
                    field,
                    "must be a phone number: 7 to 15 digits, optionally with +, spaces, dashes, dots, brackets"));
            return null;
        }
        return phone;
    }

    /** The E.164 form of an accepted phone number when libphonenumber finds it valid, {@code null} otherwise. */
    private @Nullable String e164(String phone) {
        try {
            Phonenumber.PhoneNumber parsed = phones.parse(phone, defaultPhoneRegion);
            return phones.isValidNumber(parsed) ? phones.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException notParseable) {
            return null;
        }
    }

    private static @Nullable String linkedinUrl(@Nullable String value, String field, List<FieldViolation> violations) {
        String url = optional(value, field, MAX_URL, violations);
        if (url == null) {
            return null;
        }
        String withScheme = url.contains("://") ? url : "https://" + url;
        try {
            URI uri = new URI(withScheme);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean linkedin = host.equals("linkedin.com") || host.endsWith(".linkedin.com");
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (linkedin && web && uri.getPath() != null && uri.getPath().length() > 1) {
                return withScheme;
            }
        } catch (URISyntaxException malformed) {
            // Reported below.
        }
        violations.add(new FieldViolation(field, "must be a LinkedIn URL, e.g. https://www.linkedin.com/in/janedoe"));
        return null;
    }

    private static IntegrationIds integrationIds(@Nullable IntegrationIds ids, List<FieldViolation> violations) {
        if (ids == null) {
            return IntegrationIds.NONE;
        }
        return new IntegrationIds(
                optional(ids.hubspotRecordId(), "integrationIds.hubspotRecordId", MAX_INTEGRATION_ID, violations),
                optional(ids.salesforceRecordId(), "integrationIds.salesforceRecordId", MAX_INTEGRATION_ID, violations),
                optional(ids.googleSheetsRowId(), "integrationIds.googleSheetsRowId", MAX_INTEGRATION_ID, violations));
    }

    private static @Nullable ObjectId listId(@Nullable String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ObjectId.isValid(value.strip())) {
            violations.add(new FieldViolation("listId", "is not the id of one of your lists"));
            return null;
        }
        return new ObjectId(value.strip());
    }
}
