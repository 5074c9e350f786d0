package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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
    assertThat(target.timeout()).isEqualTo(Duration.ofSeconds(5));
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
    refused("etcd://alice:secret@h:2379/k", "put the password in a file");
    refused("etcd://alice@h:2379/k?user=bob", "two different users");
    refused("etcd://h:2379/k?tls=yes", "tls must be true or false");
    refused("etcd://h:2379/k?cert=c.pem", "needs both cert=FILE and key=FILE");
    refused("etcd://h:2379/k?password=x", "unknown option 'password'");
    refused("etcd://h:2379/k?timeout", "needs a value");
    refused("etcd://h/k", "endpoint 'h' must be HOST:PORT");
    refused("etcd://h:,g:2379/k", "endpoint 'h:' must be HOST:PORT");
    refused("etcd://h:99999/k", "has no valid port");
    refused("etcd://h:23x9/k", "has no valid port");
    refused("etcd://h:2379/k?timeout=fast", "'fast' is not a duration");
    refused("etcd://h:2379/k?timeout=0s", "must be positive");
  }

  @Test
  void aUserWithoutPasswordCannotConnect() {
    EtcdTarget target = EtcdTarget.parse("etcd://alice@127.0.0.1:2379/k?password-file=/nonexistent/password");
    assertThatThrownBy(target::newClient).hasMessageContaining("cannot read the etcd password file /nonexistent/password");
  }

  private static void refused(String address, String why) {
    assertThatThrownBy(() -> EtcdTarget.parse(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Bad etcd address '" + address + "'")
        .hasMessageContaining(why);
  }
}
