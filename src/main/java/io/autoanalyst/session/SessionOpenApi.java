package io.autoanalyst.session;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link SessionContext} parameter is resolved by the server from a header, so the API document
 * shows that header instead of describing the record as a request body.
 */
@Configuration(proxyBeanMethods = false)
public class SessionOpenApi {

    public SessionOpenApi() {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(SessionContext.class, Caller.class);
    }

    @Bean
    OperationCustomizer sessionHeader() {
        return (operation, handler) -> {
            boolean needsSession = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> p.getParameterType() == SessionContext.class || p.getParameterType() == Caller.class);
            if (needsSession) {
                operation.addParametersItem(new HeaderParameter()
                        .name(SessionContextResolver.HEADER)
                        .required(false)
                        .description("The analysis session (or query parameter session_id). Missing: 400 "
                                + "'Session ID required'. A new unguessable id (auto_<epoch-ms>_<9 random base36 characters>, "
                                + "user_<id>_<epoch-ms>_<random>, a UUID, or one from POST /generate-session) creates a "
                                + "session owned by the caller; a guessable one ('demo', '1') is 400; another user's session is 404.")
                        .schema(new StringSchema().pattern("^[A-Za-z0-9_.:-]{1,128}$")));
            }
            return operation;
        };
    }
}
