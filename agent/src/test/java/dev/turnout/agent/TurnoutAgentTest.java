package dev.turnout.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.TestJvm;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class TurnoutAgentTest {

  /** An instrumentation that refuses everything: the agent cannot start. */
  private static final Instrumentation BROKEN = (Instrumentation) Proxy.newProxyInstance(
      TurnoutAgentTest.class.getClassLoader(), new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
        throw new UnsupportedOperationException("no instrumentation here");
      });

  @Test
  void anAgentThatCannotStartSaysSoInOneLineAndLetsTheApplicationRun() {
    String premain = TestJvm.stderrOf(() -> TurnoutAgent.premain("flags=flags.yaml", BROKEN));
    String agentmain = TestJvm.stderrOf(() -> TurnoutAgent.agentmain(null, BROKEN));

    for (String out : new String[] {premain, agentmain}) {
      assertThat(out).startsWith("Turnout agent: cannot start; every gated method runs its original body: ");
      assertThat(out.strip().lines()).hasSize(1);
    }
  }
}
