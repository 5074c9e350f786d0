package dev.turnout.spring.servlet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** HTTP basic for two users, every request permitted (anonymous ones too). */
@Configuration(proxyBeanMethods = false)
public class ServletSecurity {

  /** Created by Spring. */
  public ServletSecurity() {}

  @Bean
  SecurityFilterChain chain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).httpBasic(Customizer.withDefaults())
        .csrf(c -> c.disable()).build();
  }

  @Bean
  InMemoryUserDetailsManager users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("ann").password("{noop}pw").roles("USER").build(),
        User.withUsername("bob").password("{noop}pw").roles("USER").build());
  }
}
