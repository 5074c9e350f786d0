package dev.turnout.springsample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Logins: three in-memory users (alice, bob and carol, password {@code turnout}), by form in a browser
 * or HTTP Basic from a client. Every page and API call needs a signed-in user; the JSON API takes no
 * CSRF token (its clients send credentials with every call).
 */
@Configuration
public class Security {

  /** The password of every sample user. */
  static final String PASSWORD = "turnout";

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService users(PasswordEncoder encoder) {
    String hash = encoder.encode(PASSWORD);
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password(hash).roles("USER").build(),
        User.withUsername("bob").password(hash).roles("USER").build(),
        User.withUsername("carol").password(hash).roles("USER", "STAFF").build());
  }

  @Bean
  SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .formLogin(Customizer.withDefaults())
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
    return http.build();
  }
}
