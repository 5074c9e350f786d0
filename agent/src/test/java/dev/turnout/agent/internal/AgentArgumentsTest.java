package dev.turnout.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogFormat;
import java.util.Map;
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
        "format= applies to the catalog named by flags= or source=, which is not given: ignored");
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
        + "ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug, "
        + "source=ADDRESS, cache=DIR, app=NAME, wait=DURATION, plugin=JAR)");
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
        "unknown argument 'colour' ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug, "
        + "source=ADDRESS, cache=DIR, app=NAME, wait=DURATION, plugin=JAR)",
        "empty argument ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug, "
        + "source=ADDRESS, cache=DIR, app=NAME, wait=DURATION, plugin=JAR)",
        "argument 'env' has no value, ignored (arguments: flags=PATH, format=yaml|json|unleash|flagd, env=NAME, decisions=NAME, log=info|debug, "
        + "source=ADDRESS, cache=DIR, app=NAME, wait=DURATION, plugin=JAR)",
        "log=loud is not info or debug, ignored",
        "env= given twice, using 'b'");
  }

  @Test
  void aSourceAddressKeepsItsCommaSeparatedEndpoints() {
    AgentArguments args = AgentArguments.parse(
        "source=etcd://10.0.0.1:2379,10.0.0.2:2379,etcd-3:2379/turnout/shop?tls=true&timeout=2s,app=shop,env=prod");
    assertThat(args.source()).isEqualTo("etcd://10.0.0.1:2379,10.0.0.2:2379,etcd-3:2379/turnout/shop?tls=true&timeout=2s");
    assertThat(args.sourceOptions()).containsExactly(Map.entry("app", "shop"));
    assertThat(args.environment()).isEqualTo("prod");
    assertThat(args.storeSource()).isTrue();
    assertThat(args.problems()).isEmpty();

    AgentArguments last = AgentArguments.parse("env=prod, source=etcds://alice@h1:2379, h2:2379/k");
    assertThat(last.source()).isEqualTo("etcds://alice@h1:2379,h2:2379/k");
    assertThat(last.problems()).isEmpty();
  }

  @Test
  void sourceOptionsArePassedThrough() {
    AgentArguments args = AgentArguments.parse(
        "source=etcd://h:2379/k,cache=/var/cache/shop,wait=500ms,app=shop,format=json,plugin=/opt/turnout/etcd.jar");
    assertThat(args.sourceOptions()).containsOnly(Map.entry("cache", "/var/cache/shop"), Map.entry("wait", "500ms"),
        Map.entry("app", "shop"), Map.entry("format", "json"));
    assertThat(args.format()).isNull(); // it is the source's option
    assertThat(args.plugin()).isEqualTo("/opt/turnout/etcd.jar");
    assertThat(args.problems()).isEmpty();
  }

  @Test
  void storeOptionsWithoutAStoreAreProblems() {
    AgentArguments none = AgentArguments.parse("cache=/tmp/c,app=shop,plugin=x.jar");
    assertThat(none.sourceOptions()).isEmpty();
    assertThat(none.plugin()).isNull();
    assertThat(none.problems()).containsExactly(
        "cache= applies to a store named by source= (such as etcd://...), which is not given: ignored",
        "app= applies to a store named by source= (such as etcd://...), which is not given: ignored",
        "plugin= applies to a store named by source= (such as etcd://...): ignored");

    AgentArguments file = AgentArguments.parse("source=file:/etc/flags.json,format=unleash,wait=2s");
    assertThat(file.storeSource()).isFalse();
    assertThat(file.sourceOptions()).containsExactly(Map.entry("format", "unleash"));
    assertThat(file.problems()).containsExactly(
        "wait= applies to a store named by source= (such as etcd://...), not to file:/etc/flags.json: ignored");
  }

  @Test
  void flagsAndSourceTogether() {
    AgentArguments args = AgentArguments.parse("flags=/etc/flags.yaml,source=etcd://h:2379/k");
    assertThat(args.flags()).isNull();
    assertThat(args.source()).isEqualTo("etcd://h:2379/k");
    assertThat(args.problems()).containsExactly("flags= and source= both name a catalog: using source=etcd://h:2379/k");
  }

  @Test
  void unknownArgumentsAfterASourceAreStillReported() {
    AgentArguments args = AgentArguments.parse("source=etcd://h:2379/k,bogus=1,,log=debug");
    // bogus=1 is not an argument name, so it reads as part of the address (where EtcdTarget refuses it).
    assertThat(args.source()).isEqualTo("etcd://h:2379/k,bogus=1");
    assertThat(args.debug()).isTrue();
    assertThat(args.problems()).singleElement().asString().startsWith("empty argument ignored");
  }
}
