package io.leadsuite.simulators.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HubSpotSimulatorTest {

    private static final String REDIRECT = "http://localhost:9/callback";
    private static final String VERIFIER = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";

    private final MovableClock clock = new MovableClock();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private HubSpotSimulator hubspot;

    @BeforeEach
    void start() {
        hubspot = HubSpotSimulator.start(HubSpotSimulator.Settings.defaults()
                .withContacts(250)
                .withSearchLag(Duration.ZERO)
                .withClock(clock));
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    @Test
    void theConsentPageShowsTheScopesAndAnAllowButton() throws Exception {
        HttpResponse<String> page = get(authorizeUrl("state-1"), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("crm.objects.contacts.read")
                .contains("id=\"allow\"")
                .contains("state-1");
    }

    @Test
    void aConsentWithAnUnknownClientIsRefusedWithoutARedirect() throws Exception {
        HttpResponse<String> page = get(authorizeUrl("s").replace("client_id=leadsuite-local", "client_id=evil"), null);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void allowRedirectsWithACodeThatExchangesOnceWithItsVerifier() throws Exception {
        String code = allow("state-2");

        JsonNode grant = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER));
        assertThat(grant.path("access_token").asString()).startsWith("CKD");
        assertThat(grant.path("hub_id").asLong()).isEqualTo(hubspot.hubId());
        assertThat(grant.path("expires_in").asLong()).isEqualTo(1800);
        assertThat(grant.path("scopes").toString()).contains("crm.objects.contacts.write");

        JsonNode reused = token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", VERIFIER));
        assertThat(reused.path("error").asString()).isEqualTo("invalid_grant");
        assertThat(reused.path("status").asString()).isEqualTo("BAD_AUTH_CODE");
        // Reusing the code revoked what it granted.
        JsonNode refreshed = token(Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                grant.path("refresh_token").asString()));
        assertThat(refreshed.path("status").asString()).isEqualTo("BAD_REFRESH_TOKEN");
    }

    @Test
    void aWrongVerifierIsRefused() throws Exception {
        String code = allow("state-3");

        JsonNode refused =
                token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", "wrong" + VERIFIER));

        assertThat(refused.path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void denyRedirectsWithAccessDenied() throws Exception {
        HttpResponse<String> redirect = post("/oauth/authorize", consentForm("state-4", "deny"), null);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT + "?error=access_denied")
                .endsWith("&state=state-4");
    }

    @Test
    void anExpiredAccessTokenIsA401AndARefreshGivesANewOne() throws Exception {
        JsonNode grant = connect();
        String accessToken = grant.path("access_token").asString();
        assertThat(get("/crm/v3/objects/contacts?limit=1", accessToken).statusCode())
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> expired = get("/crm/v3/objects/contacts?limit=1", accessToken);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json.readTree(expired.body()).path("category").asString()).isEqualTo("EXPIRED_AUTHENTICATION");

        JsonNode refreshed = token(Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                grant.path("refresh_token").asString()));
        assertThat(refreshed.path("refresh_token").asString())
                .isEqualTo(grant.path("refresh_token").asString());
        assertThat(get(
                                "/crm/v3/objects/contacts?limit=1",
                                refreshed.path("access_token").asString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(hubspot.calls("token:refresh_token")).isEqualTo(1);
    }

    @Test
    void theRefreshSwitchAnswersBadRefreshToken() throws Exception {
        JsonNode grant = connect();
        hubspot.refuseRefreshTokens(true);

        JsonNode refused = token(Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                grant.path("refresh_token").asString()));

        assertThat(refused.path("error").asString()).isEqualTo("invalid_grant");
        assertThat(refused.path("status").asString()).isEqualTo("BAD_REFRESH_TOKEN");
    }

    @Test
    void revocationEndsTheRefreshTokenAndIntrospectionSaysSo() throws Exception {
        JsonNode grant = connect();
        String refreshToken = grant.path("refresh_token").asString();
        assertThat(json.readTree(post("/oauth/2026-03/token/introspect", client(Map.of("token", refreshToken)), null)
                                .body())
                        .path("active")
                        .asBoolean())
                .isTrue();

        assertThat(post("/oauth/2026-03/token/revoke", client(Map.of("token", refreshToken)), null)
                        .statusCode())
                .isEqualTo(200);

        assertThat(json.readTree(post("/oauth/2026-03/token/introspect", client(Map.of("token", refreshToken)), null)
                                .body())
                        .path("active")
                        .asBoolean())
                .isFalse();
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
                        .path("status")
                        .asString())
                .isEqualTo("BAD_REFRESH_TOKEN");
    }

    @Test
    void theListPagesThroughEveryContactWithAfterCursors() throws Exception {
        String accessToken = connect().path("access_token").asString();
        int seen = 0;
        String after = null;
        do {
            JsonNode page = json.readTree(get(
                            "/crm/v3/objects/contacts?limit=100&properties=email,phone"
                                    + (after == null ? "" : "&after=" + after),
                            accessToken)
                    .body());
            seen += page.path("results").size();
            assertThat(page.path("results")
                            .path(0)
                            .path("properties")
                            .path("hs_object_id")
                            .asString())
                    .isNotEmpty();
            after = page.path("paging").path("next").path("after").asString(null);
        } while (after != null);

        assertThat(seen).isEqualTo(250);
    }

    @Test
    void searchFiltersByLastModifiedDateAndRefusesPagesPastTenThousand() throws Exception {
        String accessToken = connect().path("access_token").asString();
        long since = clock.millis();
        clock.advance(Duration.ofSeconds(1));
        hubspot.contacts().touch(30);

        JsonNode found = json.readTree(post("/crm/v3/objects/contacts/search", searchSince(since, "0"), accessToken)
                .body());
        assertThat(found.path("total").asInt()).isEqualTo(30);
        assertThat(found.path("results")
                        .path(0)
                        .path("properties")
                        .path("jobtitle")
                        .asString())
                .startsWith("Edited in HubSpot");

        HttpResponse<String> capped = post("/crm/v3/objects/contacts/search", searchSince(0, "10000"), accessToken);
        assertThat(capped.statusCode()).isEqualTo(400);
        assertThat(json.readTree(capped.body()).path("category").asString()).isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void searchTrailsWritesByTheLag() throws Exception {
        String accessToken = connect().path("access_token").asString();
        hubspot.searchLag(Duration.ofMinutes(1));
        long since = clock.millis();
        clock.advance(Duration.ofSeconds(1));
        hubspot.contacts().touch(5);

        assertThat(json.readTree(post("/crm/v3/objects/contacts/search", searchSince(since, "0"), accessToken)
                                .body())
                        .path("total")
                        .asInt())
                .isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(json.readTree(post("/crm/v3/objects/contacts/search", searchSince(since, "0"), accessToken)
                                .body())
                        .path("total")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void batchUpsertByEmailCreatesAndUpdatesAndReportsBadInputsAs207() throws Exception {
        String accessToken = connect().path("access_token").asString();
        Map<?, ?> first = (Map<?, ?>)
                hubspot.contacts().list(null, 1, null).results().get(0).get("properties");
        String existingEmail = (String) first.get("email");
        String body = """
                {"inputs":[
                  {"idProperty":"email","id":"%s","properties":{"jobtitle":"Pushed"}},
                  {"idProperty":"email","id":"new.person@example.com","properties":{"firstname":"New"}},
                  {"idProperty":"email","id":"not-an-email","properties":{"firstname":"Bad"}}]}
                """.formatted(existingEmail);

        HttpResponse<String> answer = post("/crm/v3/objects/contacts/batch/upsert", body, accessToken);

        assertThat(answer.statusCode()).isEqualTo(207);
        JsonNode result = json.readTree(answer.body());
        assertThat(result.path("numErrors").asInt()).isEqualTo(1);
        assertThat(result.path("errors")
                        .path(0)
                        .path("errors")
                        .path(0)
                        .path("code")
                        .asString())
                .isEqualTo("INVALID_EMAIL");
        assertThat(result.path("results").findValuesAsString("new")).containsExactly("false", "true");
        assertThat(hubspot.contacts()
                        .findByEmail(existingEmail)
                        .orElseThrow()
                        .get("properties")
                        .toString())
                .contains("jobtitle=Pushed");
        assertThat(hubspot.contacts().size()).isEqualTo(251);
    }

    @Test
    void theBurstLimitAnswers429WithItsPolicyAndCountsNoRefusedCall() throws Exception {
        String accessToken = connect().path("access_token").asString();
        hubspot.limits(5, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/crm/v3/objects/contacts?limit=1", accessToken).statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> refused = get("/crm/v3/objects/contacts?limit=1", accessToken);

        assertThat(refused.statusCode()).isEqualTo(429);
        JsonNode body = json.readTree(refused.body());
        assertThat(body.path("policyName").asString()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(body.path("errorType").asString()).isEqualTo("RATE_LIMIT");
        assertThat(hubspot.maxCallsIn(Duration.ofSeconds(10))).isEqualTo(5);
        clock.advance(Duration.ofSeconds(11));
        assertThat(get("/crm/v3/objects/contacts?limit=1", accessToken).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theDailyLimitIsItsOwnPolicy() throws Exception {
        String accessToken = connect().path("access_token").asString();
        hubspot.limits(110, 5, 1);
        get("/crm/v3/objects/contacts?limit=1", accessToken);

        HttpResponse<String> refused = get("/crm/v3/objects/contacts?limit=1", accessToken);

        assertThat(json.readTree(refused.body()).path("policyName").asString()).isEqualTo("DAILY");
    }

    @Test
    void anUnknownTokenIsA401() throws Exception {
        HttpResponse<String> answer = get("/crm/v3/objects/contacts", "not-a-token");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(json.readTree(answer.body()).path("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
    }

    private JsonNode connect() throws Exception {
        return token(Map.of("grant_type", "authorization_code", "code", allow("s"), "code_verifier", VERIFIER));
    }

    private String allow(String state) throws Exception {
        HttpResponse<String> redirect = post("/oauth/authorize", consentForm(state, "allow"), null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        assertThat(query).containsEntry("state", state);
        return query.get("code");
    }

    private String consentForm(String state, String decision) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", hubspot.clientId());
        form.put("redirect_uri", REDIRECT);
        form.put("scope", "crm.objects.contacts.read crm.objects.contacts.write");
        form.put("state", state);
        form.put("code_challenge", OAuthServer.challengeOf(VERIFIER));
        form.put("code_challenge_method", "S256");
        form.put("decision", decision);
        return encode(form);
    }

    private String authorizeUrl(String state) {
        return "/oauth/authorize?client_id=" + hubspot.clientId() + "&redirect_uri=" + enc(REDIRECT) + "&scope="
                + enc("crm.objects.contacts.read crm.objects.contacts.write") + "&state=" + state;
    }

    private JsonNode token(Map<String, String> fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("client_id", hubspot.clientId());
        form.put("client_secret", hubspot.clientSecret());
        form.put("redirect_uri", REDIRECT);
        return json.readTree(post("/oauth/2026-03/token", encode(form), null).body());
    }

    private String client(Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("client_id", hubspot.clientId());
        form.put("client_secret", hubspot.clientSecret());
        return encode(form);
    }

    private static String searchSince(long millis, String after) {
        return """
                {"filterGroups":[{"filters":[{"propertyName":"lastmodifieddate","operator":"GT","value":"%d"}]}],
                 "sorts":[{"propertyName":"lastmodifieddate","direction":"ASCENDING"}],
                 "properties":["email","jobtitle"],"limit":200,"after":"%s"}
                """.formatted(millis, after);
    }

    private HttpResponse<String> get(String path, String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hubspot.baseUrl().resolve(path));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String accessToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hubspot.baseUrl().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header(
                        "Content-Type",
                        body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
