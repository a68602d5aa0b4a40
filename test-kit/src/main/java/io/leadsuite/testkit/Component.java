package io.leadsuite.testkit;

/** Infrastructure a test can ask {@link WithInfrastructure} for. */
public enum Component {
    /** MongoDB (Testcontainers where Docker runs, the embedded wire-compatible store otherwise). */
    MONGODB,
    /** A Kafka broker (Testcontainers where Docker runs, an in-process KRaft broker otherwise). */
    KAFKA,
    /** The local stand-in for Clerk: a JWKS endpoint and a token minter. */
    JWT_ISSUER
}
