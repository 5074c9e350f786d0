package dev.turnout.sample.ops;

import dev.turnout.CatalogSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.FlagEngine;
import java.io.IOException;

/**
 * Answers "what would this user get?" for the {@code /flags} page without being an evaluation: a second
 * engine on the same catalog and environment, so looking at the page neither counts as serving a variant
 * nor reaches the experiments' exposure events. It reads the catalog again whenever the real engine has
 * applied a new version (so a rejected edit is reported once, by the real engine); its log lines name
 * the catalog {@code ... (flags page)}.
 *
 * <pre>{@code
 * FlagProbe probe = new FlagProbe(Turnout.engine());
 * probe.refresh();
 * Evaluation e = probe.evaluate("api-count-field", EvaluationContext.of("bob"));
 * }</pre>
 */
public final class FlagProbe {

  private final FlagEngine engine;
  private final FlagEngine probe;
  private long seenVersion;

  /** A probe that reads the catalog {@code engine} reads, for the same environment. */
  public FlagProbe(FlagEngine engine) {
    this.engine = engine;
    this.seenVersion = engine.catalogVersion();
    this.probe = FlagEngine.builder().source(new Labelled(engine.source())).environment(engine.environment())
        .watch(false).build();
  }

  /** Catches up with the catalog the real engine has in force. */
  public synchronized void refresh() {
    long version = engine.catalogVersion();
    if (version != seenVersion) {
      seenVersion = version;
      probe.reload();
    }
  }

  /** What the flag serves the context, by the catalog last read. */
  public Evaluation evaluate(String flag, EvaluationContext context) {
    return probe.evaluate(flag, context);
  }

  /** The real engine's source, under a name that says who reads it. */
  private static final class Labelled implements CatalogSource {
    private final CatalogSource source;
    private final String name;

    Labelled(CatalogSource source) {
      this.source = source;
      this.name = source.name() + " (flags page)";
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Content read() throws IOException {
      Content content = source.read();
      return content == null ? null : new Content(name, content.text(), content.format());
    }
  }
}
