package dev.turnout;

import java.util.Objects;

/**
 * A call of a method gated by the Turnout agent: which method, the flag it routes by, and the track the
 * call took. {@link TurnoutListener#onGate} receives one with each gate's evaluation. Where the annotation
 * processor's registry ({@code META-INF/turnout/registry.json}) names the method, its source file, line
 * and the method that ran come from there.
 *
 * <pre>{@code
 * engine.addListener(new TurnoutListener() {
 *   @Override public void onGate(GatedCall call, Evaluation e, EvaluationContext ctx) {
 *     log.debug("{}.{} ran {} ({})", call.className(), call.methodName(), call.trackMethod(), e.variant());
 *   }
 * });
 * }</pre>
 *
 * <p>Gated calls are immutable and shared: the gate builds one per track once, so hearing gates allocates
 * nothing per call.
 */
public final class GatedCall {

  private final String className;
  private final String methodName;
  private final String flagKey;
  private final int track;
  private final String trackMethod;
  private final String sourceFile;
  private final int line;

  private GatedCall(String className, String methodName, String flagKey, int track, String trackMethod,
      String sourceFile, int line) {
    this.className = Objects.requireNonNull(className, "className");
    this.methodName = Objects.requireNonNull(methodName, "methodName");
    this.flagKey = Objects.requireNonNull(flagKey, "flagKey");
    if (track < 0) {
      throw new IllegalArgumentException("track " + track + " is negative");
    }
    this.track = track;
    this.trackMethod = trackMethod;
    this.sourceFile = sourceFile;
    this.line = Math.max(line, 0);
  }

  /**
   * A gated call with the given parts, for tools and tests that stand in for the agent.
   *
   * @param track 0 for the original body, {@code i} for the {@code i}-th alternate
   * @param trackMethod the name of the method that ran, or null when unknown
   * @param sourceFile the source file relative to its source root, or null when unknown
   * @param line the gated method's line in it, or 0 when unknown
   */
  public static GatedCall of(String className, String methodName, String flagKey, int track, String trackMethod,
      String sourceFile, int line) {
    return new GatedCall(className, methodName, flagKey, track, trackMethod, sourceFile, line);
  }

  /** The binary name of the gated method's class ({@code com.example.Shop$Basket}). */
  public String className() {
    return className;
  }

  /** The gated method's name. */
  public String methodName() {
    return methodName;
  }

  /** The flag the gate routes by. */
  public String flagKey() {
    return flagKey;
  }

  /**
   * The track the call took: 0 for the gated method's own body, 1 for a boolean flag's alternate, {@code i}
   * for the method of the {@code i}-th variant the gate maps (in the order of {@code @FeatureFlag}'s
   * {@code variants}).
   */
  public int track() {
    return track;
  }

  /** Whether the gated method's own body ran ({@link #track()} is 0). */
  public boolean isOriginal() {
    return track == 0;
  }

  /**
   * The name of the method that ran: {@link #methodName()} on the original track, else the alternate's
   * name from the registry; null when the registry does not name it.
   */
  public String trackMethod() {
    return trackMethod;
  }

  /** The gated method's source file, relative to its source root ({@code com/example/Shop.java}); null when unknown. */
  public String sourceFile() {
    return sourceFile;
  }

  /** The gated method's line in {@link #sourceFile()}; 0 when unknown. */
  public int line() {
    return line;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GatedCall)) {
      return false;
    }
    GatedCall that = (GatedCall) o;
    return track == that.track && line == that.line && className.equals(that.className)
        && methodName.equals(that.methodName) && flagKey.equals(that.flagKey)
        && Objects.equals(trackMethod, that.trackMethod) && Objects.equals(sourceFile, that.sourceFile);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className, methodName, flagKey, track, trackMethod, sourceFile, line);
  }

  @Override
  public String toString() {
    return "GatedCall{" + className + "." + methodName + " by '" + flagKey + "' -> track " + track
        + (trackMethod == null ? "" : " (" + trackMethod + ")")
        + (sourceFile == null ? "" : ", " + sourceFile + (line > 0 ? ":" + line : "")) + "}";
  }
}
