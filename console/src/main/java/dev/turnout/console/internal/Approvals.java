package dev.turnout.console.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Changes to environments that need approval ({@code --approval ENV}): kept in {@code NAME.pending.json} beside the
 * catalog until an approver other than their author accepts (then saved like any change, on the revision they were
 * made on) or rejects them.
 */
final class Approvals {

  /** A waiting change: the edit to make again on acceptance, and the revision it was previewed on. */
  record Pending(String id, String user, String created, String base, Map<String, String> edit, String reason,
      String diff) {

    String action() {
      return edit.get("action");
    }

    String flag() {
      return edit.get("flag");
    }

    String environment() {
      return edit.get("env");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Set<String> environments;
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  Approvals(Path catalog, Set<String> environments) {
    this.file = catalog.resolveSibling(catalog.getFileName() + ".pending.json");
    this.environments = Set.copyOf(environments);
    if (Files.exists(file)) {
      try {
        for (Pending p : JSON.readValue(file.toFile(), new TypeReference<List<Pending>>() {})) {
          pending.put(p.id(), p);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the waiting changes " + file + ": " + e.getMessage(), e);
      }
    }
  }

  boolean needed(String environment) {
    return environment != null && (environments.contains(environment) || environments.contains("*"));
  }

  Set<String> environments() {
    return environments;
  }

  synchronized void add(Pending p) {
    pending.put(p.id(), p);
    save();
  }

  synchronized List<Pending> all() {
    return new ArrayList<>(pending.values());
  }

  synchronized Optional<Pending> get(String id) {
    return Optional.ofNullable(pending.get(id));
  }

  synchronized boolean remove(String id) {
    boolean removed = pending.remove(id) != null;
    if (removed) {
      save();
    }
    return removed;
  }

  private void save() {
    try {
      AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ArrayList<>(pending.values())),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the waiting changes " + file + ": " + e.getMessage(), e);
    }
  }
}
