package dev.turnout.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FleetReportTest {

  @Test
  void survivesJsonAndIgnoresFieldsOfNewerVersions() {
    FleetReport report = new FleetReport("web-7-4121-1795388377399", "shop", "web-7", 4121,
        Instant.parse("2026-11-22T22:59:37.399Z"), 1834, "etcd", Instant.parse("2026-11-22T23:04:02.113Z"),
        "revision 1840 refused: etcd://h:2379/k:3:14: unknown variant");
    assertThat(FleetReport.fromJson(report.toJson())).isEqualTo(report);
    assertThat(report.toJson()).contains("\"revision\":1834", "\"startedAt\":\"2026-11-22T22:59:37.399Z\"");

    String newer = report.toJson().replace("{", "{\"zone\":\"eu-1\",");
    assertThat(FleetReport.fromJson(newer)).isEqualTo(report);

    FleetReport none = new FleetReport("i", null, null, 1, null, 0, "none", null, null);
    assertThat(FleetReport.fromJson(none.toJson())).isEqualTo(none);
  }

  @Test
  void notAReport() {
    assertThatThrownBy(() -> FleetReport.fromJson("[1, 2]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a fleet report");
    assertThatThrownBy(() -> FleetReport.fromJson("{\"revision\": 3}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a fleet report");
  }
}
