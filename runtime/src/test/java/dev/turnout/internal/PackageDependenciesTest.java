package dev.turnout.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.internal.engine.EngineCore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's internal packages depend on each other one way: read from the compiled classes' constant
 * pools (every class, field and method type they name), so that a dependency through a signature counts
 * as much as one through a call.
 */
class PackageDependenciesTest {

  private static final Pattern INTERNAL = Pattern.compile("dev/turnout/internal/([a-z]+)/");

  /**
   * The one dependency that is known to close a cycle and is left for later: a flagd catalog holds its
   * targeting compiled by the engine's JSONLogic compiler. No other may join it.
   */
  private static final Set<String> KNOWN_BACK_EDGES = Set.of("catalog -> engine");

  @Test
  void theEngineDoesNotDependOnTheExtensionsPackage() throws IOException {
    Map<String, Set<String>> graph = packageGraph();
    assertThat(graph).containsKeys("engine", "ext");
    assertThat(graph.get("ext")).as("internal.ext is built on the engine").contains("engine");
    assertThat(graph.get("engine")).as("packages internal.engine depends on").doesNotContain("ext");
  }

  @Test
  void internalPackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> graph = packageGraph();
    for (String edge : KNOWN_BACK_EDGES) {
      String[] ends = edge.split(" -> ");
      assertThat(graph.get(ends[0])).as("the known back edge " + edge + " (remove it from the list once it is gone)")
          .contains(ends[1]);
      graph.get(ends[0]).remove(ends[1]);
    }
    assertThat(cycle(graph)).as("a cycle among dev.turnout.internal packages").isEmpty();
  }

  @Test
  void theCycleSearchFindsACycleWhenThereIsOne() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", new TreeSet<>(Set.of("b")));
    graph.put("b", new TreeSet<>(Set.of("c")));
    graph.put("c", new TreeSet<>(Set.of("a")));
    graph.put("d", new TreeSet<>(Set.of("a")));
    assertThat(cycle(graph)).containsExactly("a", "b", "c", "a");
    graph.get("c").clear();
    assertThat(cycle(graph)).isEmpty();
  }

  /** Package (the name under dev.turnout.internal) to the other internal packages its classes name. */
  private static Map<String, Set<String>> packageGraph() throws IOException {
    Path root;
    try {
      root = Path.of(EngineCore.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .resolve("dev/turnout/internal");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    assertThat(root).as("the runtime's compiled classes, as a folder").isDirectory();
    Map<String, Set<String>> graph = new TreeMap<>();
    List<Path> classes;
    try (Stream<Path> files = Files.walk(root)) {
      classes = files.filter(p -> p.toString().endsWith(".class")).toList();
    }
    assertThat(classes).hasSizeGreaterThan(20);
    for (Path c : classes) {
      String from = root.relativize(c).getName(0).toString();
      Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
      try (InputStream in = Files.newInputStream(c)) {
        for (String text : ClassFiles.read(in).constantPoolTexts()) {
          Matcher m = INTERNAL.matcher(text);
          while (m.find()) {
            if (!m.group(1).equals(from)) {
              to.add(m.group(1));
            }
          }
        }
      }
    }
    return graph;
  }

  /** A cycle in the graph as the packages along it (first one repeated at the end), or empty: none. */
  static List<String> cycle(Map<String, Set<String>> graph) {
    Map<String, Integer> state = new TreeMap<>(); // absent: not seen; 1: on the path; 2: done
    for (String start : graph.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      List<String> found = visit(start, graph, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
      Deque<String> path) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null) {
      List<String> loop = new ArrayList<>();
      boolean in = false;
      for (java.util.Iterator<String> it = path.descendingIterator(); it.hasNext();) {
        String p = it.next();
        in |= p.equals(node);
        if (in) {
          loop.add(p);
        }
      }
      loop.add(node);
      return loop;
    }
    state.put(node, 1);
    path.push(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      List<String> found = visit(next, graph, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.pop();
    state.put(node, 2);
    return List.of();
  }
}
