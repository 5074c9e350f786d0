package dev.turnout.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the project's Markdown (README.md, docs/, the other pages) leads to a file or
 * folder of the project, and every {@code #anchor} to a heading of the page it names.
 */
class DocsLinksTest {

  /** An inline link or image: [text](target) or [text](target "title"). */
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** A reference definition: [name]: target. */
  private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`\n]*`");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

  private final Map<Path, Set<String>> anchors = new HashMap<>();

  @Test
  void everyRelativeLinkResolves() {
    Path root = ProjectDocs.root();
    List<Path> pages = ProjectDocs.markdownFiles();
    assertThat(pages).as("Markdown files under " + root).contains(root.resolve("README.md"), root.resolve("docs/README.md"));
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages) {
      String name = root.relativize(page).toString().replace('\\', '/');
      String prose = ProjectDocs.prose(ProjectDocs.read(name));
      String[] lines = prose.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = INLINE_CODE.matcher(lines[i]).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher m = LINK.matcher(line);
        while (m.find()) {
          targets.add(m.group(1));
        }
        Matcher r = REFERENCE.matcher(line);
        while (r.find()) {
          targets.add(r.group(1));
        }
        for (String target : targets) {
          if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            continue; // https:, mailto:, ...: not a file of the project
          }
          checked++;
          String problem = problem(root, page, target);
          if (problem != null) {
            broken.add(name + ":" + (i + 1) + ": " + target + ": " + problem);
          }
        }
      }
    }
    assertThat(checked).as("relative links found").isPositive();
    assertThat(broken).as("broken links").isEmpty();
  }

  /** Why the link does not resolve, or null when it does. */
  private String problem(Path root, Path page, String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
    if (!file.startsWith(root)) {
      return "outside the project";
    }
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (anchor == null || anchor.isEmpty()) {
      return null;
    }
    if (!file.toString().endsWith(".md")) {
      return "an anchor into a file that is not Markdown";
    }
    return anchorsOf(root, file).contains(anchor) ? null : "no heading with the anchor #" + anchor;
  }

  private Set<String> anchorsOf(Path root, Path file) {
    return anchors.computeIfAbsent(file, f -> {
      Set<String> found = new HashSet<>();
      Map<String, Integer> seen = new HashMap<>();
      Matcher m = HEADING.matcher(ProjectDocs.prose(ProjectDocs.read(root.relativize(f).toString())));
      while (m.find()) {
        String slug = slug(m.group(1));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        found.add(n == 0 ? slug : slug + "-" + n);
      }
      return found;
    });
  }

  /** The anchor GitHub gives a heading: its text lower-cased, without punctuation, spaces as hyphens. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-');
  }

  @Test
  void slugsAreGitHubs() {
    assertThat(slug("Fleets (etcd)")).isEqualTo("fleets-etcd");
    assertThat(slug("Who runs which revision: turnout fleet")).isEqualTo("who-runs-which-revision-turnout-fleet");
    assertThat(slug("A flag's life: `product-TASKS-103-comments`")).isEqualTo("a-flags-life-product-tasks-103-comments");
    assertThat(slug("The boolean shorthand: allow, percentage, schedule"))
        .isEqualTo("the-boolean-shorthand-allow-percentage-schedule");
  }

  @Test
  void theDocsDoNotPointAtTheFolderBesideTheCheckout() {
    List<String> found = new ArrayList<>();
    Path root = ProjectDocs.root();
    for (Path page : ProjectDocs.markdownFiles()) {
      String name = root.relativize(page).toString().replace('\\', '/');
      String[] lines = ProjectDocs.read(name).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains("../shared")) {
          found.add(name + ":" + (i + 1) + ": " + lines[i].strip());
        }
      }
    }
    assertThat(found).as("lines that point beside the checkout (the conformance data is described, never linked)").isEmpty();
  }
}
