package dev.turnout.bench.peer;

import java.util.Locale;

/**
 * Checks a system's answers before any of its timings count: the rule serves on for {@code pro} and
 * {@code enterprise}, the rollout serves on to 10 % (± 1.5 points) of 20,000 {@code free} keys, and a
 * sticky system gives each key the same answer twice. Run alone it checks every system:
 * {@code java -cp ... dev.turnout.bench.peer.Sanity}.
 */
public final class Sanity {

  private static final int KEYS = 20_000;

  private Sanity() {}

  /** The share of keys served on, in percent; throws when an answer is wrong. */
  public static double check(Peer peer) {
    if (!peer.evaluates()) {
      return Double.NaN;
    }
    for (String plan : new String[] {"pro", "enterprise"}) {
      for (int i = 0; i < 100; i++) {
        if (!peer.isEnabled(peer.context("user-" + i, plan))) {
          throw new IllegalStateException(peer.name() + ": plan " + plan + " must be served on (user-" + i + ")");
        }
      }
    }
    int on = 0;
    for (int i = 0; i < KEYS; i++) {
      String key = "user-" + i;
      boolean first = peer.isEnabled(peer.context(key, "free"));
      if (peer.sticky() && first != peer.isEnabled(peer.context(key, "free"))) {
        throw new IllegalStateException(peer.name() + ": the rollout is not sticky for " + key);
      }
      if (first) {
        on++;
      }
    }
    double share = 100.0 * on / KEYS;
    if (Math.abs(share - Typical.PERCENT) > 1.5) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s: the rollout serves on to %.2f %% of keys, not %d %%", peer.name(), share, Typical.PERCENT));
    }
    return share;
  }

  /** Checks every system; exits with 1 when one fails. */
  public static void main(String[] args) throws Exception {
    boolean failed = false;
    for (String name : args.length > 0 ? java.util.List.of(args) : Peers.NAMES) {
      try (Peer peer = Peers.create(name)) {
        double share = check(peer);
        System.out.printf(Locale.ROOT, "sanity %-22s ok   rollout share %s%s%n", name,
            Double.isNaN(share) ? "n/a (constant)" : String.format(Locale.ROOT, "%.2f %%", share),
            peer.sticky() ? "" : " (random per call, not sticky)");
      } catch (Exception | Error e) {
        failed = true;
        System.out.printf(Locale.ROOT, "sanity %-22s FAIL %s%n", name, e);
      }
    }
    System.exit(failed ? 1 : 0);
  }
}
