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
})
public @interface PostgresApi {
}
