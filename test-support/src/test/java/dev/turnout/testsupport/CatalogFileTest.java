package dev.turnout.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFileTest {

  private static final String CATALOG = """
      flags:
        first:
          allow: [ann] # who
          default: off
        second:
          allow: [bob]
          default: off
      """;

  @TempDir
  Path dir;

  private CatalogFile copy() throws Exception {
    Path source = Files.writeString(dir.resolve("source.yaml"), CATALOG);
    return CatalogFile.copyOf(source, Files.createDirectories(dir.resolve("test")));
  }

  @Test
  void setChangesTheFieldOfThatFlagOnlyAndDropsItsComment() throws Exception {
    CatalogFile catalog = copy();

    catalog.set("second", "allow", "[carol]");
    catalog.set("first", "allow", "[dee]");

    assertThat(catalog.path()).isEqualTo(dir.resolve("test/flags.yaml"));
    assertThat(catalog.text()).isEqualTo(CATALOG.replace("[ann] # who", "[dee]").replace("[bob]", "[carol]"));
  }

  @Test
  void setFailsOnAFlagOrFieldThatIsNotThere() throws Exception {
    CatalogFile catalog = copy();

    assertThatThrownBy(() -> catalog.set("third", "allow", "[x]")).hasMessageContaining("flag third");
    assertThatThrownBy(() -> catalog.set("second", "expires", "2030-01-01")).hasMessageContaining("field expires");
    assertThat(catalog.text()).isEqualTo(CATALOG);
  }

  @Test
  void replaceWantsTheTextExactlyOnce() throws Exception {
    CatalogFile catalog = copy();

    assertThatThrownBy(() -> catalog.replace("default: off", "default: on")).isInstanceOf(AssertionError.class);
    catalog.replace("[bob]", "[bob, carol]");

    assertThat(catalog.text()).contains("allow: [bob, carol]").contains("allow: [ann]");
  }

  @Test
  void restoreSaysWhetherAnythingHadChanged() throws Exception {
    CatalogFile catalog = copy();
    assertThat(catalog.restore()).isFalse();

    catalog.write("flags: {}\n");

    assertThat(catalog.restore()).isTrue();
    assertThat(catalog.text()).isEqualTo(CATALOG).isEqualTo(catalog.original());
  }
}
