package io.autoanalyst.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Wrong passwords are throttled per account and per address (addresses set by a trusted proxy's X-Forwarded-For). */
@SqliteApi
class LoginThrottleApiTest extends ApiTestBase {

    @Test
    void wrongPasswordsForOneAccountAreAnswered429WithRetryAfterAndTheUsualAddressStillSignsIn() {
        String email = "tia-" + System.nanoTime() + "@example.org";
        Api home = from(randomAddress());
        assertThat(home.post("/auth/register", Map.of("username", "tia" + System.nanoTime(), "email", email, "password", "right-password"))
                .status()).isEqualTo(201);
        assertThat(login(home, email, "right-password").status()).isEqualTo(200);

        Api attacker = from(randomAddress());
        int unauthorized = 0;
        Api.Response response;
        do {
            response = login(attacker, email, "guess-" + unauthorized);
            if (response.status() == 401) unauthorized++;
        } while (response.status() == 401 && unauthorized < 30);

        assertThat(unauthorized).isEqualTo(5);
        assertThat(response.status()).isEqualTo(429);
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
        assertThat(response.detail()).contains("Too many failed sign-ins");
        assertThat(login(attacker, email, "right-password").status()).as("even the right password waits").isEqualTo(429);
        assertThat(login(from(randomAddress()), email.toUpperCase(), "guess").status()).as("any address, any spelling").isEqualTo(429);
        assertThat(login(home, email, "right-password").status()).as("where the user signed in before").isEqualTo(200);
    }

    @Test
    void oneAddressTryingManyAccountsIsThrottledWithoutTouchingOtherAddresses() {
        Api sprayer = from(randomAddress());
        int unauthorized = 0;
        Api.Response response;
        do {
            response = login(sprayer, "nobody-" + unauthorized + "-" + System.nanoTime() + "@example.org", "password1");
            if (response.status() == 401) unauthorized++;
        } while (response.status() == 401 && unauthorized < 100);

        assertThat(unauthorized).isEqualTo(20);
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(login(from(randomAddress()), "nobody@example.org", "password1").status()).isEqualTo(401);
    }

    private Api from(String address) {
        return api.with("X-Forwarded-For", address);
    }

    private static Api.Response login(Api client, String email, String password) {
        return client.post("/auth/login", Map.of("email", email, "password", password));
    }

    private static String randomAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }
}
