package dev.turnout.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnout.cli.internal.Fixtures.Run;
import dev.turnout.etcd.EtcdExtension;
import dev.turnout.etcd.FleetReport;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish}, {@code fleet} and {@code audit} against a real etcd, in process. */
class EtcdCommandsTest {

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  @TempDir Path dir;
  String address;
  String key;

  @BeforeEach
  void freshKey(TestInfo test) throws Exception {
    key = "/cli/" + test.getTestMethod().orElseThrow().getName();
    address = "etcd://" + etcd.hostPort() + key;
    Files.writeString(dir.resolve("flags.yaml"), "flags:\n  banner:\n    percentage: 10\n");
  }

  @Test
  void publishPrintsTheDiffAndTheNewRevisionAndAuditListsIt() throws Exception {
    Run first = Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "banner at 10%",
        "--author", "ann");
    long r1 = revision();
    Files.writeString(dir.resolve("flags.yaml"), "flags:\n  banner:\n    percentage: 50\n  search: {}\n");
    Run preview = Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--dry-run");
    Run second = Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "banner to 50%",
        "--author", "bob", "--expect-revision", String.valueOf(r1));
    long r2 = revision();
    Run again = Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "same");

    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo("--- /dev/null\n+++ flags.yaml\n@@ -0,0 +1,3 @@\n+flags:\n+  banner:\n"
        + "+    percentage: 10\npublished flags.yaml to " + key + ": no catalog (revision 0) -> revision " + r1
        + " (added banner)\n");
    assertThat(preview.status()).isZero();
    assertThat(preview.out()).contains("-    percentage: 10\n+    percentage: 50\n+  search: {}\n")
        .endsWith("flags.yaml validates; publishing it would replace revision " + r1 + " of " + key
            + " (added search; changed banner). Dry run: nothing written; to publish exactly on top of what you saw, "
            + "add --expect-revision " + r1 + "\n");
    assertThat(second.status()).as(second.err()).isZero();
    assertThat(second.out()).startsWith("--- " + key + "@" + r1 + "\n+++ flags.yaml\n")
        .endsWith("published flags.yaml to " + key + ": revision " + r1 + " -> revision " + r2
            + " (added search; changed banner)\n");
    assertThat(again.status()).isZero();
    assertThat(again.out()).isEqualTo("flags.yaml is the same as revision " + r2 + " of " + key + ": nothing to publish\n");
    assertThat(revision()).isEqualTo(r2);

    Run audit = Fixtures.run(dir, "audit", "--from", address);
    assertThat(audit.status()).isZero();
    assertThat(audit.lines()).hasSize(3);
    assertThat(audit.lines().get(0)).matches("REVISION +AT +AUTHOR +PREVIOUS +REASON +FLAGS");
    assertThat(audit.lines().get(1)).matches(r2 + " +2026-03-01T12:00:00Z +bob +" + r1
        + " +banner to 50% +added search; changed banner");
    assertThat(audit.lines().get(2)).matches(r1 + " +2026-03-01T12:00:00Z +ann +0 +banner at 10% +added banner");
    Run limited = Fixtures.run(dir, "audit", "--from", address, "--limit", "1", "--diff");
    assertThat(limited.out()).startsWith("revision " + r2 + " (was " + r1 + ") by bob at 2026-03-01T12:00:00Z: "
        + "banner to 50%\n  added search; changed banner\n--- " + key + "@" + r1 + "\n").doesNotContain("by ann");
  }

  @Test
  void aPublishThatLostTheRaceSaysWhoWonAndExitsWithOne() throws Exception {
    Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "base");
    long base = revision();
    Files.writeString(dir.resolve("theirs.yaml"), "flags:\n  banner:\n    percentage: 20\n");
    Fixtures.run(dir, "publish", "theirs.yaml", "--to", address, "--reason", "their fix", "--author", "carol");
    long theirs = revision();
    Files.writeString(dir.resolve("flags.yaml"), "flags:\n  banner:\n    percentage: 30\n");

    Run mine = Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "mine",
        "--expect-revision", String.valueOf(base));

    assertThat(mine.status()).isEqualTo(1);
    assertThat(mine.out()).isEmpty();
    assertThat(mine.err()).startsWith("turnout: not published: " + key + " is not at the revision this publish was based on")
        .contains("expected revision: " + base)
        .contains("found revision:    " + theirs)
        .contains("revision " + theirs + " was published by carol at 2026-03-01T12:00:00Z: \"their fix\"");
    assertThat(revision()).isEqualTo(theirs);
  }

  @Test
  void anInvalidCatalogIsNotPublished() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "flags:\n  a:\n    default: maybe\n");

    Run run = Fixtures.run(dir, "publish", "bad.yaml", "--to", address, "--reason", "oops");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith("bad.yaml:3:14: default names variant 'maybe'")
        .endsWith("turnout: bad.yaml does not validate: nothing was published\n");
    assertThat(etcd.client().getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs()).isEmpty();
  }

  @Test
  void publishNeedsAReasonAndAGoodAddress() {
    Run noReason = Fixtures.run(dir, "publish", "flags.yaml", "--to", address);
    Run badAddress = Fixtures.run(dir, "publish", "flags.yaml", "--to", "http://x:1/k", "--reason", "r");
    Run badOption = Fixtures.run(dir, "fleet", "--from", address + "?tls=maybe");

    assertThat(noReason.status()).isEqualTo(2);
    assertThat(noReason.err()).isEqualTo("turnout: publish needs --reason TEXT: say why, for the audit trail\n");
    assertThat(badAddress.status()).isEqualTo(2);
    assertThat(badAddress.err()).isEqualTo(
        "turnout: Bad etcd address 'http://x:1/k': it must start with etcd:// (or etcds:// for TLS)\n");
    assertThat(badOption.status()).isEqualTo(2);
    assertThat(badOption.err()).contains("tls must be true or false, not 'maybe'");
  }

  @Test
  void fleetListsEachJvmAndExitsWithOneWhenAnyIsBehind() throws Exception {
    Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "one");
    long r1 = revision();
    Files.writeString(dir.resolve("flags.yaml"), "flags:\n  banner:\n    percentage: 20\n");
    Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "two");
    long r2 = revision();
    long lease = etcd.client().getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
    report("web-1", r2, "etcd", null, lease);
    report("web-2", r1, "etcd", "flags.yaml:3:17: percentage must be\n0..100", lease);

    Run table = Fixtures.run(dir, "fleet", "--from", address);

    assertThat(table.status()).isEqualTo(1);
    assertThat(table.lines()).hasSize(4);
    assertThat(table.lines().get(0))
        .matches("STATUS +INSTANCE +APP +HOST +PID +REVISION +BEHIND +ORIGIN +AGE +PROBLEM");
    assertThat(table.lines().get(1)).matches("refused +web-2 +shop +host-web-2 +4242 +" + r1
        + " +1 +etcd +2h +flags.yaml:3:17: percentage must be; 0..100");
    assertThat(table.lines().get(2)).matches("up-to-date +web-1 +shop +host-web-1 +4242 +" + r2 + " +- +etcd +2h +-");
    assertThat(table.lines().get(3)).isEqualTo(key + " is at revision " + r2
        + "; 2 JVMs: 1 up to date, 0 behind, 1 refusing it, 0 on a last-good copy");

    Run json = Fixtures.run(dir, "fleet", "--from", address, "--json");
    assertThat(json.status()).isEqualTo(1);
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertThat(doc.get("catalogRevision").asLong()).isEqualTo(r2);
    assertThat(doc.get("allUpToDate").asBoolean()).isFalse();
    assertThat(doc.get("counts").get("refused").asInt()).isEqualTo(1);
    assertThat(doc.get("jvms").get(0).get("instance").asText()).isEqualTo("web-2");
    assertThat(doc.get("jvms").get(0).get("behindBy").asInt()).isEqualTo(1);
    assertThat(doc.get("jvms").get(0).get("ageSeconds").asLong()).isEqualTo(7200);

    report("web-2", r2, "last-good", null, lease);
    Run upToDate = Fixtures.run(dir, "fleet", "--from", address);
    assertThat(upToDate.status()).as(upToDate.out()).isZero();
    assertThat(upToDate.lines().get(3)).endsWith("2 JVMs: 2 up to date, 0 behind, 0 refusing it, 0 on a last-good copy");
  }

  @Test
  void anEmptyFleetAndAnEmptyAuditTrail() {
    Run fleet = Fixtures.run(dir, "fleet", "--from", address);
    Run audit = Fixtures.run(dir, "audit", "--from", address);

    assertThat(fleet.status()).isZero();
    assertThat(fleet.out()).isEqualTo(key + " has no catalog; no JVM reports under " + key + "/fleet/\n");
    assertThat(audit.status()).isZero();
    assertThat(audit.out()).isEqualTo("no publishes recorded under " + key + "/audit/\n");
  }

  @Test
  void controlCharactersCannotForgeAuditRowsNorBeWritten() throws Exception {
    Run refused = Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason",
        "fix\n99 2026-01-01T00:00:00Z mallory 0 forged", "--author", "ann");
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).isEqualTo("turnout: --reason holds a control character (U+000A at position 4): write "
        + "it on one line, without escape sequences\n");
    Run escape = Fixtures.run(dir, "publish", "flags.yaml", "--to", address, "--reason", "ok", "--author",
        "ann\u001b[2K");
    assertThat(escape.status()).isEqualTo(2);
    assertThat(escape.err()).startsWith("turnout: --author holds a control character (U+001B");

    // A record written by some other tool, holding a line break and a terminal escape.
    etcd.client().getKVClient().put(bytes(key + "/audit/x"), bytes("{\"author\":\"eve\\u001b[31m\",\"reason\":"
        + "\"real\\n7 2026-01-01T00:00:00Z mallory 0 forged\",\"diff\":\"+a\\u001b]0;title\\u0007\\n\"}"))
        .get(10, TimeUnit.SECONDS);
    Run audit = Fixtures.run(dir, "audit", "--from", address);
    Run diff = Fixtures.run(dir, "audit", "--from", address, "--diff");

    assertThat(audit.status()).isZero();
    assertThat(audit.lines()).hasSize(2);
    assertThat(audit.out()).doesNotContain("\u001b").contains("eve\\u001b[31m")
        .contains("real\\n7 2026-01-01T00:00:00Z mallory 0 forged");
    assertThat(diff.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("+a\\u001b]0;title\\u0007");
  }

  @Test
  void ageIsShownInTheLargestWholeUnit() {
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    assertThat(EtcdCommands.FleetCommand.age(now.minusSeconds(45), now)).isEqualTo("45s");
    assertThat(EtcdCommands.FleetCommand.age(now.minusSeconds(600), now)).isEqualTo("10m");
    assertThat(EtcdCommands.FleetCommand.age(now.minusSeconds(5 * 3600), now)).isEqualTo("5h");
    assertThat(EtcdCommands.FleetCommand.age(now.minusSeconds(3 * 86400), now)).isEqualTo("3d");
    assertThat(EtcdCommands.FleetCommand.age(null, now)).isEqualTo("-");
  }

  private void report(String instance, long revision, String origin, String problem, long lease) throws Exception {
    FleetReport report = new FleetReport(instance, "shop", "host-" + instance, 4242,
        Instant.parse("2026-03-01T09:00:00Z"), revision, origin, Instant.parse("2026-03-01T10:00:00Z"), problem);
    etcd.client().getKVClient().put(bytes(key + "/fleet/" + instance), bytes(report.toJson()),
        PutOption.builder().withLeaseId(lease).build()).get(10, TimeUnit.SECONDS);
  }

  private long revision() throws Exception {
    return etcd.client().getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs().get(0).getModRevision();
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
