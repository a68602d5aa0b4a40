package io.leadsuite.simulators;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request to a simulator, with the few things a provider's endpoint reads (query, form, JSON body,
 * bearer token) and writes (JSON, HTML, a redirect). Bodies are capped, as a real provider's are.
 */
public final class SimulatorExchange {

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpExchange exchange;
    private final JsonMapper json;
    private byte @Nullable [] body;

    public SimulatorExchange(HttpExchange exchange, JsonMapper json) {
        this.exchange = exchange;
        this.json = json;
    }

    public String method() {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    }

    public String path() {
        return exchange.getRequestURI().getPath();
    }

    public @Nullable String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The token of {@code Authorization: Bearer ...}, or null. */
    public @Nullable String bearerToken() {
        String authorization = header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    public Map<String, String> query() {
        return decode(exchange.getRequestURI().getRawQuery());
    }

    /** The {@code application/x-www-form-urlencoded} body. */
    public Map<String, String> form() {
        return decode(new String(body(), StandardCharsets.UTF_8));
    }

    /** The JSON body, or null when it is empty or not JSON. */
    public @Nullable JsonNode jsonBody() {
        byte[] bytes = body();
        if (bytes.length == 0) {
            return null;
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException ex) {
            return null;
        }
    }

    public void json(int status, Object value) {
        send(status, "application/json;charset=utf-8", json.writeValueAsBytes(value), Map.of());
    }

    public void json(int status, Object value, Map<String, String> headers) {
        send(status, "application/json;charset=utf-8", json.writeValueAsBytes(value), headers);
    }

    public void html(int status, String page) {
        send(status, "text/html;charset=utf-8", page.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public void redirect(URI location) {
        exchange.getResponseHeaders().set("Location", location.toString());
        send(302, null, new byte[0], Map.of());
    }

    public void empty(int status) {
        send(status, null, new byte[0], Map.of());
    }

    private void send(int status, @Nullable String contentType, byte[] bytes, Map<String, String> headers) {
        try {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            exchange.close();
        }
    }

    private byte[] body() {
        if (body == null) {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] read = in.readNBytes(MAX_BODY_BYTES + 1);
                body = read.length > MAX_BODY_BYTES ? new byte[0] : read;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return body;
    }

    private static Map<String, String> decode(@Nullable String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.putIfAbsent(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }
}
