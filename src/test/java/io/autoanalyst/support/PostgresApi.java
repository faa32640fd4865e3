package io.autoanalyst.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** A running server on a random port with the JVM's shared PostgreSQL test database (embedded, a real server). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=postgresql",
        "autoanalyst.auth.admin-api-key=" + ApiTestBase.ADMIN_KEY,
        // whatever keys the machine has, tests run against the offline analyst and fake servers only
        "autoanalyst.llm.default-model=", "autoanalyst.llm.openai.api-key=", "autoanalyst.llm.openai.base-url=",
        "autoanalyst.llm.anthropic.api-key=", "autoanalyst.llm.gemini.api-key=", "autoanalyst.llm.groq.api-key=",
})
public @interface PostgresApi {
}
