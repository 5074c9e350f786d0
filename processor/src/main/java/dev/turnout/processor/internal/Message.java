package dev.turnout.processor.internal;

import java.util.Locale;

/**
 * Every message the processor can report, in one place. Each has a stable id, printed first as
 * {@code [turnout.unknown-flag]}, that builds, documentation and tests can rely on; the text after it
 * may be improved in any release.
 */
enum Message {

  // ---- the catalog
  CATALOG_INVALID(Severity.ERROR, "catalog-invalid", "flag catalog %s:%d:%d: %s"),
  CATALOG_NOT_FOUND(Severity.ERROR, "catalog-not-found",
      "flag catalog %s (from -Aturnout.catalog) cannot be read: %s"),
  NO_CATALOG(Severity.WARNING, "no-catalog",
      "no flag catalog found (turnout/flags.yaml or turnout/flags.json among the resources, or "
          + "-Aturnout.catalog=PATH): flag keys are not checked, typo protection is off"),
  NO_PACKAGE(Severity.WARNING, "no-package",
      "no package for the generated Flags class: set -Aturnout.package=NAME or 'package:' in the catalog"),
  WRITE_FAILED(Severity.ERROR, "write-failed", "cannot write %s: %s"),

  // ---- flag keys
  UNKNOWN_FLAG(Severity.ERROR, "unknown-flag", "unknown flag '%s': not in the catalog %s%s"),
  INVALID_FLAG_KEY(Severity.ERROR, "invalid-flag-key",
      "'%s' is not a valid flag key: use letters, digits, '.', '_' and '-', starting with a letter or digit, "
          + "at most 128 characters"),

  // ---- gates
  GATE_ON_CONSTRUCTOR(Severity.ERROR, "gate-on-constructor",
      "@FeatureFlag gates methods, not constructors: move the body into a method and gate that"),
  GATE_WITHOUT_BODY(Severity.ERROR, "gate-without-body",
      "@FeatureFlag needs a method with a body to gate: %s is %s"),
  GATE_IN_LOCAL_CLASS(Severity.ERROR, "gate-in-local-class",
      "method '%s' is in %s: the agent finds gated classes by the binary names the processor lists, and the "
          + "compiler names anonymous and local classes only after annotation processing; move the method to a "
          + "member or top-level class"),
  DUPLICATE_GATE(Severity.ERROR, "duplicate-gate", "%s is gated twice: %s"),
  DUPLICATE_TARGETING_KEY(Severity.ERROR, "duplicate-targeting-key",
      "only one parameter of %s may be the @TargetingKey; '%s' already is"),
  MISSING_METHOD(Severity.ERROR, "missing-method", "no method '%s' in %s for the %s of flag '%s'%s"),
  INCOMPATIBLE_METHOD(Severity.ERROR, "incompatible-method",
      "method '%s', the %s of flag '%s', must match the gated method %s: %s"),
  UNKNOWN_VARIANT(Severity.ERROR, "unknown-variant",
      "flag '%s' has no variant '%s' (the catalog declares: %s)%s"),
  DUPLICATE_VARIANT(Severity.ERROR, "duplicate-variant", "variant '%s' of flag '%s' is mapped twice"),
  ALTERNATE_ON_MULTIVARIATE(Severity.ERROR, "alternate-on-multivariate",
      "flag '%s' is multivariate (variants: %s): map its variants with variants = @Variant(...), not alternate"),
  VARIANTS_ON_BOOLEAN(Severity.ERROR, "variants-on-boolean",
      "flag '%s' is boolean (on/off): name the method for 'on' with alternate = \"...\", not variants"),
  ALTERNATE_AND_VARIANTS(Severity.ERROR, "alternate-and-variants",
      "flag '%s' cannot have both an alternate and variants: a flag is either boolean or multivariate"),

  // ---- cross checks
  FLAG_EXPIRED(Severity.WARNING, "flag-expired",
      "flag '%s' expired on %s (%s:%d): remove the flag and the code it gates, or extend 'expires'"),
  UNUSED_FLAG(Severity.WARNING, "unused-flag",
      "flag '%s' (%s:%d) is not named by any code: remove it from the catalog, or use it"),
  ALTERNATE_CALLS_GATE(Severity.ERROR, "alternate-calls-gate",
      "%s, the %s of flag '%s', calls %s, which is gated by the same flag and routes back to %s: move the shared "
          + "code into a private method that both call"),
  NESTED_FLAG(Severity.WARNING, "nested-flag",
      "%s, the %s of flag '%s', calls %s, which is gated by flag '%s': the flags now depend on each other");

  /** Whether a message stops the build. */
  public enum Severity {
    ERROR,
    /** A warning; an error with {@code -Aturnout.strict=true}. */
    WARNING
  }

  private final Severity severity;
  private final String id;
  private final String template;

  Message(Severity severity, String id, String template) {
    this.severity = severity;
    this.id = "turnout." + id;
    this.template = template;
  }

  /** The stable id, such as {@code turnout.unknown-flag}. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** The text reported: {@code [id] } followed by the template filled with {@code args}. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(Locale.ROOT, template, args);
  }
}
