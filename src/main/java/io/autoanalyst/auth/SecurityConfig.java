package io.autoanalyst.auth;

import io.autoanalyst.web.ProblemWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Spring Security carries the caller's identity; it does not gate routes by URL. Access to a
 * record is decided where the record is loaded (ownership checks answer 404), and admin routes
 * by {@link AdminKeyGuard}. There are no cookies, so CSRF protection has nothing to protect.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Spring Security's StrictHttpFirewall refuses URLs whose routing could differ from what a
     * path check sees (';', '//', dot segments, encoded '/' or '.'); the refusal is a problem like
     * any other client mistake instead of the container's error page.
     */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    WebSecurityCustomizer rejectedUrlsAsProblems(ProblemWriter problems) {
        return web -> web.requestRejectedHandler((request, response, rejected) ->
                problems.write(response, HttpStatus.BAD_REQUEST, REJECTED_URL));
    }

    static final String REJECTED_URL = "The request URL is not accepted: it contains ';', '//', a '.' or '..' segment, "
            + "an encoded '/', '\\', '.' or '%', or a control character. Send the plain path.";

    /** Only with the HTTP server: {@code ./analyst eval} runs the application without one. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthService auth, ProblemWriter problems,
                                            AdminKeyGuard adminKey) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> { })
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .addFilterBefore(new BearerTokenFilter(auth, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new ActuatorAdminFilter(adminKey, problems), BearerTokenFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                problems.write(response, HttpStatus.UNAUTHORIZED, "Authentication required"))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(response, HttpStatus.FORBIDDEN, "Access denied")));
        return http.build();
    }
}
