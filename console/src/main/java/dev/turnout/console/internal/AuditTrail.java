package dev.turnout.console.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit trail: one JSON object a line, appended on every save, never rewritten. */
final class AuditTrail {

  /** One saved change. */
  record Entry(Instant at, String user, String action, String flag, String environment, String reason,
      String before, String after, String diff) {

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", at.toString());
      m.put("user", user);
      m.put("action", action);
      m.put("flag", flag);
      m.put("environment", environment);
      m.put("reason", reason);
      m.put("before", before);
      m.put("after", after);
      m.put("diff", diff);
      return m;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditTrail() {}

  /** Appends {@code entry} to {@code file} as one line. */
  static void append(Path file, Entry entry) {
    try {
      byte[] line = (JSON.writeValueAsString(entry.toMap()) + "\n").getBytes(StandardCharsets.UTF_8);
      Files.write(file, line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND,
          java.nio.file.StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("saved, but cannot append to the audit trail " + file + ": " + e.getMessage(), e);
    }
  }

  /** The entries of {@code file}, newest first, at most {@code limit}; lines that are not entries are skipped. */
  static List<Entry> read(Path file, int limit) {
    List<Entry> entries = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        try {
          JsonNode n = JSON.readTree(line);
          entries.add(new Entry(Instant.parse(n.path("at").asText()), text(n, "user"), text(n, "action"),
              text(n, "flag"), text(n, "environment"), text(n, "reason"), text(n, "before"), text(n, "after"),
              text(n, "diff")));
        } catch (IOException | RuntimeException e) {
          // A torn or foreign line: the others still show.
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.reverse(entries);
    return entries.size() > limit ? entries.subList(0, limit) : entries;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
