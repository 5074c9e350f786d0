package dev.turnout.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintMojoTest {

  @Test
  void theDefaultPackageIsAValidJavaPackageMadeFromTheCoordinates() {
    assertThat(FingerprintMojo.packageName("com.example.my-app")).isEqualTo("com.example.my_app");
    assertThat(FingerprintMojo.packageName("org.Example.2fa.int")).isEqualTo("org.example._2fa._int");
    assertThat(FingerprintMojo.packageName("..")).isEqualTo("turnout");
  }

  @Test
  void theSourceChangesExactlyWithTheFingerprint() {
    String one = FingerprintMojo.source("com.example", "flags.yaml", "aa");
    assertThat(one).contains("package com.example;").contains("final class TurnoutCatalogFingerprint")
        .contains("\"aa\"");
    assertThat(FingerprintMojo.source("com.example", "flags.yaml", "aa")).isEqualTo(one);
    assertThat(FingerprintMojo.source("com.example", "flags.yaml", "ab")).isNotEqualTo(one);
  }
}
