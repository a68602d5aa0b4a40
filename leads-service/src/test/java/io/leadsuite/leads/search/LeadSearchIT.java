package io.leadsuite.leads.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.leads.LeadsServiceIT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

class LeadSearchIT extends LeadsServiceIT {

    @LocalServerPort
    int port;

    private String token;
    private String list;

    /** Six leads of one user, each made to be found by a different filter. */
    @BeforeEach
    void leads() {
        token = token(newUser());
        list = lists.newList().toHexString();
        create(
                token,
                with(
                        lead("Ada", "ada@analytical.com"),
                        "lastName",
                        "Lovelace",
                        "companyName",
                        "Analytical Engines",
                        "phone",
                        "+44 20 7946 0958",
                        "customFields",
                        Map.of("Company Size", 50, "tier", "gold")));
        create(
                token,
                with(
                        lead("Grace", "grace@navy.com"),
                        "lastName",
                        "Hopper",
                        "companyName",
                        "US Navy",
                        "listId",
                        list,
                        "customFields",
                        Map.of("tier", "silver")));
        create(
                token,
                with(
                        lead("Alan", "alan@bletchley.com"),
                        "lastName",
                        "Turing",
                        "companyName",
                        "acme",
                        "customFields",
                        Map.of("$x", "yes")));
        create(token, with(lead("Barbara", "barbara@acme.com"), "lastName", "Liskov", "companyName", "ACME"));
        create(token, with(lead("Regex", "regex@example.org"), "lastName", ".*(a+)+$", "companyName", "Literal"));
        create(token, with(lead("Edsger", "edsger@example.org"), "lastName", "Dijkstra", "listId", list));
    }

    @Test
    void searchesCaseInsensitivelyAcrossNamesEmailCompanyAndPhone() {
        assertThat(lastNames("q=ACME")).containsExactlyInAnyOrder("Turing", "Liskov");
        assertThat(lastNames("q=grace")).containsExactly("Hopper");
        assertThat(lastNames("q=EXAMPLE.ORG")).containsExactlyInAnyOrder(".*(a+)+$", "Dijkstra");
        assertThat(lastNames("q=7946 0958")).containsExactly("Lovelace");
        assertThat(lastNames("q=79460958")).containsExactly("Lovelace");
    }

    @Test
    void treatsRegularExpressionsInTheSearchLiterallyAndAnswersAtOnce() {
        Instant started = Instant.now();

        assertThat(lastNames("q=.*(a+)+$")).containsExactly(".*(a+)+$");
        assertThat(lastNames("q=(a+)+b")).isEmpty();
        assertThat(lastNames("q=[")).isEmpty();

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void filtersByListSourceCompanyCustomFieldsAndCreationTime() {
        assertThat(lastNames("listId=" + list)).containsExactlyInAnyOrder("Hopper", "Dijkstra");
        assertThat(lastNames("listId=none")).containsExactlyInAnyOrder("Lovelace", "Turing", "Liskov", ".*(a+)+$");
        assertThat(lastNames("source=manual")).hasSize(6);
        assertThat(lastNames("source=csv")).isEmpty();
        assertThat(lastNames("companyName=Acme")).containsExactlyInAnyOrder("Turing", "Liskov");
        assertThat(lastNames("customFields[Company Size]=50")).containsExactly("Lovelace");
        assertThat(lastNames("customFields[tier]=silver")).containsExactly("Hopper");
        assertThat(lastNames("customFields[$x]=yes")).containsExactly("Turing");
        assertThat(lastNames("customFields[tier]=gold&companyName=US Navy")).isEmpty();
        assertThat(lastNames("createdTo=" + Instant.now().minusSeconds(3600))).isEmpty();
        assertThat(lastNames("createdFrom=" + Instant.now().minusSeconds(3600))).hasSize(6);
    }

    @Test
    void sortsByLastNameOrCompanyIgnoringCase() {
        assertThat(lastNames("sort=lastName"))
                .containsExactly(".*(a+)+$", "Dijkstra", "Hopper", "Liskov", "Lovelace", "Turing");
        assertThat(lastNames("sort=-lastName"))
                .containsExactly("Turing", "Lovelace", "Liskov", "Hopper", "Dijkstra", ".*(a+)+$");
        assertThat(lastNames("sort=companyName"))
                .containsExactly("Dijkstra", "Turing", "Liskov", "Lovelace", ".*(a+)+$", "Hopper");
        assertThat(lastNames("sort=-createdAt"))
                .containsExactly("Dijkstra", ".*(a+)+$", "Liskov", "Turing", "Hopper", "Lovelace");
    }

    @Test
    void pagesStayStableWhileLeadsAreAdded() {
        for (String sort : List.of("-createdAt", "lastName", "companyName", "createdAt")) {
            List<String> seen = new ArrayList<>();
            Page page = page("sort=" + sort + "&limit=2");
            seen.addAll(names(page));
            create(
                    token,
                    with(
                            lead("Zed", "zed." + UUID.randomUUID() + "@example.com"),
                            "lastName",
                            "Aaron",
                            "companyName",
                            "Aaa"));
            while (page.nextCursor() != null) {
                page = page("sort=" + sort + "&limit=2&cursor=" + page.nextCursor());
                seen.addAll(names(page));
            }
            assertThat(seen)
                    .as(sort)
                    .doesNotHaveDuplicates()
                    .contains("Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra");
        }
    }

    @Test
    void countsTheMatchesWhenAsked() {
        Page page = page("limit=2&includeTotal=true&companyName=acme");

        assertThat(page.items()).hasSize(2);
        assertThat(page.total()).isEqualTo(2L);
        assertThat(page("limit=2").total()).isNull();
    }

    @Test
    void rejectsBadParametersNamingThem() {
        for (String[] bad : new String[][] {
            {"sort=shoeSize", "sort"},
            {"createdFrom=yesterday", "createdFrom"},
            {"listId=42", "listId"},
            {"source=fax", "source"},
            {"limit=201", "limit"},
            {"cursor=" + page("limit=1").nextCursor() + "&sort=lastName", "cursor"}
        }) {
            http.get()
                    .uri(uri(bad[0]))
                    .headers(bearer(token))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(bad[1]);
        }
    }

    private List<String> lastNames(String query) {
        return names(page(query + "&limit=200"));
    }

    /** Sends {@code query} (raw {@code name=value} pairs joined by {@code &}) strictly percent-encoded. */
    private Page page(String query) {
        return http.get()
                .uri(uri(query))
                .headers(bearer(token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Page>() {})
                .returnResult()
                .getResponseBody();
    }

    private static List<String> names(Page page) {
        return page.items().stream()
                .map(item -> (String) item.get("lastName"))
                .filter(name -> !name.equals("Aaron"))
                .toList();
    }

    private URI uri(String query) {
        StringBuilder encoded = new StringBuilder("http://localhost:" + port + "/api/leads?");
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            encoded.append(encoded.charAt(encoded.length() - 1) == '?' ? "" : "&")
                    .append(encode(pair.substring(0, equals)))
                    .append('=')
                    .append(encode(pair.substring(equals + 1)));
        }
        return URI.create(encoded.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Object> with(Map<String, Object> lead, Object... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            lead.put((String) fields[i], fields[i + 1]);
        }
        return lead;
    }

    record Page(List<Map<String, Object>> items, String nextCursor, Long total) {}
}
