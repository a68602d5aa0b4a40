package io.leadsuite.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for Clerk that runs on this machine: it publishes an RS256 key as a JSON Web Key Set and
 * mints session tokens shaped like Clerk's (v2 claims by default: {@code sub}, {@code sid},
 * {@code azp}, {@code v}, and the organization in {@code o}; v1 claims put it in {@code org_id}).
 *
 * <p>HTTP endpoints: {@code GET /.well-known/jwks.json}, {@code GET /.well-known/openid-configuration}
 * and {@code GET|POST /token?userId=...&orgId=...&orgRole=admin&claims=v2&ttl=3600&azp=...}, which
 * answers the bare token, or {@code {"access_token": ...}} when JSON is asked for.
 */
public final class LocalJwtIssuer implements AutoCloseable {

    public static final String DEFAULT_AUTHORIZED_PARTY = "http://localhost:3000";
    private static final Duration MAX_TTL = Duration.ofDays(7);

    private final RSAKey signingKey;
    private final HttpServer server;
    private final String issuer;

    private LocalJwtIssuer(RSAKey signingKey, HttpServer server) {
        this.signingKey = signingKey;
        this.server = server;
        this.issuer = "http://localhost:" + server.getAddress().getPort();
    }

    /**
     * Starts the issuer on a loopback port (0 for any free one). With a key file, the signing key is
     * read from it, or generated and saved there, so tokens stay valid across restarts.
     */
    public static LocalJwtIssuer start(int port, @Nullable Path keyFile) {
        RSAKey key = keyFile == null ? generateKey() : loadOrCreateKey(keyFile);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "local-jwt-issuer");
                thread.setDaemon(true);
                return thread;
            }));
            LocalJwtIssuer issuer = new LocalJwtIssuer(key, server);
            server.createContext("/.well-known/jwks.json", issuer::serveJwks);
            server.createContext("/.well-known/openid-configuration", issuer::serveDiscovery);
            server.createContext("/token", issuer::serveToken);
            server.start();
            return issuer;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the local JWT issuer on port " + port, ex);
        }
    }

    public String issuer() {
        return issuer;
    }

    public URI jwksUri() {
        return URI.create(issuer + "/.well-known/jwks.json");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** A token for this user with no organization. */
    public String mint(String userId) {
        return token(userId).sign();
    }

    /** A token for this user, as an admin of this organization. */
    public String mint(String userId, String orgId) {
        return token(userId).org(orgId, "admin").sign();
    }

    public TokenBuilder token(String userId) {
        return new TokenBuilder(userId);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Builds one token; the defaults make a valid Clerk v2 session token good for an hour. */
    public final class TokenBuilder {

        private final String userId;
        private @Nullable String orgId;
        private @Nullable String orgRole;
        private boolean v1Claims;
        private String authorizedParty = DEFAULT_AUTHORIZED_PARTY;
        private String tokenIssuer = issuer;
        private Instant issuedAt = Instant.now();
        private Instant notBefore = issuedAt.minusSeconds(5);
        private Instant expiresAt = issuedAt.plus(Duration.ofHours(1));
        private RSAKey key = signingKey;
        private final Map<String, Object> extraClaims = new LinkedHashMap<>();

        private TokenBuilder(String userId) {
            this.userId = userId;
        }

        public TokenBuilder org(String orgId, String role) {
            this.orgId = orgId;
            this.orgRole = role;
            return this;
        }

        /** Puts the organization in Clerk's v1 claims ({@code org_id}, {@code org_role}). */
        public TokenBuilder v1Claims() {
            this.v1Claims = true;
            return this;
        }

        public TokenBuilder authorizedParty(String azp) {
            this.authorizedParty = azp;
            return this;
        }

        public TokenBuilder issuer(String iss) {
            this.tokenIssuer = iss;
            return this;
        }

        public TokenBuilder issuedAt(Instant iat) {
            this.issuedAt = iat;
            return this;
        }

        public TokenBuilder notBefore(Instant nbf) {
            this.notBefore = nbf;
            return this;
        }

        public TokenBuilder expiresAt(Instant exp) {
            this.expiresAt = exp;
            return this;
        }

        public TokenBuilder lifetime(Duration ttl) {
            this.expiresAt = issuedAt.plus(ttl);
            return this;
        }

        public TokenBuilder claim(String name, Object value) {
            extraClaims.put(name, value);
            return this;
        }

        /** Signs with a new key that carries the published key's id: the signature cannot verify. */
        public TokenBuilder forgedSignature() {
            this.key = new RSAKey.Builder(generateKey())
                    .keyID(signingKey.getKeyID())
                    .build();
            return this;
        }

        public String sign() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(userId)
                    .issuer(tokenIssuer)
                    .issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(notBefore))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("azp", authorizedParty)
                    .claim("sid", "sess_" + UUID.randomUUID().toString().replace("-", ""));
            if (v1Claims) {
                if (orgId != null) {
                    claims.claim("org_id", orgId)
                            .claim("org_role", "org:" + orgRole)
                            .claim("org_slug", orgId);
                }
            } else {
                claims.claim("v", 2);
                if (orgId != null) {
                    Map<String, Object> org = new HashMap<>();
                    org.put("id", orgId);
                    org.put("rol", orgRole);
                    org.put("slg", orgId);
                    claims.claim("o", org);
                }
            }
            extraClaims.forEach(claims::claim);
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT)
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims.build());
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException ex) {
                throw new IllegalStateException("Cannot sign a token", ex);
            }
            return jwt.serialize();
        }
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "application/json", new JWKSet(signingKey.toPublicJWK()).toString());
    }

    private void serveDiscovery(HttpExchange exchange) throws IOException {
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", issuer);
        discovery.put("jwks_uri", jwksUri().toString());
        discovery.put("id_token_signing_alg_values_supported", new String[] {"RS256"});
        respond(exchange, 200, "application/json", JSONObjectUtils.toJSONString(discovery));
    }

    private void serveToken(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "Use GET or POST");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI());
        String userId = query.get("userId");
        if (userId == null || userId.isBlank()) {
            respond(exchange, 400, "text/plain", "userId is required, e.g. /token?userId=user_1&orgId=org_1\n");
            return;
        }
        Duration ttl;
        try {
            ttl = Duration.ofSeconds(Long.parseLong(query.getOrDefault("ttl", "3600")));
        } catch (NumberFormatException ex) {
            respond(exchange, 400, "text/plain", "ttl must be a number of seconds\n");
            return;
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            respond(exchange, 400, "text/plain", "ttl must be between 1 and " + MAX_TTL.toSeconds() + " seconds\n");
            return;
        }
        TokenBuilder builder = token(userId).lifetime(ttl);
        if (query.get("orgId") != null) {
            builder.org(query.get("orgId"), query.getOrDefault("orgRole", "admin"));
        }
        if ("v1".equals(query.get("claims"))) {
            builder.v1Claims();
        }
        if (query.get("azp") != null) {
            builder.authorizedParty(query.get("azp"));
        }
        String token = builder.sign();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains("application/json")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token);
            body.put("token_type", "Bearer");
            body.put("expires_in", ttl.toSeconds());
            respond(exchange, 200, "application/json", JSONObjectUtils.toJSONString(body));
        } else {
            respond(exchange, 200, "text/plain", token);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("local-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate an RSA key", ex);
        }
    }

    private static RSAKey loadOrCreateKey(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return RSAKey.parse(Files.readString(keyFile));
            }
            RSAKey key = generateKey();
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.writeString(keyFile, key.toJSONString());
            try {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the file keeps the directory's default permissions.
            }
            return key;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or write the signing key " + keyFile, ex);
        } catch (ParseException ex) {
            throw new IllegalStateException(
                    "The signing key in " + keyFile + " is not a JWK; delete it to make a new one", ex);
        }
    }
}
