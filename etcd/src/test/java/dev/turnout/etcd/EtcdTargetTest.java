package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdTargetTest {

  @Test
  void oneEndpointAndAKey() {
    EtcdTarget target = EtcdTarget.parse("etcd://127.0.0.1:2379/turnout/catalog");
    assertThat(target.endpoints()).containsExactly("http://127.0.0.1:2379");
    assertThat(target.key()).isEqualTo("/turnout/catalog");
    assertThat(target.fleetPrefix()).isEqualTo("/turnout/catalog/fleet/");
    assertThat(target.auditPrefix()).isEqualTo("/turnout/catalog/audit/");
    assertThat(target.tls()).isFalse();
    assertThat(target.user()).isNull();
    assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(target.maxRequestBytes()).isEqualTo(1536 * 1024);
    assertThat(target).hasToString("etcd://127.0.0.1:2379/turnout/catalog");
  }

  @Test
  void severalEndpointsUserTlsAndOptions() {
    EtcdTarget target = EtcdTarget.parse(
        "etcds://alice@10.0.0.1:2379,10.0.0.2:2379,[::1]:2379/turnout/shop?ca=/etc/ca.pem&authority=etcd.internal&timeout=500ms");
    assertThat(target.endpoints()).containsExactly("https://10.0.0.1:2379", "https://10.0.0.2:2379", "https://[::1]:2379");
    assertThat(target.tls()).isTrue();
    assertThat(target.user()).isEqualTo("alice");
    assertThat(target.option("ca")).isEqualTo("/etc/ca.pem");
    assertThat(target.option("authority")).isEqualTo("etcd.internal");
    assertThat(target.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(target).hasToString("etcds://alice@10.0.0.1:2379,10.0.0.2:2379,[::1]:2379/turnout/shop");
  }

  @Test
  void tlsByOptionOrByCertificates() {
    assertThat(EtcdTarget.parse("etcd://h:2379/k?tls=true").tls()).isTrue();
    assertThat(EtcdTarget.parse("etcd://h:2379/k?tls=false").tls()).isFalse();
    assertThat(EtcdTarget.parse("etcd://h:2379/k?ca=ca.pem").endpoints()).containsExactly("https://h:2379");
    assertThat(EtcdTarget.parse("etcd://h:2379/k?cert=c.pem&key=k.pem").tls()).isTrue();
    assertThat(EtcdTarget.parse("etcd://h:2379/k?user=bob&timeout=2m").user()).isEqualTo("bob");
    assertThat(EtcdTarget.parse("etcd://h:2379/k?timeout=2m").timeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void refusals() {
    refused("http://h:2379/k", "must start with etcd://");
    refused("etcd://h:2379", "names no key");
    refused("etcd://h:2379/", "names no key");
    refused("etcd://h:2379/k/", "must not end with '/'");
    refused("etcd://alice@h:2379/k?user=bob", "two different users");
    refused("etcd://h:2379/k?tls=yes", "tls must be true or false");
    refused("etcd://h:2379/k?cert=c.pem", "needs both cert=FILE and key=FILE");
    refused("etcd://h:2379/k?passwort=x", "unknown option 'passwort'");
    refused("etcd://h:2379/k?timeout", "needs a value");
    refused("etcd://h/k", "endpoint 'h' must be HOST:PORT");
    refused("etcd://h:,g:2379/k", "endpoint 'h:' must be HOST:PORT");
    refused("etcd://h:99999/k", "has no valid port");
    refused("etcd://h:23x9/k", "has no valid port");
    refused("etcd://h:2379/k?timeout=fast", "'fast' is not a duration");
    refused("etcd://h:2379/k?timeout=0s", "must be positive");
    refused("etcd://h:0/k", "has no valid port (a number from 1 to 65535)");
    refused("etcd://h:2379/k?max-request-bytes=lots", "max-request-bytes must be a number of bytes");
    refused("etcd://h:2379/k?timeout=99999999999999999999s", "is not a duration");
    refused("etcd://h:2379/k?ca=%zz", "%-escape");
  }

  @Test
  void aPortOutOfRangeIsSaidSo() {
    // It used to say "For input string: ..." (a NumberFormatException's message).
    refused("etcd://127.0.0.1:99999999999/x", "endpoint '127.0.0.1:99999999999' has no valid port "
        + "(a number from 1 to 65535)");
    refused("etcd://127.0.0.1:99999999999999999999999/x", "has no valid port");
  }

  @Test
  void aRefusedAddressNeverShowsItsPassword() {
    assertThatThrownBy(() -> EtcdTarget.parse("etcd://alice:s3cret@h:2379/k"))
        .hasMessageStartingWith("Bad etcd address 'etcd://alice:****@h:2379/k'").hasMessageNotContaining("s3cret")
        .hasMessageContaining("put the password in a file");
    assertThatThrownBy(() -> EtcdTarget.parse("etcd://h:2379/k?user=alice&password=s3cret"))
        .hasMessageContaining("password=****").hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> EtcdTarget.parse("etcd://h:99999/k?password=s3cret&timeout=1s"))
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void controlCharactersAreRefusedAndNotEchoed() {
    assertThatThrownBy(() -> EtcdTarget.parse("etcd://h:2379/k\u001b[2J\nforged"))
        .hasMessageStartingWith("Bad etcd address 'etcd://h:2379/k\\u001b[2J\\nforged'")
        .hasMessageContaining("control character").hasMessageNotContaining("\u001b").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> EtcdTarget.parse("etcd://al%0Aice@h:2379/k"))
        .hasMessageContaining("control character");
  }

  @Test
  void certificateAndPasswordFilesAreReadBoundedAndMustBeRegularFiles(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.pem");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(64L * 1024 * 1024);
    }
    EtcdTarget tooBig = EtcdTarget.parse("etcds://127.0.0.1:2379/k?ca=" + big);
    assertThatThrownBy(tooBig::newClient).hasMessage("cannot read ca=" + big + ": larger than 1024 KiB, which no "
        + "certificate, key or password needs");
    EtcdTarget folder = EtcdTarget.parse("etcd://bob@127.0.0.1:2379/k?password-file=" + dir);
    assertThatThrownBy(folder::newClient).hasMessage("cannot read password-file=" + dir + ": not a regular file");
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");
    EtcdTarget garbage = EtcdTarget.parse("etcds://127.0.0.1:2379/k?ca=" + notPem);
    assertThatThrownBy(garbage::newClient).hasMessageStartingWith("ca=" + notPem + " holds no PEM certificate");
  }

  @Test
  void aUserWithoutPasswordCannotConnect() {
    EtcdTarget target = EtcdTarget.parse("etcd://alice@127.0.0.1:2379/k?password-file=/nonexistent/password");
    assertThatThrownBy(target::newClient).hasMessage("cannot read password-file=/nonexistent/password: no such file");
  }

  private static void refused(String address, String why) {
    assertThatThrownBy(() -> EtcdTarget.parse(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Bad etcd address '" + address + "'")
        .hasMessageContaining(why);
  }
}
