package dev.turnout.bench.peer;

/** The floor: a {@code static final boolean}, which the JIT folds away. It evaluates nothing. */
final class StaticFinal implements Peer {

  private static final boolean ENABLED = true;

  @Override
  public String name() {
    return "static-final-boolean";
  }

  @Override
  public boolean sticky() {
    return true;
  }

  @Override
  public boolean evaluates() {
    return false;
  }

  @Override
  public Object context(String key, String plan) {
    return key;
  }

  @Override
  public boolean isEnabled(Object context) {
    return ENABLED;
  }
}
