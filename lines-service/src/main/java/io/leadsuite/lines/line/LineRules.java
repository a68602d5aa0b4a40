package io.leadsuite.lines.line;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.lines.settings.LinesProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The rules of a line's profile and limits. Each check adds a field violation instead of throwing. */
@Component
class LineRules {

    static final int MAX_NAME = 100;
    static final int MAX_URL = 2048;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final LinesProperties.Limits limits;

    LineRules(LinesProperties properties) {
        this.limits = properties.limits();
    }

    @Nullable
    String name(@Nullable Object value, String field, List<FieldViolation> violations) {
        if (!(value instanceof String text) || text.isBlank()) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        String name = text.strip();
        if (name.length() > MAX_NAME) {
            violations.add(new FieldViolation(field, "must be at most " + MAX_NAME + " characters"));
            return null;
        }
        return name;
    }

    @Nullable
    String email(@Nullable Object value, List<FieldViolation> violations) {
        if (!(value instanceof String text) || text.isBlank()) {
            violations.add(new FieldViolation("email", "is required"));
            return null;
        }
        String email = text.strip();
        if (!EmailValidator.getInstance().isValid(email)) {
            violations.add(new FieldViolation("email", "must be a valid email address"));
            return null;
        }
        return email.toLowerCase(Locale.ROOT);
    }

    /** The number in E.164; a line's number must be one a carrier can route. */
    @Nullable
    String phone(@Nullable Object value, List<FieldViolation> violations) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        if (value instanceof String text) {
            try {
                var number = phones.parse(text.strip(), "US");
                if (phones.isValidNumber(number)) {
                    return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
                }
            } catch (NumberParseException invalid) {
                // reported below
            }
        }
        violations.add(new FieldViolation("phone", "must be a valid phone number, e.g. +1 202 555 0143"));
        return null;
    }

    @Nullable
    String imageUrl(@Nullable Object value, List<FieldViolation> violations) {
        if (value == null || value instanceof String text && text.isBlank()) {
            return null;
        }
        if (value instanceof String text && text.length() <= MAX_URL) {
            try {
                URI uri = new URI(text.strip());
                if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                        && uri.getHost() != null) {
                    return uri.toString();
                }
            } catch (URISyntaxException invalid) {
                // reported below
            }
        }
        violations.add(new FieldViolation("profileImageUrl", "must be an http(s) URL"));
        return null;
    }

    @Nullable
    String userId(@Nullable Object value, List<FieldViolation> violations) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text && !text.isBlank() && text.length() <= MAX_NAME) {
            return text.strip();
        }
        violations.add(new FieldViolation("createdUserId", "must be a user id"));
        return null;
    }

    int newConversationsLimit(Object value, List<FieldViolation> violations) {
        return limit(value, "dailyNewConversationsLimit", limits.maxDailyNewConversations(), violations);
    }

    int totalMessagesLimit(Object value, List<FieldViolation> violations) {
        return limit(value, "dailyTotalMessagesLimit", limits.maxDailyTotalMessages(), violations);
    }

    private static int limit(@Nullable Object value, String field, int max, List<FieldViolation> violations) {
        if (value instanceof Integer number && number >= 0 && number <= max) {
            return number;
        }
        violations.add(new FieldViolation(field, "must be a whole number from 0 to " + max));
        return -1;
    }
}
