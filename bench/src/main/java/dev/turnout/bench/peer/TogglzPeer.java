package dev.turnout.bench.peer;

import org.togglz.core.Feature;
import org.togglz.core.activation.GradualActivationStrategy;
import org.togglz.core.activation.Parameter;
import org.togglz.core.manager.FeatureManager;
import org.togglz.core.manager.FeatureManagerBuilder;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.repository.mem.InMemoryStateRepository;
import org.togglz.core.spi.ActivationStrategy;
import org.togglz.core.user.FeatureUser;
import org.togglz.core.user.SimpleFeatureUser;
import org.togglz.core.user.thread.ThreadLocalUserProvider;

/**
 * Togglz with an in-memory state repository and the user bound to the thread (Togglz reads the current
 * user from its {@code UserProvider}; each evaluation binds the user and releases it, as a request
 * filter does). Togglz gives a feature one activation strategy, so the typical
 * flag is a small strategy: the plan rule, else Togglz's own {@link GradualActivationStrategy}, which is
 * sticky (it buckets the user name's hash code).
 */
final class TogglzPeer implements Peer {

  enum BenchFeature implements Feature {
    TYPICAL_FLAG
  }

  /** The plan rule, then Togglz's built-in gradual rollout. */
  static final class PlanOrGradual implements ActivationStrategy {

    static final String ID = "plan-or-gradual";

    private final GradualActivationStrategy gradual = new GradualActivationStrategy();

    @Override
    public String getId() {
      return ID;
    }

    @Override
    public String getName() {
      return "Plan in [pro, enterprise], else gradual rollout";
    }

    @Override
    public boolean isActive(FeatureState state, FeatureUser user) {
      if (user != null) {
        Object plan = user.getAttribute("plan");
        if ("pro".equals(plan) || "enterprise".equals(plan)) {
          return true;
        }
      }
      return gradual.isActive(state, user);
    }

    @Override
    public Parameter[] getParameters() {
      return gradual.getParameters();
    }
  }

  private final FeatureManager manager;

  TogglzPeer() {
    InMemoryStateRepository repository = new InMemoryStateRepository();
    repository.setFeatureState(new FeatureState(BenchFeature.TYPICAL_FLAG, true)
        .setStrategyId(PlanOrGradual.ID)
        .setParameter(GradualActivationStrategy.PARAM_PERCENTAGE, Integer.toString(Typical.PERCENT)));
    manager = FeatureManagerBuilder.begin()
        .featureEnum(BenchFeature.class)
        .stateRepository(repository)
        .userProvider(new ThreadLocalUserProvider())
        .activationStrategy(new PlanOrGradual())
        .build();
  }

  @Override
  public String name() {
    return "togglz";
  }

  @Override
  public boolean sticky() {
    return true;
  }

  @Override
  public Object context(String key, String plan) {
    return new SimpleFeatureUser(key).setAttribute("plan", plan);
  }

  @Override
  public boolean isEnabled(Object context) {
    ThreadLocalUserProvider.bind((FeatureUser) context);
    try {
      return manager.isActive(BenchFeature.TYPICAL_FLAG);
    } finally {
      ThreadLocalUserProvider.release();
    }
  }
}
