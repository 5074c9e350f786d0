package dev.turnout.springsample;

import dev.turnout.EvaluationContext;
import dev.turnout.Turnout;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the signed-in user as the Turnout context of each request: the user name is the targeting key,
 * {@code roles} lists the user's roles. Runs after Spring Security's filters, which put the user in the
 * security context; the binding ends with the request, whatever happens.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class TurnoutBinding extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try (Turnout.Scope scope = Turnout.bind(context(SecurityContextHolder.getContext().getAuthentication()))) {
      chain.doFilter(request, response);
    }
  }

  static EvaluationContext context(Authentication user) {
    if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
      return EvaluationContext.anonymous();
    }
    StringBuilder roles = new StringBuilder();
    for (GrantedAuthority authority : user.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith("ROLE_")) {
        roles.append(roles.length() == 0 ? "" : ",").append(name.substring("ROLE_".length()));
      }
    }
    return EvaluationContext.of(user.getName()).with("roles", roles.toString());
  }
}
