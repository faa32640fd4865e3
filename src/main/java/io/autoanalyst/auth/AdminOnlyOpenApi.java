package io.autoanalyst.auth;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Every {@link AdminOnly} operation says in the API document that it needs the admin key, so
 * clients (and the test that tries every spelling of every admin path) find them all.
 */
@Configuration(proxyBeanMethods = false)
public class AdminOnlyOpenApi {

    static final String SCHEME = "adminKey";

    @Bean
    OperationCustomizer adminKeyRequirement() {
        return (operation, handler) -> {
            boolean adminOnly = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), AdminOnly.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AdminOnly.class);
            boolean declared = operation.getSecurity() != null
                    && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey(SCHEME));
            if (adminOnly && !declared) {
                operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
            }
            return operation;
        };
    }
}
