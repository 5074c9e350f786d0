package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  @Test
  void noArguments() {
    for (String text : new String[] {null, "", "  "}) {
      AgentArguments args = AgentArguments.parse(text);
      assertThat(args.flags()).isNull();
      assertThat(args.environment()).isNull();
      assertThat(args.debug()).isFalse();
      assertThat(args.problems()).isEmpty();
    }
  }

  @Test
  void knownArguments() {
    AgentArguments args = AgentArguments.parse("flags=/etc/app/flags.yaml, env=production,log=debug");

    assertThat(args.flags()).isEqualTo("/etc/app/flags.yaml");
    assertThat(args.environment()).isEqualTo("production");
    assertThat(args.debug()).isTrue();
    assertThat(args.problems()).isEmpty();
  }

  @Test
  void aValueMayContainEqualsSigns() {
    assertThat(AgentArguments.parse("flags=a=b.yaml").flags()).isEqualTo("a=b.yaml");
  }

  @Test
  void unknownAndMalformedArgumentsAreReportedAndTheRestApplies() {
    AgentArguments args = AgentArguments.parse("colour=blue,flags=f.yaml,,env,log=loud,log=info,env=a,env=b");

    assertThat(args.flags()).isEqualTo("f.yaml");
    assertThat(args.environment()).isEqualTo("b");
    assertThat(args.debug()).isFalse();
    assertThat(args.problems()).containsExactly(
        "unknown argument 'colour' ignored (arguments: flags=PATH, env=NAME, log=info|debug)",
        "empty argument ignored (arguments: flags=PATH, env=NAME, log=info|debug)",
        "argument 'env' has no value, ignored (arguments: flags=PATH, env=NAME, log=info|debug)",
        "log=loud is not info or debug, ignored",
        "env= given twice, using 'b'");
  }
}
