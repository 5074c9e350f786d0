package dev.turnout.conformance.flagd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import dev.turnout.conformance.ConformanceData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * flagd's evaluator test kit ({@code flagd-testbed/evaluator}): every scenario of its Gherkin features,
 * run by Cucumber-JVM with {@link FlagdSteps} against {@code testkit-flags.json}, with the current
 * ({@code fractional} v2) bucketing, so scenarios tagged {@code @fractional-v1} (the legacy bucketing)
 * are left out. Each scenario is reported here as a test of its own.
 */
class FlagdEvaluatorKitTest {

  /** Scenarios the kit has without the legacy bucketing (its README: 140 in all, 15 of them @fractional-v1). */
  private static final int EXPECTED_SCENARIOS = 125;

  @TestFactory
  List<DynamicTest> evaluatorKit() {
    Path dir = ConformanceData.find("flagd-testbed/evaluator/gherkin");
    if (dir == null) {
      return new ArrayList<>(ConformanceData.skipped("flagd-testbed/evaluator/gherkin", "flagd evaluator kit"));
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectDirectory(dir.toFile()))
        .filters(EngineFilter.includeEngines("cucumber"))
        .configurationParameter("cucumber.glue", FlagdSteps.class.getPackageName())
        .configurationParameter("cucumber.filter.tags", "not @fractional-v1")
        .configurationParameter("cucumber.publish.quiet", "true")
        .configurationParameter("cucumber.junit-platform.naming-strategy", "long")
        .build();
    Map<String, TestExecutionResult> results = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    LauncherFactory.create().execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
          results.put(name(id), result);
        }
      }

      @Override
      public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
          skipped.put(name(id), reason);
        }
      }
    });
    assertThat(results).as("scenarios run from %s (none: is the kit or the glue broken?)", dir)
        .hasSize(EXPECTED_SCENARIOS);
    List<DynamicTest> tests = new ArrayList<>();
    results.forEach((name, result) -> tests.add(dynamicTest(name, () -> {
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
        Throwable t = result.getThrowable().orElse(null);
        if (t instanceof AssertionError) {
          throw t;
        }
        throw new AssertionError(name + ": " + result.getStatus(), t);
      }
    })));
    skipped.forEach((name, reason) -> tests.add(dynamicTest(name, () -> Assumptions.abort(reason))));
    return tests;
  }

  private static String name(TestIdentifier id) {
    TestSource source = id.getSource().orElse(null);
    String where = source instanceof FileSource
        ? ((FileSource) source).getFile().getName() + ((FileSource) source).getPosition().map(p -> ":" + p.getLine()).orElse("")
        : "";
    return where + " " + id.getDisplayName();
  }
}
