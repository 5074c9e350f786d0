package dev.turnout.bench.peer;

/**
 * The baseline a team writes without a flag system: the rule as a string switch, the rollout as a
 * mixed {@code String.hashCode()} of the key (cached by the string) taken modulo 100.
 */
final class HandWritten implements Peer {

  /** The context a handler would build: the two fields the flag reads. */
  record User(String key, String plan) {}

  @Override
  public String name() {
    return "hand-written";
  }

  @Override
  public boolean sticky() {
    return true;
  }

  @Override
  public Object context(String key, String plan) {
    return new User(key, plan);
  }

  @Override
  public boolean isEnabled(Object context) {
    User user = (User) context;
    String plan = user.plan();
    if (plan != null) {
      switch (plan) {
        case "pro", "enterprise" -> {
          return true;
        }
        default -> {
          // fall through to the rollout
        }
      }
    }
    return bucket(user.key()) < Typical.PERCENT;
  }

  /** A bucket in [0, 100), stable per key: murmur3's 32-bit finaliser over the key's hash code. */
  static int bucket(String key) {
    int h = key.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return Integer.remainderUnsigned(h, 100);
  }
}
