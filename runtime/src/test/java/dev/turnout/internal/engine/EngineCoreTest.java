package dev.turnout.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.CatalogChange;
import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import dev.turnout.TurnoutListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineCoreTest {

  @Test
  void onlyListenersThatHearEvaluationsKeepGatesFromFoldingConstants() {
    FlagEngine engine = FlagEngine.builder().source(CatalogSource.of("t.yaml", "flags: { a: { default: on } }"))
        .watch(false).build();
    List<String> heard = new ArrayList<>();
    TurnoutListener catalogOnly = new TurnoutListener() {
      @Override
      public void onCatalogChange(CatalogChange change) {
        heard.add("change");
      }
    };
    TurnoutListener exposures = new TurnoutListener() {
      @Override
      public void onEvaluation(Evaluation evaluation, EvaluationContext context) {
        heard.add(evaluation.variant());
      }
    };

    engine.addListener(catalogOnly);
    assertThat(Cores.of(engine).exposes()).isFalse();
    engine.addListener(exposures);
    assertThat(Cores.of(engine).exposes()).isTrue();
    engine.evaluate("a", null);
    engine.removeListener(exposures);
    assertThat(Cores.of(engine).exposes()).isFalse();
    engine.evaluate("a", null);

    assertThat(heard).containsExactly("on");
  }
}
