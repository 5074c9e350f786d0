package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogSource;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class EngineLogTest {

  @Test
  void controlCharactersInTextAreWrittenAsEscapes() {
    assertThat(EngineLog.printable("new-checkout")).isEqualTo("new-checkout");
    assertThat(EngineLog.printable("a\nINFO: forged\r\tb")).isEqualTo("a\\nINFO: forged\\r\\tb");
    assertThat(EngineLog.printable("\u001b[31mred\u0000")).isEqualTo("\\u001b[31mred\\u0000");
    assertThat(EngineLog.printable("line\u2028sep\u2029par\u0085")).isEqualTo("line\\u2028sep\\u2029par\\u0085");
    assertThat(EngineLog.printable("back\\nslash")).as("a backslash cannot pass for an escape")
        .isEqualTo("back\\\\nslash");
    assertThat(EngineLog.printable("café ✓")).isEqualTo("café ✓");
    assertThat(EngineLog.printable(null)).isEqualTo("null");
  }

  @Test
  void anUnknownKeyWithALineBreakIsLoggedOnOneLine() {
    Logger jul = Logger.getLogger("dev.turnout");
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(handler);
    try (FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("log.yaml", "flags: { a: { default: on } }"))
        .watch(false).environment(null).requireValidCatalog().build()) {
      String key = "nope\nSEVERE: Turnout: catalog deleted\u001b[2K";
      assertThat(engine.evaluate(key, EvaluationContext.of("u1")).reason().name()).isEqualTo("FLAG_NOT_FOUND");
      assertThat(lines).filteredOn(l -> l.contains("nope")).singleElement().satisfies(l -> {
        assertThat(l).doesNotContain("\n").doesNotContain("\u001b")
            .contains("flag 'nope\\nSEVERE: Turnout: catalog deleted\\u001b[2K' is not in the catalog");
      });
    } finally {
      jul.removeHandler(handler);
    }
  }
}
