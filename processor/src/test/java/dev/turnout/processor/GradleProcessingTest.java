package dev.turnout.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Gradle's incremental annotation processing: the processor is registered as aggregating (it reads every
 * type and writes one {@code Flags}, registry and agent index for all of them), and Gradle then hands it
 * a decorator of the compiler's processing environment, where keys in method bodies must still be checked.
 */
class GradleProcessingTest {

  @Test
  void theProcessorIsRegisteredAsAggregating() throws Exception {
    String registration;
    try (var in = TurnoutProcessor.class.getClassLoader()
        .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      Assertions.assertThat(in).as("the registration file").isNotNull();
      registration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Assertions.assertThat(registration.strip())
        .isEqualTo(TurnoutProcessor.class.getName() + ",aggregating");
    // Every type, not types with one annotation: one generated file depends on many sources.
    Assertions.assertThat(new TurnoutProcessor().getSupportedAnnotationTypes()).containsExactly("*");
  }

  @Test
  void aKeyInAMethodBodyIsCheckedWhenTheEnvironmentIsADecorator() {
    Compilation compilation = Compiler.javac()
        .withProcessors(new Decorating(new TurnoutProcessor()))
        .withOptions(Fixtures.catalog("tasks.yaml"))
        .compile(Fixtures.source("com.example.tasks.Shop", """
            package com.example.tasks;

            import dev.turnout.Turnout;

            public class Shop {
              boolean on() {
                return Turnout.isEnabled("new-chekout");
              }
            }
            """));

    assertThat(compilation).hadErrorContaining("[turnout.unknown-flag] unknown flag 'new-chekout'")
        .inFile(compilation.sourceFiles().get(0)).onLine(7);
  }

  /** Initializes its delegate with a decorator of the environment, as Gradle's wrappers do. */
  private static final class Decorating extends AbstractProcessor {
    private final AbstractProcessor delegate;

    Decorating(AbstractProcessor delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(new Decorator(env));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }
  }

  private static final class Decorator implements ProcessingEnvironment {
    private final ProcessingEnvironment delegate;

    Decorator(ProcessingEnvironment delegate) {
      this.delegate = delegate;
    }

    @Override
    public Map<String, String> getOptions() {
      return delegate.getOptions();
    }

    @Override
    public Messager getMessager() {
      return delegate.getMessager();
    }

    @Override
    public Filer getFiler() {
      return delegate.getFiler();
    }

    @Override
    public Elements getElementUtils() {
      return delegate.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return delegate.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return delegate.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return delegate.getLocale();
    }
  }
}
