package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.etcd.EtcdExtension;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.admin.Publisher;
import dev.turnout.testsupport.Eventually;
import dev.turnout.testsupport.TestJvm;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The walk-through on the sample's catalog in a real etcd on loopback: the sample's agent reads the key
 * ({@code source=etcd://...}, reporting to the fleet as {@code sample}), the console publishes each step to it
 * ({@code --source etcd://...}). After each step the fleet page lists the sample up to date at the step's revision,
 * and the audit trail shows each step's revision. Skipped where etcd is missing (failed with TURNOUT_REQUIRE_ETCD=true).
 */
class FlagLifeEtcdIT extends FlagLifeWalkThrough {

  @RegisterExtension static final EtcdExtension etcd = new EtcdExtension();

  private static final String KEY = "/turnout/sample/catalog";

  private String address;

  @Override
  SampleProcess startSample(Path dir) throws Exception {
    address = "etcd://" + etcd.hostPort() + KEY;
    new Publisher(etcd.client(), EtcdTarget.parse(address)).publish(Publisher.Request.of("flags.yaml",
        Files.readString(Path.of(TestJvm.property("sample.catalog")))).author("setup").reason("the sample's catalog"));
    return SampleProcess.watchingEtcd(address, "development", dir);
  }

  @Override
  List<String> consoleSource() {
    return List.of("--source", address, "--app", TestJvm.property("sample.jar"));
  }

  @Override
  String catalogText() throws Exception {
    return stored().getValue().toString(StandardCharsets.UTF_8);
  }

  private static KeyValue stored() throws Exception {
    return etcd.client().getKVClient().get(ByteSequence.from(KEY, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS)
        .getKvs().get(0);
  }

  @Override
  String howSoon() {
    return "within about a second";
  }

  /** The fleet page lists the sample up to date at the key's revision now: that revision. */
  @Override
  String applied() throws Exception {
    String revision = Long.toString(stored().getModRevision());
    chromium.open("fleet");
    Eventually.within(Duration.ofSeconds(10), () -> {
      chromium.browser.navigate().refresh();
      assertThat(chromium.mainText()).contains("is at revision " + revision).contains("1 up to date");
      List<String> sample = chromium.browser.findElements(By.cssSelector("table.fleet tbody tr")).stream()
          .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
          .filter(cells -> cells.get(1).equals("sample")).findFirst().orElseThrow();
      assertThat(sample.get(0)).as("its status").isEqualTo("up to date");
      assertThat(sample.get(3)).as("its revision").isEqualTo(revision);
    });
    chromium.screenshot("fleet");
    return revision;
  }

  @Override
  void auditShows(Step step, String entry) {
    assertThat(entry).as("the audit entry of '%s'", step.reason())
        .contains("revision " + step.noted() + " (changed " + FLAG + ")");
  }
}
