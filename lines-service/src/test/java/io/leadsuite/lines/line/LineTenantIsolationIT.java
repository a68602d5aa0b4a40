package io.leadsuite.lines.line;

import io.leadsuite.lines.LinesServiceIT;
import io.leadsuite.testkit.TenantIsolationContract;
import java.util.List;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A line, and its usage, are another workspace's 404. */
class LineTenantIsolationIT extends LinesServiceIT implements TenantIsolationContract {

    @Override
    public WebTestClient http() {
        return http;
    }

    @Override
    public String tokenOfNewTenant() {
        return member(newWorkspace());
    }

    @Override
    public String createAs(String token) {
        return api.buyId(token, profile("Private"));
    }

    @Override
    public String collectionPath() {
        return "/api/lines";
    }

    @Override
    public Map<String, Object> change() {
        return Map.of("firstName", "Mallory");
    }

    @Override
    public List<String> subResources() {
        return List.of("usage");
    }
}
