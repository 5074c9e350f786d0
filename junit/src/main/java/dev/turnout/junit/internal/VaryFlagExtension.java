package dev.turnout.junit.internal;

import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.ext.Pins;
import dev.turnout.junit.VaryFlag;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs a {@code @VaryFlag} test once per variant, each run with the flag pinned to its variant. */
public final class VaryFlagExtension implements TestTemplateInvocationContextProvider {

  /** Created by JUnit through {@code @ExtendWith}. */
  public VaryFlagExtension() {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, VaryFlag.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    VaryFlag vary = AnnotationSupport.findAnnotation(method, VaryFlag.class).orElseThrow();
    String where = "@VaryFlag on " + Pinning.describe(method);
    Catalog.Flag flag = Pinning.flag(vary.value(), where);
    if (flag == null) {
      throw new ExtensionConfigurationException(where + ": no flag catalog is loaded, so the variants of '"
          + vary.value() + "' are unknown");
    }
    List<String> variants = vary.variants().length == 0 ? List.copyOf(flag.variants().keySet())
        : List.of(vary.variants());
    for (String v : variants) {
      Pinning.checkVariant(flag, v, where);
    }
    return variants.stream().map(v -> new Invocation(vary.value(), v));
  }

  /** One run: its name, and the pin of its variant. */
  private record Invocation(String key, String variant) implements TestTemplateInvocationContext {

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + invocationIndex + "] " + key + " = " + variant;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new VariantPin(key, variant));
    }
  }

  /**
   * Pins the variant around the run (registered after {@code @WithFlag}'s extension, so its pin is the
   * innermost and wins) and passes it to a {@code String} parameter.
   */
  private record VariantPin(String key, String variant) implements BeforeEachCallback, AfterEachCallback,
      ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VariantPin.class);

    @Override
    public void beforeEach(ExtensionContext context) {
      context.getStore(NAMESPACE).put(Pins.Scope.class, Pins.open(Map.of(key, variant), null));
    }

    @Override
    public void afterEach(ExtensionContext context) {
      Pins.Scope scope = context.getStore(NAMESPACE).remove(Pins.Scope.class, Pins.Scope.class);
      if (scope != null) {
        scope.close();
      }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == String.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return variant;
    }
  }
}
