package dev.turnout.agent.internal;

import java.io.IOException;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The class files of Turnout's annotations, read from the agent jar on the system class path. Byte Buddy
 * ignores an annotation whose type it cannot find; a class loader whose parents are not the system class
 * loader (a plugin loader over the platform loader, say) may not find ours by itself.
 */
final class TurnoutTypes implements ClassFileLocator {

  private static final Set<String> NAMES =
      Set.of(GatedMethod.FEATURE_FLAG, GatedMethod.TARGETING_KEY, "dev.turnout.Variant");

  private final ClassFileLocator system = ClassFileLocator.ForClassLoader.ofSystemLoader();

  @Override
  public Resolution locate(String name) throws IOException {
    return NAMES.contains(name) ? system.locate(name) : new Resolution.Illegal(name);
  }

  @Override
  public void close() {
    // nothing to release
  }
}
