package dev.turnout.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The gated code of an application: the annotation processor's {@code META-INF/turnout/registry.json}, read from
 * the application's jar or classes folder ({@code --app}). Each gate is a method a change of its flag touches.
 */
final class CodeRegistry {

  static final String ENTRY = "META-INF/turnout/registry.json";
  private static final long MAX_BYTES = 16L << 20;

  private final List<Views.Gate> gates;
  private final String problem;

  private CodeRegistry(List<Views.Gate> gates, String problem) {
    this.gates = gates;
    this.problem = problem;
  }

  static CodeRegistry none() {
    return new CodeRegistry(List.of(), null);
  }

  /** Reads the registry of the jar or classes folder {@code app}; a missing or unreadable one is reported, never thrown. */
  static CodeRegistry read(Path app) {
    try {
      if (Files.isDirectory(app)) {
        Path file = app.resolve(ENTRY);
        if (!Files.isRegularFile(file)) {
          return new CodeRegistry(List.of(), "no " + ENTRY + " in " + app + " (is the annotation processor on?)");
        }
        try (InputStream in = Files.newInputStream(file)) {
          return parse(in.readNBytes((int) MAX_BYTES));
        }
      }
      try (ZipFile zip = new ZipFile(app.toFile())) {
        ZipEntry e = zip.getEntry(ENTRY);
        if (e == null) {
          return new CodeRegistry(List.of(), "no " + ENTRY + " in " + app + " (is the annotation processor on?)");
        }
        try (InputStream in = zip.getInputStream(e)) {
          return parse(in.readNBytes((int) MAX_BYTES));
        }
      }
    } catch (IOException | RuntimeException e) {
      return new CodeRegistry(List.of(), "cannot read the gated code from " + app + ": " + e.getMessage());
    }
  }

  private static CodeRegistry parse(byte[] json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    List<Views.Gate> gates = new ArrayList<>();
    for (JsonNode g : root.path("gates")) {
      gates.add(new Views.Gate(g.path("flag").asText(), g.path("class").asText(), g.path("method").asText(),
          g.path("alternate").isNull() ? "" : g.path("alternate").asText(""), g.path("source").asText(),
          g.path("line").asInt()));
    }
    return new CodeRegistry(List.copyOf(gates), null);
  }

  List<Views.Gate> gatesOf(String flag) {
    return gates.stream().filter(g -> g.flag().equals(flag)).toList();
  }

  /** Why no gates are known, or null. */
  String problem() {
    return problem;
  }
}
