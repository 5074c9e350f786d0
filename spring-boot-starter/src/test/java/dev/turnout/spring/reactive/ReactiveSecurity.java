package dev.turnout.spring.reactive;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** HTTP basic for two users, every request permitted (anonymous ones too). */
@Configuration(proxyBeanMethods = false)
class ReactiveSecurity {

  @Bean
  SecurityWebFilterChain chain(ServerHttpSecurity http) {
    return http.authorizeExchange(a -> a.anyExchange().permitAll()).httpBasic(b -> { })
        .csrf(ServerHttpSecurity.CsrfSpec::disable).build();
  }

  @Bean
  MapReactiveUserDetailsService users() {
    return new MapReactiveUserDetailsService(
        User.withUsername("ann").password("{noop}pw").roles("USER").build(),
        User.withUsername("bob").password("{noop}pw").roles("USER").build());
  }
}
