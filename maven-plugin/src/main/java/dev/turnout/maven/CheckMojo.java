package dev.turnout.maven;

import dev.turnout.cli.api.CatalogCheck;
import dev.turnout.cli.api.CatalogFile;
import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.api.Workspace;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates the flag catalog, as {@code turnout check} does: every problem is logged as
 * {@code file:line:column: message} and the build fails.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.turnout</groupId>
 *   <artifactId>turnout-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>check</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckMojo extends AbstractMojo {

  /** The project's directory; paths in messages are relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** The catalog (default: src/main/resources/turnout/flags.yaml, .yml or .json). */
  @Parameter(property = "turnout.catalog")
  File catalog;

  /** Skips the goal. */
  @Parameter(property = "turnout.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("turnout:check skipped");
      return;
    }
    try {
      Workspace workspace = new Workspace(basedir.toPath());
      CatalogFile file = workspace.catalog(catalog == null ? null : catalog.getPath());
      List<String> problems = CatalogCheck.problems(file);
      if (problems.isEmpty()) {
        getLog().info(file.display() + ": no problems");
        return;
      }
      problems.forEach(getLog()::error);
      throw new MojoFailureException(problems.size() + (problems.size() == 1 ? " problem" : " problems")
          + " in the flag catalog " + file.display());
    } catch (ToolException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }
}
