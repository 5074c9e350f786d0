package dev.turnout.etcd.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnout.CatalogException;
import dev.turnout.etcd.EtcdExtension;
import dev.turnout.etcd.EtcdTarget;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;

class PublisherTest {

  static final String V1 = """
      flags:
        checkout:
          default: off
        banner:
          percentage: 10
      """;
  static final String V2 = """
      flags:
        banner:
          percentage: 50
        search:
          default: on
      """;

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  EtcdTarget target;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-22T22:45:01.123Z"), ZoneOffset.UTC);

  @BeforeEach
  void freshKey(TestInfo test) {
    target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/turnout/" + test.getTestMethod().orElseThrow().getName());
  }

  Publisher publisher() {
    return new Publisher(etcd.client(), target, clock);
  }

  @Test
  void firstPublishCreatesTheKeyAndItsAuditRecordInOneRevision() throws Exception {
    Publication p = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("first catalog").author("ann"));

    assertThat(p.status()).isEqualTo(Publication.Status.PUBLISHED);
    assertThat(p.previousRevision()).isZero();
    GetResponse stored = get(target.key());
    assertThat(text(stored)).isEqualTo(V1);
    assertThat(stored.getKvs().get(0).getModRevision()).isEqualTo(p.revision());
    assertThat(stored.getKvs().get(0).getVersion()).isEqualTo(1);

    List<AuditRecord> log = AuditLog.read(etcd.client(), target, 10);
    assertThat(log).hasSize(1);
    AuditRecord audit = log.get(0);
    assertThat(audit).isEqualTo(p.audit());
    assertThat(audit.key()).startsWith(target.auditPrefix())
        .matches(".*/audit/20261122T224501\\.123Z-[0-9a-f]{8}");
    assertThat(audit.revision()).isEqualTo(p.revision());
    assertThat(audit.author()).isEqualTo("ann");
    assertThat(audit.reason()).isEqualTo("first catalog");
    assertThat(audit.at()).isEqualTo(clock.instant());
    assertThat(audit.previousRevision()).isZero();
    assertThat(audit.sha256()).isEqualTo(
        "%064x".formatted(new java.math.BigInteger(1, java.security.MessageDigest.getInstance("SHA-256")
            .digest(V1.getBytes(StandardCharsets.UTF_8)))));
    assertThat(audit.added()).containsExactly("banner", "checkout");
    assertThat(audit.removed()).isEmpty();
    assertThat(audit.changed()).isEmpty();
    assertThat(audit.diff()).startsWith("--- /dev/null\n+++ flags.yaml\n@@ -0,0 +1,5 @@\n+flags:\n+  checkout:\n");
  }

  @Test
  void aPublishRecordsWhoWhyTheDiffAndTheFlagsItChanges() {
    Publication first = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("first"));
    Publication second = publisher().publish(
        Publisher.Request.of("flags.yaml", V2).reason("banner to 50%, search on").author("bob@laptop"));

    assertThat(second.previousRevision()).isEqualTo(first.revision());
    assertThat(text(get(target.key()))).isEqualTo(V2);
    AuditRecord audit = AuditLog.read(etcd.client(), target, 10).get(0);
    assertThat(audit.revision()).isEqualTo(second.revision());
    assertThat(audit.author()).isEqualTo("bob@laptop");
    assertThat(audit.reason()).isEqualTo("banner to 50%, search on");
    assertThat(audit.previousRevision()).isEqualTo(first.revision());
    assertThat(audit.added()).containsExactly("search");
    assertThat(audit.removed()).containsExactly("checkout");
    assertThat(audit.changed()).containsExactly("banner");
    assertThat(audit.diff()).startsWith("--- " + target.key() + "@" + first.revision() + "\n+++ flags.yaml\n")
        .contains("\n-  checkout:\n", "\n-    percentage: 10\n", "\n+    percentage: 50\n", "\n+  search:\n");
    assertThat(audit.flagSummary()).isEqualTo("added search; removed checkout; changed banner");
  }

  @Test
  void theDefaultAuthorIsUserAtHost() {
    publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("r"));

    assertThat(AuditLog.read(etcd.client(), target, 1).get(0).author())
        .isEqualTo(System.getProperty("user.name") + "@" + Publisher.defaultAuthor().split("@", 2)[1])
        .contains("@");
  }

  @Test
  void twoPublishersReadingTheSameRevisionOneWinsTheOtherGetsAClearMessageAndWritesNothing() throws Exception {
    Publication base = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("base"));
    CyclicBarrier bothHaveRead = new CyclicBarrier(2);
    Runnable waitForTheOther = () -> {
      try {
        bothHaveRead.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    String aliceText = V2;
    String bobText = V1.replace("percentage: 10", "percentage: 90");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<Publication> alice = () -> new Publisher(etcd.client(), target, clock, waitForTheOther)
          .publish(Publisher.Request.of("alice.yaml", aliceText).reason("alice's change").author("alice"));
      Callable<Publication> bob = () -> new Publisher(etcd.client(), target, clock, waitForTheOther)
          .publish(Publisher.Request.of("bob.yaml", bobText).reason("bob's change").author("bob"));
      Future<Publication> a = pool.submit(alice);
      Future<Publication> b = pool.submit(bob);
      List<Publication> won = new ArrayList<>();
      List<PublishConflictException> lost = new ArrayList<>();
      for (Future<Publication> f : List.of(a, b)) {
        try {
          won.add(f.get(30, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          lost.add((PublishConflictException) e.getCause());
        }
      }

      assertThat(won).hasSize(1);
      assertThat(lost).hasSize(1);
      Publication winner = won.get(0);
      PublishConflictException loser = lost.get(0);
      boolean aliceWon = winner.audit().author().equals("alice");
      assertThat(winner.previousRevision()).isEqualTo(base.revision());
      assertThat(loser.expectedRevision()).isEqualTo(base.revision());
      assertThat(loser.foundRevision()).isEqualTo(winner.revision());
      assertThat(loser.foundPublish()).isEqualTo(winner.audit());
      assertThat(loser.getMessage())
          .startsWith("not published: " + target.key() + " is not at the revision this publish was based on; "
              + "nothing was written.\n")
          .contains("nothing was written")
          .contains("expected revision: " + base.revision())
          .contains("found revision:    " + winner.revision())
          .contains("revision " + winner.revision() + " was published by " + (aliceWon ? "alice" : "bob")
              + " at 2026-11-22T22:45:01.123Z: \"" + (aliceWon ? "alice's" : "bob's") + " change\"")
          .endsWith("To publish on top of revision " + winner.revision() + ": review what it changed (turnout audit "
              + "--diff), see your changes against it (publish --dry-run), then publish "
              + (aliceWon ? "bob.yaml" : "alice.yaml") + " again.");
      // Nothing of the loser: the winner's text, and audit records of the base and the winner only.
      assertThat(text(get(target.key()))).isEqualTo(aliceWon ? aliceText : bobText);
      assertThat(AuditLog.read(etcd.client(), target, 10)).extracting(AuditRecord::revision)
          .containsExactly(winner.revision(), base.revision());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPublishOverwrittenBetweenReadAndWriteNamesTheRevisionFoundAndItsAuthor() {
    Publication base = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("base"));
    AtomicInteger theirs = new AtomicInteger();
    Publisher mine = new Publisher(etcd.client(), target, clock, () -> theirs.set((int) publisher()
        .publish(Publisher.Request.of("theirs.yaml", V2).reason("their urgent fix").author("carol")).revision()));

    PublishConflictException e = catchThrowableOfType(PublishConflictException.class,
        () -> mine.publish(Publisher.Request.of("mine.yaml", V1 + "# mine\n").reason("mine")));

    assertThat(e.expectedRevision()).isEqualTo(base.revision());
    assertThat(e.foundRevision()).isEqualTo(theirs.get());
    assertThat(e.getMessage()).contains("was published by carol at 2026-11-22T22:45:01.123Z: \"their urgent fix\" "
        + "(added search; removed checkout; changed banner)");
    assertThat(text(get(target.key()))).isEqualTo(V2);
  }

  @Test
  void anExpectedRevisionThatIsNoLongerCurrentIsAConflict() {
    Publication first = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("first").author("ann"));
    Publication second = publisher().publish(Publisher.Request.of("flags.yaml", V2).reason("second").author("dan"));

    PublishConflictException e = catchThrowableOfType(PublishConflictException.class, () -> publisher().publish(
        Publisher.Request.of("flags.yaml", V1 + "# again\n").reason("third").expectRevision(first.revision())));

    assertThat(e.expectedRevision()).isEqualTo(first.revision());
    assertThat(e.foundRevision()).isEqualTo(second.revision());
    assertThat(e.getMessage()).contains("was published by dan").contains("\"second\"");
    assertThat(text(get(target.key()))).isEqualTo(V2);
    assertThat(AuditLog.read(etcd.client(), target, 10)).hasSize(2);
  }

  @Test
  void expectingRevisionZeroPublishesOnlyWhenThereIsNoCatalogYet() {
    Publication created = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("r").expectRevision(0));
    assertThat(created.status()).isEqualTo(Publication.Status.PUBLISHED);

    PublishConflictException e = catchThrowableOfType(PublishConflictException.class, () -> publisher()
        .publish(Publisher.Request.of("flags.yaml", V2).reason("r").expectRevision(0)));

    assertThat(e.foundRevision()).isEqualTo(created.revision());
    assertThat(e.getMessage()).contains("expected revision: 0 (no catalog yet)\n  found revision:    " + created.revision());
  }

  @Test
  void aCatalogWrittenByOtherMeansHasNoAuditRecordToName() throws Exception {
    etcd.client().getKVClient().put(bytes(target.key()), bytes(V1)).get(10, TimeUnit.SECONDS);
    long written = get(target.key()).getKvs().get(0).getModRevision();

    PublishConflictException e = catchThrowableOfType(PublishConflictException.class, () -> publisher()
        .publish(Publisher.Request.of("flags.yaml", V2).reason("r").expectRevision(0)));

    assertThat(e.foundRevision()).isEqualTo(written);
    assertThat(e.foundPublish()).isNull();
    assertThat(e.getMessage()).contains("revision " + written + " has no audit record");
  }

  @Test
  void anInvalidCatalogIsRefusedWithEveryProblemBeforeAnythingIsWritten() {
    Publication base = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("base"));
    long before = revisionOfTheStore();
    String bad = "flags:\n  a:\n    default: maybe\n  b:\n    percentage: 140\n";

    CatalogException e = catchThrowableOfType(CatalogException.class,
        () -> publisher().publish(Publisher.Request.of("bad.yaml", bad).reason("r")));

    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(e.problems().get(0).toString()).startsWith("bad.yaml:3:14: default names variant 'maybe'");
    assertThat(e.problems()).anySatisfy(p -> assertThat(p.toString()).startsWith("bad.yaml:5:"));
    assertThat(revisionOfTheStore()).isEqualTo(before);
    assertThat(text(get(target.key()))).isEqualTo(V1);
    assertThat(AuditLog.read(etcd.client(), target, 10)).extracting(AuditRecord::revision).containsExactly(base.revision());
  }

  @Test
  void anInvalidFirstCatalogCreatesNoKey() {
    assertThatThrownBy(() -> publisher().publish(Publisher.Request.of("bad.json", "{\"flags\": {\"a\": 3}}")
        .reason("r"))).isInstanceOf(CatalogException.class).hasMessageContaining("bad.json:1:");

    assertThat(get(target.key()).getKvs()).isEmpty();
    assertThat(AuditLog.read(etcd.client(), target, 10)).isEmpty();
  }

  @Test
  void publishingTheSameTextAgainWritesNothing() {
    Publication first = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("first"));
    long before = revisionOfTheStore();

    Publication again = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("again"));

    assertThat(again.status()).isEqualTo(Publication.Status.UNCHANGED);
    assertThat(again.revision()).isEqualTo(first.revision());
    assertThat(again.diff()).isEmpty();
    assertThat(again.audit()).isNull();
    assertThat(revisionOfTheStore()).isEqualTo(before);
    assertThat(AuditLog.read(etcd.client(), target, 10)).hasSize(1);
  }

  @Test
  void aPreviewValidatesAndDiffsButWritesNothing() {
    Publication first = publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("first"));
    long before = revisionOfTheStore();

    Publication preview = publisher().preview(Publisher.Request.of("flags.yaml", V2));

    assertThat(preview.status()).isEqualTo(Publication.Status.PREVIEW);
    assertThat(preview.previousRevision()).isEqualTo(first.revision());
    assertThat(preview.revision()).isEqualTo(first.revision());
    assertThat(preview.diff()).contains("+    percentage: 50");
    assertThat(preview.changed()).containsExactly("banner");
    assertThat(revisionOfTheStore()).isEqualTo(before);
    assertThat(publisher().preview(Publisher.Request.of("flags.yaml", V1)).status())
        .isEqualTo(Publication.Status.UNCHANGED);
  }

  @Test
  void aPublishNeedsAReason() {
    assertThatThrownBy(() -> publisher().publish(Publisher.Request.of("flags.yaml", V1).reason("  ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");
    assertThat(get(target.key()).getKvs()).isEmpty();
  }

  @Test
  void jsonIsValidatedAsJson() {
    String json = "{\"flags\": {\"dark-mode\": {\"percentage\": 20}}}\n";
    Publication p = publisher().publish(Publisher.Request.of("flags.json", json).reason("json"));

    assertThat(p.added()).containsExactly("dark-mode");
    assertThat(text(get(target.key()))).isEqualTo(json);
  }

  private long revisionOfTheStore() {
    return get("/").getHeader().getRevision();
  }

  static GetResponse get(String key) {
    try {
      return etcd.client().getKVClient().get(bytes(key), GetOption.DEFAULT).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(GetResponse response) {
    return response.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8);
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  @Test
  void controlCharactersInReasonOrAuthorAreRefused() {
    Publisher.Request request = Publisher.Request.of("flags.yaml", "flags:\n  a: {}\n");

    assertThatThrownBy(() -> publisher().publish(request.reason("ok\n3 2026-01-01 mallory 0 forged")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the reason holds a control character (U+000A at position 3): write it on one line, "
            + "without escape sequences");
    assertThatThrownBy(() -> publisher().publish(request.reason("ok").author("ann\u001b[2K")))
        .hasMessageStartingWith("the author holds a control character (U+001B");
  }

  @Test
  void aCatalogNearTheRequestLimitIsPublishedWithATrimmedDiffAndOneOverItIsRefusedAtOnce() {
    StringBuilder text = new StringBuilder("flags:\n");
    int i = 0;
    while (text.length() < 1_000_000) {
      text.append("  flag-").append(i++).append(":\n    description: \"").append("x".repeat(60)).append("\"\n");
    }
    Publication p = publisher().publish(Publisher.Request.of("big.yaml", text.toString()).reason("big"));
    assertThat(p.status()).isEqualTo(Publication.Status.PUBLISHED);
    assertThat(p.audit().diff()).hasSizeLessThan(70 * 1024).contains("diff trimmed");
    assertThat(p.audit().etcdUser()).isNull();

    while (text.length() < 1_700_000) {
      text.append("  flag-").append(i++).append(":\n    description: \"").append("y".repeat(60)).append("\"\n");
    }
    String bigger = text.toString();
    assertThatThrownBy(() -> assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> publisher().publish(Publisher.Request.of("bigger.yaml", bigger).reason("bigger"))))
        .isInstanceOf(EtcdAccessException.class)
        .hasMessageContaining("bytes etcd accepts in one request").hasMessageContaining("nothing was published");
  }
}
