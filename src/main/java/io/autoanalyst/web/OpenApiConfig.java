package io.autoanalyst.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /openapi.json (UI at /docs): description and security schemes. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    @Bean
    OpenAPI autoAnalystOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Auto-Analyst API")
                        .version("0.1.0")
                        .description("AI data analysis: sessions, datasets, chat with agents, sandboxed code execution, "
                                + "deep analysis reports, analytics. Compatible with the original Auto-Analyst frontend. "
                                + "Errors are application/problem+json with a human-readable `detail`.")
                        .license(new License().name("See repository")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Token from POST /auth/login. Without it the caller is an anonymous guest."))
                        .addSecuritySchemes("adminKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Admin-API-Key")
                                .description("Equal to the server's ADMIN_API_KEY; admin routes are off when it is unset.")));
    }
}
