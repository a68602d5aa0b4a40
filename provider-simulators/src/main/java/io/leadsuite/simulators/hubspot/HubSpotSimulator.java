package io.leadsuite.simulators.hubspot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadsuite.simulators.SimulatorExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HubSpot: one app installed in one portal, on one port that serves both the browser pages
 * ({@code app.hubspot.com}) and the API ({@code api.hubapi.com}). See the module README for every
 * endpoint, behaviour and switch. Tests start it in-process; the local stack starts it for a person.
 */
public final class HubSpotSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubSpotSimulator.class);
    private static final String CONTACTS = "/crm/v3/objects/contacts";
    private static final String TOKEN = "/oauth/2026-03/token";

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonMapper json = JsonMapper.builder().build();
    private final OAuthServer oauth;
    private final Contacts contacts;
    private final RateLimits rateLimits;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile RateLimits.Limits limits;

    /**
     * @param port the port to listen on (0: any free one)
     * @param clientId the app's client id
     * @param clientSecret the app's client secret
     * @param hubId the portal's account id ({@code hub_id})
     * @param contacts how many contacts the portal starts with
     * @param accessTokenLifetime how long an access token lives (HubSpot: 30 minutes)
     * @param searchLag how long search trails writes
     * @param clock the simulator's time (tokens, codes, limits, timestamps)
     */
    public record Settings(
            int port,
            String clientId,
            String clientSecret,
            long hubId,
            int contacts,
            Duration accessTokenLifetime,
            Duration searchLag,
            Clock clock) {

        public static Settings defaults() {
            return new Settings(
                    0,
                    "leadsuite-local",
                    "leadsuite-local-secret",
                    62515,
                    0,
                    Duration.ofMinutes(30),
                    Duration.ofSeconds(2),
                    Clock.systemUTC());
        }

        public Settings withPort(int port) {
            return new Settings(port, clientId, clientSecret, hubId, contacts, accessTokenLifetime, searchLag, clock);
        }

        public Settings withContacts(int contacts) {
            return new Settings(port, clientId, clientSecret, hubId, contacts, accessTokenLifetime, searchLag, clock);
        }

        public Settings withSearchLag(Duration searchLag) {
            return new Settings(port, clientId, clientSecret, hubId, contacts, accessTokenLifetime, searchLag, clock);
        }

        public Settings withClock(Clock clock) {
            return new Settings(port, clientId, clientSecret, hubId, contacts, accessTokenLifetime, searchLag, clock);
        }
    }

    private HubSpotSimulator(Settings settings, HttpServer server, ExecutorService executor) {
        this.settings = settings;
        this.server = server;
        this.executor = executor;
        this.oauth = new OAuthServer(
                settings.clock(),
                settings.clientId(),
                settings.clientSecret(),
                settings.hubId(),
                settings.accessTokenLifetime());
        this.contacts = new Contacts(settings.clock(), settings.searchLag());
        this.rateLimits = new RateLimits(settings.clock());
        this.limits = new RateLimits.Limits(110, 5, 0);
        contacts.seed(settings.contacts());
    }

    public static HubSpotSimulator start(Settings settings) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", settings.port()), 128);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(16, runnable -> {
                Thread thread = new Thread(runnable, "hubspot-simulator-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            HubSpotSimulator simulator = new HubSpotSimulator(settings, server, executor);
            server.createContext("/", simulator::handle);
            server.start();
            return simulator;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the HubSpot simulator on port " + settings.port(), ex);
        }
    }

    /** Where it answers: the base of both the authorize page and the API. */
    public URI baseUrl() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    public String clientId() {
        return settings.clientId();
    }

    public String clientSecret() {
        return settings.clientSecret();
    }

    public long hubId() {
        return settings.hubId();
    }

    /** The portal's contacts: seed, edit and look up, as a HubSpot user would. */
    public Contacts contacts() {
        return contacts;
    }

    /** From now on every refresh answers {@code BAD_REFRESH_TOKEN} (or stops doing so). */
    public void refuseRefreshTokens(boolean refuse) {
        oauth.badRefreshToken.set(refuse);
    }

    /** How long tokens issued from now on live. */
    public void accessTokenLifetime(Duration lifetime) {
        oauth.accessTokenLifetime = lifetime;
    }

    public void searchLag(Duration lag) {
        contacts.searchLag(lag);
    }

    /** The burst (per 10 s), search (per second) and daily (0: none) limits of every account. */
    public void limits(int burstPer10Seconds, int searchPerSecond, long daily) {
        this.limits = new RateLimits.Limits(burstPer10Seconds, searchPerSecond, daily);
    }

    /** The next {@code count} API calls answer 502, as HubSpot's edge does when its origin fails. */
    public void failNextCalls(int count) {
        failNext.set(count);
    }

    /** How many calls of a kind were answered (kinds: {@code list}, {@code search}, {@code read}, {@code batch-upsert}, {@code token:authorization_code}, {@code token:refresh_token}, {@code introspect}, {@code revoke}, {@code rate-limited}, {@code unauthorized}). */
    public long calls(String kind) {
        AtomicLong count = calls.get(kind);
        return count == null ? 0 : count.get();
    }

    /** The most API calls the portal accepted in any window of {@code length}. */
    public int maxCallsIn(Duration length) {
        return rateLimits.maxAcceptedIn(settings.hubId(), length);
    }

    /**
     * The code a person's Allow on the consent page would send to {@code redirectUri}, for every scope
     * the app may ask for and without PKCE: for tests of what an app does once it is connected.
     */
    public String authorizationCode(String redirectUri) {
        return oauth.issueCode(redirectUri, OAuthServer.GRANTABLE_SCOPES, null);
    }

    /** Every access and refresh token issued so far. */
    public List<String> issuedTokens() {
        return oauth.issuedTokens();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange raw) {
        SimulatorExchange exchange = new SimulatorExchange(raw, json);
        try {
            route(exchange);
        } catch (RuntimeException ex) {
            log.warn("HubSpot simulator failed on {} {}", exchange.method(), exchange.path(), ex);
            exchange.json(500, HubSpotErrors.api("INTERNAL_ERROR", "internal error"));
        }
    }

    private void route(SimulatorExchange exchange) {
        String path = exchange.path();
        String method = exchange.method();
        if (path.equals("/oauth/authorize")) {
            if (method.equals("GET")) {
                consentPage(exchange);
            } else if (method.equals("POST")) {
                decision(exchange);
            } else {
                exchange.empty(405);
            }
            return;
        }
        if (method.equals("POST") && path.equals(TOKEN)) {
            Map<String, String> form = exchange.form();
            count("token:" + form.getOrDefault("grant_type", "unknown"));
            answer(exchange, oauth.token(form));
            return;
        }
        if (method.equals("POST") && path.equals(TOKEN + "/introspect")) {
            count("introspect");
            answer(exchange, oauth.introspect(exchange.form()));
            return;
        }
        if (method.equals("POST") && path.equals(TOKEN + "/revoke")) {
            count("revoke");
            answer(exchange, oauth.revoke(exchange.form()));
            return;
        }
        if (path.startsWith("/_simulator/")) {
            admin(exchange);
            return;
        }
        if (path.equals(CONTACTS) || path.startsWith(CONTACTS + "/")) {
            api(exchange);
            return;
        }
        exchange.json(404, HubSpotErrors.api("OBJECT_NOT_FOUND", "No route for " + method + " " + path));
    }

    private void api(SimulatorExchange exchange) {
        String path = exchange.path();
        boolean search = path.equals(CONTACTS + "/search");
        OAuthServer.Bearer bearer = oauth.check(exchange.bearerToken());
        if (bearer instanceof OAuthServer.Bearer.Expired expired) {
            count("unauthorized");
            exchange.json(
                    401,
                    HubSpotErrors.api(
                            "EXPIRED_AUTHENTICATION",
                            "The OAuth token used to make this call expired " + expired.secondsAgo()
                                    + " second(s) ago."));
            return;
        }
        if (!(bearer instanceof OAuthServer.Bearer.Valid valid)) {
            count("unauthorized");
            exchange.json(
                    401,
                    HubSpotErrors.api(
                            "INVALID_AUTHENTICATION",
                            "Authentication credentials not found. This API supports OAuth 2.0 authentication."));
            return;
        }
        RateLimits.Limits current = limits;
        RateLimits.Refusal refusal = rateLimits.admit(valid.hubId(), search, current);
        if (refusal != null) {
            count("rate-limited");
            exchange.json(429, HubSpotErrors.rateLimited(refusal.policyName(), refusal.message()));
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.json(502, HubSpotErrors.api("BAD_GATEWAY", "Bad gateway"));
            return;
        }
        boolean writing = !exchange.method().equals("GET") && !search;
        if (writing && !valid.scopes().contains("crm.objects.contacts.write")
                || !valid.scopes().contains("crm.objects.contacts.read")) {
            Map<String, Object> body = HubSpotErrors.api(
                    "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call.");
            body.put(
                    "context",
                    Map.of("requiredGranularScopes", List.of("crm.objects.contacts." + (writing ? "write" : "read"))));
            exchange.json(403, body);
            return;
        }
        Map<String, String> headers = search
                ? Map.of()
                : Map.of(
                        "X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
                        "X-HubSpot-RateLimit-Max", String.valueOf(current.burst()),
                        "X-HubSpot-RateLimit-Remaining", String.valueOf(rateLimits.remaining(valid.hubId(), current)));
        if (search && exchange.method().equals("POST")) {
            count("search");
            search(exchange);
        } else if (path.equals(CONTACTS + "/batch/upsert") && exchange.method().equals("POST")) {
            count("batch-upsert");
            batchUpsert(exchange, headers);
        } else if (path.equals(CONTACTS) && exchange.method().equals("GET")) {
            count("list");
            list(exchange, headers);
        } else if (exchange.method().equals("GET") && path.indexOf('/', CONTACTS.length() + 1) < 0) {
            count("read");
            Map<String, String> query = exchange.query();
            contacts.find(
                            path.substring(CONTACTS.length() + 1),
                            query.getOrDefault("idProperty", "hs_object_id"),
                            properties(query.get("properties")))
                    .ifPresentOrElse(
                            contact -> exchange.json(200, contact, headers),
                            () -> exchange.json(404, HubSpotErrors.api("OBJECT_NOT_FOUND", "resource not found")));
        } else {
            exchange.json(404, HubSpotErrors.api("OBJECT_NOT_FOUND", "No route for " + exchange.method() + " " + path));
        }
    }

    private void list(SimulatorExchange exchange, Map<String, String> headers) {
        Map<String, String> query = exchange.query();
        Integer limit = number(query.getOrDefault("limit", "10"));
        if (limit == null || limit < 1 || limit > 100) {
            exchange.json(400, HubSpotErrors.api("VALIDATION_ERROR", "limit must be between 1 and 100"));
            return;
        }
        Contacts.Page page = contacts.list(query.get("after"), limit, properties(query.get("properties")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", page.results());
        if (page.nextAfter() != null) {
            body.put(
                    "paging",
                    Map.of(
                            "next",
                            Map.of(
                                    "after",
                                    page.nextAfter(),
                                    "link",
                                    baseUrl() + CONTACTS + "?after=" + page.nextAfter())));
        }
        exchange.json(200, body, headers);
    }

    private void search(SimulatorExchange exchange) {
        JsonNode body = exchange.jsonBody();
        if (body == null || !body.isObject()) {
            exchange.json(400, HubSpotErrors.api("VALIDATION_ERROR", "Invalid input JSON on line 1"));
            return;
        }
        ContactSearch.Query query;
        try {
            query = ContactSearch.parse(body);
        } catch (IllegalArgumentException ex) {
            exchange.json(400, HubSpotErrors.api("VALIDATION_ERROR", ex.getMessage()));
            return;
        }
        if (query.after() >= ContactSearch.MAX_RESULTS) {
            exchange.json(
                    400,
                    HubSpotErrors.api(
                            "VALIDATION_ERROR",
                            "There was a problem with the request. Search results are limited to "
                                    + ContactSearch.MAX_RESULTS + " records; after=" + query.after()
                                    + " is past them."));
            return;
        }
        List<Map<String, Object>> matches = contacts.search(query.filter(), query.order(), query.properties());
        int from = Math.min(query.after(), matches.size());
        int to = Math.min(from + query.limit(), matches.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", matches.size());
        answer.put("results", matches.subList(from, to));
        if (to < matches.size()) {
            answer.put("paging", Map.of("next", Map.of("after", String.valueOf(to))));
        }
        exchange.json(200, answer);
    }

    private void batchUpsert(SimulatorExchange exchange, Map<String, String> headers) {
        JsonNode body = exchange.jsonBody();
        JsonNode inputs = body == null ? null : body.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            exchange.json(400, HubSpotErrors.api("VALIDATION_ERROR", "Invalid input JSON: inputs is required"));
            return;
        }
        if (inputs.size() > 100) {
            exchange.json(400, HubSpotErrors.api("VALIDATION_ERROR", "inputs may hold at most 100 records"));
            return;
        }
        String started = settings.clock().instant().toString();
        List<Object> results = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (JsonNode input : inputs) {
            String id = input.path("id").asString("");
            if (!"email".equals(input.path("idProperty").asString(""))) {
                errors.add(HubSpotErrors.batchError(
                        "VALIDATION_ERROR",
                        "Unable to perform update/upsert by non-unique 0-1 property",
                        "INVALID_ID_PROPERTY",
                        null,
                        id));
                continue;
            }
            Map<String, String> properties = new LinkedHashMap<>();
            input.path("properties")
                    .properties()
                    .forEach(entry ->
                            properties.put(entry.getKey(), entry.getValue().asString("")));
            Contacts.Upserted upserted = contacts.upsertByEmail(id, properties);
            if (upserted instanceof Contacts.Upserted.Stored stored) {
                Map<String, Object> result = new LinkedHashMap<>(stored.contact());
                result.put("new", stored.created());
                results.add(result);
            } else if (upserted instanceof Contacts.Upserted.Refused refused) {
                errors.add(refused.error());
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "COMPLETE");
        answer.put("results", results);
        if (!errors.isEmpty()) {
            answer.put("numErrors", errors.size());
            answer.put("errors", errors);
        }
        answer.put("requestedAt", started);
        answer.put("startedAt", started);
        answer.put("completedAt", settings.clock().instant().toString());
        answer.put("links", Map.of());
        exchange.json(errors.isEmpty() ? 200 : 207, answer, headers);
    }

    private void consentPage(SimulatorExchange exchange) {
        Map<String, String> query = exchange.query();
        String refusal = consentRefusal(query);
        if (refusal != null) {
            exchange.html(400, page("Cannot connect", "<p id=\"error\">" + Html.escape(refusal) + "</p>"));
            return;
        }
        List<String> scopes = OAuthServer.grantable(query.get("scope"));
        StringBuilder hidden = new StringBuilder();
        for (String name :
                List.of("client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method")) {
            String value = query.get(name);
            if (value != null) {
                hidden.append("<input type=\"hidden\" name=\"")
                        .append(name)
                        .append("\" value=\"")
                        .append(Html.escape(value))
                        .append("\">");
            }
        }
        StringBuilder scopeList = new StringBuilder();
        Objects.requireNonNull(scopes)
                .forEach(scope ->
                        scopeList.append("<li>").append(Html.escape(scope)).append("</li>"));
        String content =
                "<p>An app (<code>" + Html.escape(settings.clientId()) + "</code>) wants to connect to account <b>"
                        + settings.hubId() + "</b> with these permissions:</p><ul>" + scopeList + "</ul>"
                        + "<form method=\"post\" action=\"/oauth/authorize\">" + hidden
                        + "<button id=\"allow\" name=\"decision\" value=\"allow\">Allow</button> "
                        + "<button id=\"deny\" name=\"decision\" value=\"deny\">Deny</button></form>";
        exchange.html(200, page("Connect to HubSpot (simulator)", content));
    }

    private void decision(SimulatorExchange exchange) {
        Map<String, String> form = exchange.form();
        String refusal = consentRefusal(form);
        if (refusal != null) {
            exchange.html(400, page("Cannot connect", "<p id=\"error\">" + Html.escape(refusal) + "</p>"));
            return;
        }
        String redirectUri = form.get("redirect_uri");
        String state = form.get("state");
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        if ("allow".equals(form.get("decision"))) {
            String code = oauth.issueCode(
                    redirectUri,
                    Objects.requireNonNull(OAuthServer.grantable(form.get("scope"))),
                    form.get("code_challenge"));
            location.append("code=").append(encode(code));
        } else {
            location.append("error=access_denied&error_description=").append(encode("The user denied access"));
        }
        if (state != null) {
            location.append("&state=").append(encode(state));
        }
        exchange.redirect(URI.create(location.toString()));
    }

    /** Why a consent request cannot be shown; such a request is never redirected back (no open redirect). */
    private @Nullable String consentRefusal(Map<String, String> params) {
        if (!oauth.knownClient(params.get("client_id"))) {
            return "Unknown client_id.";
        }
        String redirectUri = params.get("redirect_uri");
        if (redirectUri == null || !(redirectUri.startsWith("http://") || redirectUri.startsWith("https://"))) {
            return "redirect_uri must be an absolute http(s) URL.";
        }
        if (OAuthServer.grantable(params.get("scope")) == null) {
            return "scope must list only scopes the app may ask for: " + OAuthServer.GRANTABLE_SCOPES;
        }
        String method = params.get("code_challenge_method");
        if (params.get("code_challenge") != null && method != null && !method.equals("S256")) {
            return "code_challenge_method must be S256.";
        }
        return null;
    }

    private void admin(SimulatorExchange exchange) {
        Map<String, String> query = exchange.query();
        switch (exchange.method() + " " + exchange.path()) {
            case "GET /_simulator/state" -> {
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("hubId", settings.hubId());
                state.put("contacts", contacts.size());
                state.put("calls", calls);
                state.put("refuseRefreshTokens", oauth.badRefreshToken.get());
                state.put("accessTokenLifetimeSeconds", oauth.accessTokenLifetime.toSeconds());
                exchange.json(200, state);
            }
            case "GET /_simulator/contacts" ->
                contacts.findByEmail(query.getOrDefault("email", ""))
                        .ifPresentOrElse(
                                contact -> exchange.json(200, contact),
                                () -> exchange.json(
                                        404, HubSpotErrors.api("OBJECT_NOT_FOUND", "no contact with that email")));
            case "POST /_simulator/contacts/seed" -> {
                contacts.seed(Objects.requireNonNullElse(number(query.getOrDefault("count", "0")), 0));
                exchange.json(200, Map.of("contacts", contacts.size()));
            }
            case "POST /_simulator/contacts/touch" ->
                exchange.json(
                        200,
                        Map.of(
                                "touched",
                                contacts.touch(
                                        Objects.requireNonNullElse(number(query.getOrDefault("count", "0")), 0))));
            case "POST /_simulator/refresh-tokens" -> {
                refuseRefreshTokens("refuse".equals(query.get("mode")));
                exchange.json(200, Map.of("refuseRefreshTokens", oauth.badRefreshToken.get()));
            }
            default ->
                exchange.json(404, HubSpotErrors.api("OBJECT_NOT_FOUND", "No simulator hook " + exchange.path()));
        }
    }

    private void answer(SimulatorExchange exchange, OAuthServer.Answer answer) {
        exchange.json(answer.status(), answer.body());
    }

    private void count(String kind) {
        calls.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    private static @Nullable List<String> properties(@Nullable String names) {
        return names == null
                ? null
                : Arrays.stream(names.split(","))
                        .map(String::trim)
                        .filter(n -> !n.isEmpty())
                        .toList();
    }

    private static @Nullable Integer number(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String page(String title, String content) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title></head><body><h1>" + Html.escape(title) + "</h1>" + content + "</body></html>";
    }
}
