package dev.turnout.etcd.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.turnout.etcd.EtcdServer;
import dev.turnout.etcd.EtcdTarget;
import dev.turnout.etcd.TestCertificates;
import io.etcd.jetcd.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real etcd serving TLS only and requiring client certificates ({@code --client-cert-auth}), with
 * certificates made for the test: the right ones work; each wrong one is named, at once rather than after
 * the address's timeout (60 s here, so that waiting it out would fail the 20 s guard).
 */
class EtcdTlsTest {

  static Path dir;
  static TestCertificates certs;
  static EtcdServer etcd;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("turnout-etcd-tls-");
    certs = TestCertificates.create(Files.createDirectory(dir.resolve("certs")));
    etcd = EtcdServer.startTls(dir, certs);
  }

  @AfterAll
  static void stop() {
    if (etcd != null) {
      etcd.close();
    }
  }

  private String address(String options) {
    return "etcds://" + etcd.hostPort() + "/turnout/tls?timeout=60s&" + options;
  }

  @Test
  void theRightCaAndClientCertificateWork() {
    EtcdTarget target = EtcdTarget.parse(address("ca=" + certs.ca + "&cert=" + certs.clientCert + "&key="
        + certs.clientKey));
    try (Client client = target.newClient()) {
      Publication p = new Publisher(client, target).publish(
          Publisher.Request.of("flags.yaml", "flags:\n  a: {}\n").reason("over TLS").author("ann"));

      assertThat(p.status()).isEqualTo(Publication.Status.PUBLISHED);
      assertThat(AuditLog.read(client, target, 5)).extracting(AuditRecord::reason).containsExactly("over TLS");
    }
  }

  @Test
  void aServerCertificateFromAnUntrustedCaIsATrustProblemAtOnce() {
    String message = failure("ca=" + certs.otherCa + "&cert=" + certs.clientCert + "&key=" + certs.clientKey);

    assertThat(message).startsWith("TLS with etcd at " + etcd.hostPort() + " failed: the server's certificate is "
        + "not signed by a CA this client trusts").contains("ca=FILE").doesNotContain("did not answer");
  }

  @Test
  void theJvmTrustStoreDoesNotTrustAPrivateCa() {
    String message = failure("cert=" + certs.clientCert + "&key=" + certs.clientKey);

    assertThat(message).contains("not signed by a CA this client trusts");
  }

  @Test
  void aMissingClientCertificateIsNamed() {
    String message = failure("ca=" + certs.ca);

    assertThat(message).startsWith("etcd at " + etcd.hostPort() + " requires a client certificate")
        .contains("cert=FILE&key=FILE");
  }

  @Test
  void aClientCertificateTheServerDoesNotTrustIsNamed() {
    String message = failure("ca=" + certs.ca + "&cert=" + certs.otherClientCert + "&key=" + certs.otherClientKey);

    assertThat(message).startsWith("etcd at " + etcd.hostPort() + " refused the client certificate");
  }

  @Test
  void aCertificateForAnotherHostIsNamed() {
    String message = failure("ca=" + certs.ca + "&cert=" + certs.clientCert + "&key=" + certs.clientKey
        + "&authority=etcd.example.org");

    assertThat(message).startsWith("TLS with etcd at " + etcd.hostPort() + " failed: the server's certificate is "
        + "not for etcd.example.org");
  }

  @Test
  void plainTextToATlsServerIsNamed() {
    EtcdTarget target = EtcdTarget.parse("etcd://" + etcd.hostPort() + "/turnout/tls?timeout=60s");
    String message = failure(target);

    assertThat(message).contains("etcds://");
  }

  private String failure(String options) {
    return failure(EtcdTarget.parse(address(options)));
  }

  private static String failure(EtcdTarget target) {
    try (Client client = target.newClient()) {
      EtcdAccessException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> catchThrowableOfType(EtcdAccessException.class, () -> AuditLog.read(client, target, 5)));
      assertThat(e).as("no failure").isNotNull();
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
  }
}
