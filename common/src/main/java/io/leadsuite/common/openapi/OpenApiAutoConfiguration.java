package io.leadsuite.common.openapi;

import io.leadsuite.common.security.Tenant;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * The frame of every service's OpenAPI document: named after the service, served through the gateway
 * (relative server URL, so "Try it out" in the gateway's Swagger UI goes through it), and secured by
 * Clerk's bearer session token. The {@link Tenant} handler parameter comes from that token, so it is
 * not documented as a request parameter. Every error answer is documented as problem+json ({@link
 * ProblemResponses}); {@code /internal/**} (service to service) is left out ({@code
 * springdoc.paths-to-exclude} in leadsuite-defaults.yml).
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, SpringDocUtils.class})
public class OpenApiAutoConfiguration {

    static final String BEARER = "clerkSession";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(@Value("${spring.application.name}") String application) {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Tenant.class)
                // A handler streaming its body (a CSV export) documents its media type itself; the
                // buffers it returns are no part of the API.
                .replaceWithSchema(DataBuffer.class, new StringSchema().format("binary"));
        return new OpenAPI()
                .info(new Info()
                        .title(application)
                        .description("Part of the Leads suite API; call it through the API gateway."))
                .servers(List.of(new Server().url("/").description("API gateway")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A Clerk session token (locally: the issuer's /token endpoint)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** problem+json on every error answer, and the answers any operation can give (401, 403, 429, 500, 503). */
    @Bean
    OpenApiCustomizer problemResponses() {
        return new ProblemResponses();
    }
}
