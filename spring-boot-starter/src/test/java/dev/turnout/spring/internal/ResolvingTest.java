package dev.turnout.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.EvaluationContext;
import dev.turnout.spring.TurnoutContextResolver;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResolvingTest {

  private record Request(Principal principal, Map<String, Object> attributes) implements TurnoutContextResolver.Request {
    @Override
    public Object attribute(String name) {
      return attributes.get(name);
    }

    @Override
    public String header(String name) {
      return null;
    }

    @Override
    public Object unwrap() {
      return this;
    }
  }

  @Test
  void aResolverThatThrowsOrAnswersNullGivesTheAnonymousContext() {
    AtomicInteger calls = new AtomicInteger();
    Resolving throwing = new Resolving(r -> {
      calls.incrementAndGet();
      throw new IllegalStateException("no session");
    });
    Request request = new Request(() -> "ann", Map.of());
    assertThat(throwing.resolve(request)).isSameAs(EvaluationContext.anonymous());
    assertThat(throwing.resolve(request)).isSameAs(EvaluationContext.anonymous());
    assertThat(calls).hasValue(2); // asked each time, logged once
    assertThat(new Resolving(r -> null).resolve(request)).isSameAs(EvaluationContext.anonymous());
  }

  @Test
  void theDefaultResolverTakesTheUserAndTheNamedAttributesByType() {
    Instant signedUp = Instant.parse("2026-01-05T10:00:00Z");
    EvaluationContext c = new DefaultContextResolver(List.of("plan", "seats", "beta", "signedUp", "tags", "absent"))
        .resolve(new Request(() -> "ann", Map.of("plan", "pro", "seats", 12, "beta", true, "signedUp", signedUp,
            "tags", List.of("a", "b"), "other", "ignored")));
    assertThat(c.targetingKey()).isEqualTo("ann");
    assertThat(c.attributes()).containsExactly(Map.entry("plan", "pro"), Map.entry("seats", 12L),
        Map.entry("beta", true), Map.entry("signedUp", signedUp), Map.entry("tags", "[a, b]"));
    assertThat(new DefaultContextResolver(List.of()).resolve(new Request(null, Map.of())).targetingKey()).isNull();
  }
}
