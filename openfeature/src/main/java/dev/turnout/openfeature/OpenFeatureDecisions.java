package dev.turnout.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.turnout.DecisionSource;
import dev.turnout.Evaluation;
import dev.turnout.EvaluationContext;
import dev.turnout.openfeature.internal.Convert;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gated methods and programmatic checks take their decisions from the application's OpenFeature provider
 * (LaunchDarkly, flagd, Unleash, ... or any other): the catalog still says which flags exist and their
 * variants, and the provider says which variant each call gets.
 *
 * <pre>{@code
 * java -javaagent:turnout-agent.jar=decisions=openfeature -jar app.jar     // or -Dturnout.decisions=openfeature
 *
 * OpenFeatureAPI.getInstance().setProviderAndWait(new FlagdProvider());   // in the application, at start
 * }</pre>
 *
 * <p>For each evaluation it asks the OpenFeature client of its domain (the default client unless one is
 * named), with Turnout's context as the OpenFeature context (the targeting key, and every attribute):
 *
 * <ul>
 *   <li>a boolean flag with {@code getBooleanDetails(key, false, context)}: {@code true} serves {@code on},
 *       {@code false} serves {@code off};
 *   <li>a multivariate flag with {@code getStringDetails(key, "", context)}: the string value names the
 *       variant served when it is one of the flag's variants, else the provider's variant name does.
 * </ul>
 *
 * <p>The provider's reason travels along ({@code SPLIT}, {@code DEFAULT}, {@code DISABLED}, {@code STATIC};
 * any other is {@code TARGETING_MATCH}). When the provider answers with an error (not ready yet, no such
 * flag, a value of another type) or names none of the flag's variants, the catalog decides that
 * evaluation; each such case is logged once per flag. A provider that evaluates through Turnout again
 * ({@link TurnoutProvider} on the engine that asks) gets the catalog's answer, not a loop.
 */
public final class OpenFeatureDecisions implements DecisionSource {

  /** The name that selects this source: {@code decisions=openfeature}, {@code -Dturnout.decisions=openfeature}. */
  public static final String NAME = "openfeature";
  /** The system property naming the OpenFeature domain whose client the configured source uses. */
  public static final String DOMAIN_PROPERTY = "turnout.openfeature.domain";

  private static final System.Logger LOG = System.getLogger("dev.turnout");
  private static final int MAX_LOGGED = 1000;
  /** Set while this thread asks a provider, which may evaluate through Turnout again. */
  private static final ThreadLocal<Boolean> DECIDING = new ThreadLocal<>();

  private final String domain;
  private volatile Client client;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  /** Decisions from the default OpenFeature client, {@code OpenFeatureAPI.getInstance().getClient()}. */
  public OpenFeatureDecisions() {
    this.domain = null;
  }

  /** Decisions from the client of the OpenFeature domain ({@code null}: the default client). */
  public OpenFeatureDecisions(String domain) {
    this.domain = domain == null || domain.isBlank() ? null : domain;
  }

  /** Obtained on first use, so the source can be set up before the application configures OpenFeature. */
  private Client client() {
    Client c = client;
    if (c == null) {
      OpenFeatureAPI api = OpenFeatureAPI.getInstance();
      c = domain == null ? api.getClient() : api.getClient(domain);
      client = c;
    }
    return c;
  }

  /** Whether the application set a provider (for the domain, or the default one), not OpenFeature's no-op one. */
  private boolean hasProvider() {
    OpenFeatureAPI api = OpenFeatureAPI.getInstance();
    if ((domain == null ? api.getProvider() : api.getProvider(domain)) instanceof NoOpProvider) {
      if (logged.add(" no provider")) {
        LOG.log(Level.INFO, "Turnout: no OpenFeature provider is set{0}: the catalog decides until one is",
            domain == null ? "" : " for domain '" + domain + "'");
      }
      return false;
    }
    return true;
  }

  @Override
  public Decision decide(String flagKey, boolean isBoolean, Set<String> variants, EvaluationContext context) {
    if (DECIDING.get() != null) {
      return null; // the provider evaluates through Turnout: its catalog decides
    }
    if (!hasProvider()) {
      return null;
    }
    DECIDING.set(Boolean.TRUE);
    try {
      dev.openfeature.sdk.EvaluationContext of = Convert.openFeatureContext(context);
      if (isBoolean) {
        FlagEvaluationDetails<Boolean> d = client().getBooleanDetails(flagKey, false, of);
        if (failed(flagKey, d)) {
          return null;
        }
        return new Decision(Boolean.TRUE.equals(d.getValue()) ? "on" : "off", reason(d.getReason()));
      }
      FlagEvaluationDetails<String> d = client().getStringDetails(flagKey, "", of);
      if (failed(flagKey, d)) {
        return null;
      }
      String variant = variants.contains(d.getValue()) ? d.getValue()
          : variants.contains(d.getVariant()) ? d.getVariant() : null;
      if (variant == null) {
        once(flagKey, "names", "Turnout: OpenFeature served ''{0}'' (variant ''{1}'') for flag ''{2}'', which names "
            + "none of its variants {3}: the catalog decides (logged once per flag)", d.getValue(), d.getVariant(),
            flagKey, variants);
        return null;
      }
      return new Decision(variant, reason(d.getReason()));
    } finally {
      DECIDING.remove();
    }
  }

  private boolean failed(String flagKey, FlagEvaluationDetails<?> d) {
    ErrorCode error = d.getErrorCode();
    if (error == null && d.getValue() != null) {
      return false;
    }
    once(flagKey, String.valueOf(error), "Turnout: OpenFeature answered {0} for flag ''{1}'' ({2}): the catalog "
        + "decides (logged once per flag and error)", error, flagKey, d.getErrorMessage());
    return true;
  }

  private void once(String flagKey, String what, String message, Object... arguments) {
    if (logged.size() < MAX_LOGGED && logged.add(flagKey + ' ' + what)) {
      LOG.log(Level.WARNING, message, arguments);
    }
  }

  /** Turnout's reason for the provider's: the ones Turnout has, else {@code TARGETING_MATCH}. */
  static Evaluation.Reason reason(String reason) {
    if (reason == null) {
      return Evaluation.Reason.TARGETING_MATCH;
    }
    switch (reason) {
      case "SPLIT":
        return Evaluation.Reason.SPLIT;
      case "DEFAULT":
        return Evaluation.Reason.DEFAULT;
      case "DISABLED":
        return Evaluation.Reason.DISABLED;
      case "STATIC":
        return Evaluation.Reason.STATIC;
      default:
        return Evaluation.Reason.TARGETING_MATCH;
    }
  }

  @Override
  public String toString() {
    return "OpenFeatureDecisions{" + (domain == null ? "default client" : "domain " + domain) + "}";
  }

  /**
   * Creates the source for {@code decisions=openfeature}: the client of the domain named by the system
   * property {@value #DOMAIN_PROPERTY}, else the default client.
   */
  public static final class Factory implements DecisionSource.Factory {

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public DecisionSource create() {
      return new OpenFeatureDecisions(System.getProperty(DOMAIN_PROPERTY));
    }
  }
}
