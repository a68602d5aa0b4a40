package io.leadsuite.simulators.hubspot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The simulated portal's contacts. Ids are ascending numbers, as HubSpot's are; every property value is
 * a string; {@code hs_object_id}, {@code createdate} and {@code lastmodifieddate} are kept by the
 * store. Search sees a write only after the configured lag (HubSpot's search index trails its writes):
 * until then it finds the contact as it was before, or not at all if it is new.
 */
public final class Contacts {

    /** The contact properties the simulated portal defines; writing any other is a validation error. */
    public static final List<String> PROPERTIES = List.of(
            "email",
            "firstname",
            "lastname",
            "phone",
            "mobilephone",
            "company",
            "jobtitle",
            "website",
            "hs_linkedin_url",
            "city",
            "state",
            "country",
            "lifecyclestage");

    static final List<String> SYSTEM_PROPERTIES = List.of("hs_object_id", "createdate", "lastmodifieddate");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final String[] FIRST_NAMES = {
        "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "Linus"
    };
    private static final String[] LAST_NAMES = {
        "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen", "Torvalds"
    };
    private static final String[] TITLES = {"CTO", "Head of Sales", "Engineer", "Founder", "Buyer"};

    private final Clock clock;
    private final TreeMap<Long, Contact> byId = new TreeMap<>();
    private final Map<String, Long> idByEmail = new HashMap<>();
    private long nextId = 101;
    private volatile Duration searchLag;

    Contacts(Clock clock, Duration searchLag) {
        this.clock = clock;
        this.searchLag = searchLag;
    }

    /** A contact as stored: its properties at one moment. */
    record Version(Map<String, String> properties, Instant updatedAt) {}

    static final class Contact {
        final long id;
        final Instant createdAt;
        Version current;

        @Nullable
        Version indexed;

        Instant indexedAt;

        Contact(long id, Instant createdAt, Version current, Instant indexedAt) {
            this.id = id;
            this.createdAt = createdAt;
            this.current = current;
            this.indexedAt = indexedAt;
        }

        /** What search sees at {@code now}. */
        @Nullable
        Version searchable(Instant now) {
            if (!now.isBefore(indexedAt)) {
                indexed = current;
            }
            return indexed;
        }
    }

    void searchLag(Duration lag) {
        this.searchLag = lag;
    }

    /**
     * Adds {@code count} generated contacts, created a month ago one second apart (so their
     * {@code lastmodifieddate}s are distinct and in id order), with phone numbers that are valid.
     */
    public synchronized void seed(int count) {
        Instant start = now().minus(Duration.ofDays(30));
        for (int i = 0; i < count; i++) {
            long n = nextId;
            Map<String, String> properties = new LinkedHashMap<>();
            String first = FIRST_NAMES[(int) (n % FIRST_NAMES.length)];
            String last = LAST_NAMES[(int) ((n / FIRST_NAMES.length) % LAST_NAMES.length)];
            properties.put("firstname", first);
            properties.put("lastname", last);
            properties.put("email", (first + "." + last + "." + n + "@example.com").toLowerCase(Locale.ROOT));
            properties.put("phone", String.format(Locale.ROOT, "+1 650 253 %04d", n % 10_000));
            properties.put("company", last + " Labs");
            properties.put("jobtitle", TITLES[(int) (n % TITLES.length)]);
            Instant at = start.plusSeconds(i);
            insert(properties, at, at);
        }
    }

    /**
     * Changes {@code count} contacts spread evenly over the portal (a new job title), as a user editing
     * them in HubSpot would; returns their ids.
     */
    public synchronized List<String> touch(int count) {
        List<Long> ids = new ArrayList<>(byId.keySet());
        List<String> touched = new ArrayList<>();
        if (ids.isEmpty() || count <= 0) {
            return touched;
        }
        double step = Math.max(1.0, (double) ids.size() / count);
        for (int i = 0; i < count && (int) (i * step) < ids.size(); i++) {
            Contact contact = byId.get(ids.get((int) (i * step)));
            Map<String, String> properties = new LinkedHashMap<>(contact.current.properties());
            properties.put("jobtitle", "Edited in HubSpot " + now().toEpochMilli());
            write(contact, properties);
            touched.add(String.valueOf(contact.id));
        }
        return touched;
    }

    public synchronized int size() {
        return byId.size();
    }

    /** The contact with {@code email}, as the API shows it with every property. */
    public synchronized Optional<Map<String, Object>> findByEmail(String email) {
        Long id = idByEmail.get(email.toLowerCase(Locale.ROOT));
        return id == null ? Optional.empty() : Optional.of(view(byId.get(id), byId.get(id).current, PROPERTIES));
    }

    synchronized Optional<Map<String, Object>> find(String id, String idProperty, @Nullable List<String> properties) {
        Contact contact;
        if ("email".equals(idProperty)) {
            Long found = idByEmail.get(id.toLowerCase(Locale.ROOT));
            contact = found == null ? null : byId.get(found);
        } else {
            contact = parseId(id).map(byId::get).orElse(null);
        }
        return Optional.ofNullable(contact).map(c -> view(c, c.current, properties));
    }

    /** One page of the list endpoint: contacts from id {@code after} on, by id; the next page starts at the next id. */
    synchronized Page list(@Nullable String after, int limit, @Nullable List<String> properties) {
        long from = after == null ? Long.MIN_VALUE : parseId(after).orElse(Long.MIN_VALUE);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Contact contact : byId.tailMap(from, true).values()) {
            if (results.size() == limit) {
                return new Page(results, String.valueOf(contact.id), byId.size());
            }
            results.add(view(contact, contact.current, properties));
        }
        return new Page(results, null, byId.size());
    }

    /** The contacts search sees now that pass {@code filter}, in {@code order}. */
    synchronized List<Map<String, Object>> search(
            Predicate<Map<String, String>> filter, Comparator<Map<String, String>> order, List<String> properties) {
        Instant now = now();
        List<Map.Entry<Contact, Version>> visible = new ArrayList<>();
        for (Contact contact : byId.values()) {
            Version version = contact.searchable(now);
            if (version != null && filter.test(version.properties())) {
                visible.add(Map.entry(contact, version));
            }
        }
        visible.sort(
                (a, b) -> order.compare(a.getValue().properties(), b.getValue().properties()));
        List<Map<String, Object>> results = new ArrayList<>(visible.size());
        for (Map.Entry<Contact, Version> entry : visible) {
            results.add(view(entry.getKey(), entry.getValue(), properties));
        }
        return results;
    }

    /** An upsert by email: the outcome of one input. */
    sealed interface Upserted {
        record Stored(Map<String, Object> contact, boolean created) implements Upserted {}

        record Refused(Map<String, Object> error) implements Upserted {}
    }

    synchronized Upserted upsertByEmail(String email, Map<String, String> properties) {
        if (!EMAIL.matcher(email).matches()) {
            return new Upserted.Refused(HubSpotErrors.batchError(
                    "VALIDATION_ERROR", "Email address " + email + " is invalid", "INVALID_EMAIL", "email", email));
        }
        for (String name : properties.keySet()) {
            if (!PROPERTIES.contains(name)) {
                return new Upserted.Refused(HubSpotErrors.batchError(
                        "VALIDATION_ERROR",
                        "Property \"" + name + "\" does not exist",
                        "PROPERTY_DOESNT_EXIST",
                        name,
                        email));
            }
        }
        String key = email.toLowerCase(Locale.ROOT);
        Long existing = idByEmail.get(key);
        Map<String, String> values = new LinkedHashMap<>(properties);
        values.put("email", key);
        if (existing == null) {
            Instant now = now();
            Contact contact = insert(values, now, now);
            return new Upserted.Stored(view(contact, contact.current, List.copyOf(values.keySet())), true);
        }
        Contact contact = byId.get(existing);
        Map<String, String> merged = new LinkedHashMap<>(contact.current.properties());
        merged.putAll(values);
        write(contact, merged);
        return new Upserted.Stored(view(contact, contact.current, List.copyOf(values.keySet())), false);
    }

    /** A page and the cursor of the next one (null on the last page). */
    record Page(List<Map<String, Object>> results, @Nullable String nextAfter, long total) {}

    private Contact insert(Map<String, String> properties, Instant createdAt, Instant updatedAt) {
        long id = nextId++;
        Map<String, String> values = withSystemProperties(id, createdAt, updatedAt, properties);
        Contact contact = new Contact(id, createdAt, new Version(values, updatedAt), updatedAt.plus(searchLag));
        if (searchLag.isZero()) {
            contact.indexed = contact.current;
        }
        byId.put(id, contact);
        idByEmail.put(values.get("email"), id);
        return contact;
    }

    private void write(Contact contact, Map<String, String> properties) {
        Instant now = now();
        // What search sees until the new version is indexed.
        contact.searchable(now);
        Map<String, String> values = withSystemProperties(contact.id, contact.createdAt, now, properties);
        contact.current = new Version(values, now);
        contact.indexedAt = now.plus(searchLag);
        if (searchLag.isZero()) {
            contact.indexed = contact.current;
        }
    }

    private static Map<String, String> withSystemProperties(
            long id, Instant createdAt, Instant updatedAt, Map<String, String> properties) {
        Map<String, String> values = new LinkedHashMap<>(properties);
        values.put("hs_object_id", String.valueOf(id));
        values.put("createdate", createdAt.toString());
        values.put("lastmodifieddate", updatedAt.toString());
        return values;
    }

    /** The API's record shape; {@code properties} null means HubSpot's default set. */
    private static Map<String, Object> view(Contact contact, Version version, @Nullable Collection<String> properties) {
        Collection<String> names = properties == null ? List.of("email", "firstname", "lastname") : properties;
        Map<String, @Nullable Object> shown = new LinkedHashMap<>();
        for (String name : names) {
            if (PROPERTIES.contains(name) || SYSTEM_PROPERTIES.contains(name)) {
                shown.put(name, version.properties().get(name));
            }
        }
        for (String name : SYSTEM_PROPERTIES) {
            shown.put(name, version.properties().get(name));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", String.valueOf(contact.id));
        record.put("properties", shown);
        record.put("createdAt", contact.createdAt.toString());
        record.put("updatedAt", version.updatedAt().toString());
        record.put("archived", false);
        return record;
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
