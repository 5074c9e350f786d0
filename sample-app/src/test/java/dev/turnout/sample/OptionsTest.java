package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void readsPortAndDataInBothSpellings() {
    assertThat(Options.parse(new String[] {"--port", "0", "--data", "/tmp/x"}))
        .isEqualTo(new Options(0, Path.of("/tmp/x")));
    assertThat(Options.parse(new String[] {"--port=9090", "--data=d"})).isEqualTo(new Options(9090, Path.of("d")));
  }

  @Test
  void defaultsToPort8080AndDataBesideTheCode() {
    Options o = Options.parse(new String[0]);
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.dataDirectory().getFileName()).hasToString("data");
    assertThat(o.dataDirectory()).isEqualTo(Options.defaultDataDirectory());
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--prot", "1"})).hasMessageContaining("unknown argument '--prot'")
        .hasMessageContaining("usage:");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port", "x"})).hasMessageContaining("needs a number");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port", "70000"})).hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> Options.parse(new String[] {"--port"})).hasMessageContaining("unknown argument '--port'");
  }
}
