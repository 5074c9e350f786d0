package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessedAppTest {

  @TempDir
  Path dir;

  private Path project(String source) throws Exception {
    Path project = dir.resolve("app");
    Files.createDirectories(project.resolve("src/main/java/com/example"));
    Files.createDirectories(project.resolve("src/main/resources/turnout"));
    Files.writeString(project.resolve("src/main/java/com/example/App.java"), source);
    Files.writeString(project.resolve("src/main/resources/turnout/flags.yaml"), "flags: {}\n");
    return project;
  }

  @Test
  void compilesTheSourcesNextToACopyOfTheResources() throws Exception {
    Path project = project("package com.example;\n\npublic class App {}\n");

    Path classes = ProcessedApp.compile(project, dir.resolve("classes"), System.getProperty("java.class.path"), "");

    assertThat(classes.resolve("com/example/App.class")).isRegularFile();
    assertThat(classes.resolve("turnout/flags.yaml")).hasContent("flags: {}");
  }

  @Test
  void aWarningFailsTheCompilationAndIsNamed() throws Exception {
    // -Xlint:all: a raw type is a warning, which the helper does not let pass.
    Path project = project("package com.example;\n\npublic class App {\n  java.util.List names;\n}\n");

    assertThatThrownBy(() -> ProcessedApp.compile(project, dir.resolve("classes"), "", ""))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("App.java")
        .hasMessageContaining(":4 found raw type");
  }
}
