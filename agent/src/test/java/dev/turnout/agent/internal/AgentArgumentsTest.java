package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  @Test
  void noArguments() {
    for (String text : new String[] {null, "", "  "}) {
      AgentArguments args = AgentArguments.parse(text);
      assertThat(args.flags()).isNull();
      assertThat(args.environment()).isNull();
      assertThat(args.decisions()).isNull();
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
  void formatNamesTheExternalCatalogsReader() {
    assertThat(AgentArguments.parse("flags=features.json,format=unleash").format()).isEqualTo(CatalogFormat.UNLEASH);
    assertThat(AgentArguments.parse("flags=flags.json,format=FLAGD").format()).isEqualTo(CatalogFormat.FLAGD);
    assertThat(AgentArguments.parse("flags=flags.json").format()).isNull();

    AgentArguments bad = AgentArguments.parse("flags=f.json,format=xml");
    assertThat(bad.format()).isNull();
    assertThat(bad.problems()).containsExactly("format=xml is not yaml, json, unleash or flagd, ignored");

    AgentArguments alone = AgentArguments.parse("format=flagd");
    assertThat(alone.format()).isNull();
    assertThat(alone.problems()).containsExactly(
        "format= applies to the catalog named by flags=, which is not given: ignored");
  }

  @Test
  void decisionsNamesTheSourceThatDecidesVariants() {
    AgentArguments args = AgentArguments.parse("decisions=openfeature,flags=f.yaml");
    assertThat(args.decisions()).isEqualTo("openfeature");
    assertThat(args.flags()).isEqualTo("f.yaml");
    assertThat(args.problems()).isEmpty();

    AgentArguments twice = AgentArguments.parse("decisions=a, decisions=b");
    assertThat(twice.decisions()).isEqualTo("b");
    assertThat(twice.problems()).containsExactly("decisions= given twice, using 'b'");

    assertThat(AgentArguments.parse("decisions=").problems()).containsExactly("argument 'decisions=' has no value, "
        + "ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug)");
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
        "unknown argument 'colour' ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug)",
        "empty argument ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug)",
        "argument 'env' has no value, ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug)",
        "log=loud is not info or debug, ignored",
        "env= given twice, using 'b'");
  }
}
