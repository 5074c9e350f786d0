package dev.turnout.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/spring-boot.md's properties table lists exactly the properties the jar's metadata declares. */
class PropertiesDocTest {

  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:turnout|management\\.health\\.turnout)[a-z.-]*)\"");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `((?:turnout|management\\.health\\.turnout)[a-z.-]*)` \\|");

  private static Set<String> names(String text, Pattern p) {
    Set<String> out = new TreeSet<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = PropertiesDocTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theTableMatchesTheMetadata() throws Exception {
    Set<String> declared = names(resource("META-INF/spring-configuration-metadata.json"), NAME);
    declared.addAll(names(resource("META-INF/additional-spring-configuration-metadata.json"), NAME));
    declared.removeIf(n -> n.equals("turnout") || n.equals("turnout.web")); // groups
    String doc = Files.readString(Path.of("..", "docs", "spring-boot.md"), StandardCharsets.UTF_8);
    assertThat(names(doc, ROW)).isEqualTo(declared).contains("turnout.catalog", "turnout.web.request-attributes",
        "management.health.turnout.enabled");
  }
}
