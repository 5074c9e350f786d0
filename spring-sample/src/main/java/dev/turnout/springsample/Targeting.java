package dev.turnout.springsample;

import dev.turnout.EvaluationContext;
import dev.turnout.spring.TurnoutContextResolver;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who a request's flags are evaluated for. The starter binds each request's context; this resolver
 * replaces its default to add the signed-in user's roles ({@code roles: "USER,STAFF"}) beside the user
 * name as targeting key, so that the catalog can target roles ({@code op: contains, values: [STAFF]}).
 */
@Configuration(proxyBeanMethods = false)
public class Targeting {

  @Bean
  TurnoutContextResolver turnoutContextResolver() {
    return request -> request.principal() instanceof Authentication user && user.isAuthenticated()
        && !(user instanceof AnonymousAuthenticationToken)
        ? EvaluationContext.of(user.getName()).with("roles", roles(user))
        : EvaluationContext.anonymous();
  }

  static String roles(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
        .collect(Collectors.joining(","));
  }
}
