package dev.turnout.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.Eventually;
import org.junit.jupiter.api.Test;

/** The multivariate ops flag {@code log-level}: the application's log level changes live. */
class LogLevelIT extends SharedSample {

  @Test
  void debugLogsEveryRequestAndQuietSilencesInfoWithoutARestart() throws Exception {
    assertThat(status("logLevel")).isEqualTo("INFO");
    sample.http.get("ann", "api/me");
    assertThat(sample.app.countLines(line -> line.contains(" DEBUG dev.turnout.sample.http: GET /api/me"))).isZero();

    sample.catalog.replace("default: normal", "default: debug");

    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(status("logLevel")).isEqualTo("DEBUG"));
    sample.http.get("ann", "api/me");
    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(
        sample.app.countLines(line -> line.contains(" DEBUG dev.turnout.sample.http: GET /api/me -> 200"))).isOne());

    sample.catalog.replace("default: debug", "default: quiet");

    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(status("logLevel")).isEqualTo("WARNING"));
    Eventually.within(Eventually.ONE_SECOND, () ->
        assertThat(sample.app.output()).anyMatch(line -> line.contains("log level now WARNING (was DEBUG)")));
    long infoLines = sample.app.countLines(line -> line.contains(" INFO "));
    long version = sample.catalogVersion();
    sample.catalog.replace("description: The application's log level", "description: The log level");
    Eventually.within(Eventually.ONE_SECOND, () -> assertThat(sample.catalogVersion()).isGreaterThan(version));
    sample.http.get("ann", "api/me");
    assertThat(sample.app.countLines(line -> line.contains(" INFO "))).as("no INFO line while quiet")
        .isEqualTo(infoLines);
  }

  private static Object status(String field) {
    return sample.http.get(null, "api/status").json().get(field);
  }
}
