package dev.turnout.bench;

import dev.turnout.bench.peer.Peer;
import dev.turnout.bench.peer.Peers;
import dev.turnout.bench.peer.Sanity;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The typical flag in Turnout, the baselines and each peer, through each system's own API. The setup
 * runs {@link Sanity#check} first: a system that answers wrongly fails its benchmarks instead of timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PeersBenchmark {

  @Param({"turnout", "static-final-boolean", "hand-written", "togglz", "ff4j", "launchdarkly", "unleash",
      "openfeature-flagd"})
  public String system;

  private Peer peer;
  private Object paidUser;
  private Object[] rolloutUsers;
  private String[] keys;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    peer = Peers.create(system);
    Sanity.check(peer);
    paidUser = peer.context("user-pro", "pro");
    rolloutUsers = new Object[1024];
    keys = new String[1024];
    for (int i = 0; i < rolloutUsers.length; i++) {
      keys[i] = "user-" + i;
      rolloutUsers[i] = peer.context(keys[i], "free");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws java.io.IOException {
    peer.close();
  }

  /** The rule matches ({@code plan: pro}). */
  @Benchmark
  public boolean ruleMatch() {
    return peer.isEnabled(paidUser);
  }

  /** The rule fails and the rollout buckets the key; rotates over 1,024 prebuilt contexts. */
  @Benchmark
  public boolean rollout() {
    return peer.isEnabled(rolloutUsers[next++ & 1023]);
  }

  /** Builds the system's context from a key and a plan, then evaluates, as a request handler would. */
  @Benchmark
  public boolean buildContextAndEvaluate() {
    return peer.isEnabled(peer.context(keys[next++ & 1023], "free"));
  }
}
