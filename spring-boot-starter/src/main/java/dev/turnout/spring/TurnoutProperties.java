package dev.turnout.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Turnout's settings in {@code application.properties} or {@code application.yaml}, under {@code turnout}.
 *
 * <pre>{@code
 * turnout:
 *   catalog: /etc/shop/flags.yaml     # or classpath:turnout/flags.yaml (the default)
 *   environment: production           # default: the active Spring profile
 *   web:
 *     request-attributes: [tenant]    # copied into each request's evaluation context
 * }</pre>
 *
 * <p>Under the agent ({@code -javaagent:turnout-agent.jar}), the agent's arguments set the engine up and the
 * engine settings here are not used (the starter logs which it ignores): one engine per JVM.
 */
@ConfigurationProperties("turnout")
public class TurnoutProperties {

  /**
   * The catalog file: a path, or "classpath:" and a resource name. Watched and hot-reloaded when it is a
   * file. Default: turnout/flags.yaml (or .yml, .json) on the class path.
   */
  private String catalog;

  /** How to read the catalog: yaml, json, unleash or flagd. Default: by the file's name and shape. */
  private String format;

  /**
   * The catalog at an address, for example etcd://10.0.0.1:2379/turnout/shop (needs turnout-etcd) or
   * file:/etc/shop/flags.yaml. Takes precedence over turnout.catalog.
   */
  private String source;

  /** Options of the turnout.source address, such as cache, app or wait for etcd. */
  private Map<String, String> sourceOptions = new LinkedHashMap<>();

  /**
   * The environment whose overrides apply. Default: the system property turnout.env, else the
   * environment variable TURNOUT_ENV, else the first active Spring profile, else none.
   */
  private String environment;

  /** Whether to watch the catalog for changes and reload it. */
  private boolean watch = true;

  /** Whether the application fails to start when the first catalog is missing or does not validate. */
  private boolean requireValidCatalog;

  /** Whether a reload may remove flags that the running code uses. */
  private boolean allowRemovingFlagsInUse;

  /** The name of a decision source that decides variants in place of the catalog's rules (openfeature, ...). */
  private String decisions;

  private final Web web = new Web();

  public String getCatalog() {
    return catalog;
  }

  public void setCatalog(String catalog) {
    this.catalog = catalog;
  }

  public String getFormat() {
    return format;
  }

  public void setFormat(String format) {
    this.format = format;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public Map<String, String> getSourceOptions() {
    return sourceOptions;
  }

  public void setSourceOptions(Map<String, String> sourceOptions) {
    this.sourceOptions = sourceOptions;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public boolean isWatch() {
    return watch;
  }

  public void setWatch(boolean watch) {
    this.watch = watch;
  }

  public boolean isRequireValidCatalog() {
    return requireValidCatalog;
  }

  public void setRequireValidCatalog(boolean requireValidCatalog) {
    this.requireValidCatalog = requireValidCatalog;
  }

  public boolean isAllowRemovingFlagsInUse() {
    return allowRemovingFlagsInUse;
  }

  public void setAllowRemovingFlagsInUse(boolean allowRemovingFlagsInUse) {
    this.allowRemovingFlagsInUse = allowRemovingFlagsInUse;
  }

  public String getDecisions() {
    return decisions;
  }

  public void setDecisions(String decisions) {
    this.decisions = decisions;
  }

  public Web getWeb() {
    return web;
  }

  /** The evaluation context bound to each web request. */
  public static class Web {

    /**
     * Whether each request (servlet or WebFlux) runs with an evaluation context bound: its targeting key
     * the authenticated user's name.
     */
    private boolean enabled = true;

    /** Request attributes copied into the evaluation context, by name, when the request has them. */
    private List<String> requestAttributes = new ArrayList<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<String> getRequestAttributes() {
      return requestAttributes;
    }

    public void setRequestAttributes(List<String> requestAttributes) {
      this.requestAttributes = requestAttributes;
    }
  }
}
