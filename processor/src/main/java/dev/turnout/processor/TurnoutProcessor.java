package dev.turnout.processor;

import com.google.auto.service.AutoService;
import dev.turnout.processor.internal.Options;
import dev.turnout.processor.internal.ProcessingRun;
import java.time.LocalDate;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Checks every flag key the code names against the flag catalog at compile time, and generates the
 * {@code Flags} constants, the registry of gated methods ({@code META-INF/turnout/registry.json}) and
 * the agent's index of classes to transform ({@code META-INF/turnout/agent.idx}).
 *
 * <p>Enable it in Maven with the runtime as a dependency and the processor on the annotation
 * processor path:
 *
 * <pre>{@code
 * <plugin>
 *   <artifactId>maven-compiler-plugin</artifactId>
 *   <configuration>
 *     <annotationProcessorPaths>
 *       <path>
 *         <groupId>dev.turnout</groupId>
 *         <artifactId>turnout-processor</artifactId>
 *         <version>${turnout.version}</version>
 *       </path>
 *     </annotationProcessorPaths>
 *     <compilerArgs>
 *       <arg>-Aturnout.strict=true</arg>   <!-- optional: warnings become errors -->
 *     </compilerArgs>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>Options: {@code -Aturnout.catalog=PATH} (default: {@code turnout/flags.yaml} or {@code .json}
 * among the resources), {@code -Aturnout.package=NAME} (default: the catalog's {@code package:}, else
 * the common package of the gated classes), {@code -Aturnout.strict=true}. Every message starts with a
 * stable id such as {@code [turnout.unknown-flag]}.
 */
@AutoService(Processor.class)
public final class TurnoutProcessor extends AbstractProcessor {

  private ProcessingRun run;

  /** Created by the compiler through {@link java.util.ServiceLoader}. */
  public TurnoutProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    run = new ProcessingRun(processingEnv, LocalDate.now());
  }

  /** Every type: keys passed to {@code Turnout} are checked in classes without any annotation too. */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Options.NAMES;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /** Runs the steps for this round; claims nothing, so other processors see every annotation. */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
    run.round(roundEnv);
    return false;
  }
}
