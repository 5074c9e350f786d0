package dev.turnout.springsample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.EvaluationContext;
import dev.turnout.spring.TurnoutContextResolver;
import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The application context without the agent: the gated service is a CGLIB proxy (the case the agent
 * must route through), the gates run their original track, and the context resolver adds the roles.
 */
@SpringBootTest
class SpringSampleApplicationTest {

  @Autowired
  Checkout checkout;

  @Autowired
  Shop shop;

  @Autowired
  TurnoutContextResolver resolver;

  @Test
  void theCheckoutIsATransactionalCglibProxyAndRunsItsOriginalTrackWithoutTheAgent() {
    assertThat(AopUtils.isCglibProxy(checkout)).isTrue();
    Order order = checkout.order("carol", 1);
    assertThat(order.memberPrice()).as("without the agent, the original body").isFalse();
    assertThat(order.priceCents()).isEqualTo(4000);
    assertThat(shop.orders("carol")).contains(order);
  }

  @Test
  void theResolverTakesTheSignedInUserAndTheirRoles() {
    var carol = UsernamePasswordAuthenticationToken.authenticated("carol", null,
        AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_STAFF", "SCOPE_read"));
    EvaluationContext context = resolver.resolve(request(carol));
    assertThat(context.targetingKey()).isEqualTo("carol");
    assertThat(context.getText("roles")).isEqualTo("USER,STAFF");

    var anonymous = new AnonymousAuthenticationToken("key", "anonymousUser",
        AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    assertThat(resolver.resolve(request(anonymous)).targetingKey()).isNull();
    assertThat(resolver.resolve(request(null)).targetingKey()).isNull();
  }

  private static TurnoutContextResolver.Request request(Principal principal) {
    return new TurnoutContextResolver.Request() {
      @Override
      public Principal principal() {
        return principal;
      }

      @Override
      public Object attribute(String name) {
        return null;
      }

      @Override
      public String header(String name) {
        return null;
      }

      @Override
      public Object unwrap() {
        return this;
      }
    };
  }
}
