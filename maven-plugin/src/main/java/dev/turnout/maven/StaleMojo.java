package dev.turnout.maven;

import dev.turnout.CatalogException;
import dev.turnout.cli.api.StaleFlags;
import dev.turnout.cli.api.ToolException;
import dev.turnout.cli.api.Workspace;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build on stale flags, as {@code turnout stale} reports them: flags past {@code expires},
 * flags serving one variant to everyone for more than {@code days}, catalog flags no code names, code
 * naming no catalog flag, and a catalog over {@code maxFlags}.
 *
 * <pre>{@code
 * <execution><goals><goal>stale</goal></goals><configuration><maxFlags>20</maxFlags></configuration></execution>
 * }</pre>
 */
@Mojo(name = "stale", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class StaleMojo extends AbstractMojo {

  /** The project's directory; paths in messages are relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** The catalog (default: src/main/resources/turnout/flags.yaml, .yml or .json). */
  @Parameter(property = "turnout.catalog")
  File catalog;

  /** The sources to read (default: the main and test source folders). */
  @Parameter
  List<File> sourceDirectories;

  @Parameter(defaultValue = "${project.build.sourceDirectory}", readonly = true)
  File sourceDirectory;

  @Parameter(defaultValue = "${project.build.testSourceDirectory}", readonly = true)
  File testSourceDirectory;

  /** Days a flag may serve one variant to everyone before it is stale. */
  @Parameter(property = "turnout.days", defaultValue = "30")
  int days;

  /** The team's flag budget (default: none). */
  @Parameter(property = "turnout.maxFlags")
  Integer maxFlags;

  /** When false, stale flags are logged as warnings and the build goes on. */
  @Parameter(property = "turnout.failOnStale", defaultValue = "true")
  boolean failOnStale = true;

  /** Skips the goal. */
  @Parameter(property = "turnout.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("turnout:stale skipped");
      return;
    }
    Workspace workspace = new Workspace(basedir.toPath());
    List<Path> roots = new ArrayList<>();
    List<File> named = sourceDirectories != null ? sourceDirectories : List.of();
    if (named.isEmpty()) {
      for (File f : new File[] {sourceDirectory, testSourceDirectory}) {
        if (f != null && f.isDirectory()) {
          roots.add(f.toPath());
        }
      }
    } else {
      named.forEach(f -> roots.add(workspace.resolve(f.getPath())));
    }
    List<StaleFlags.Finding> found;
    try {
      found = StaleFlags.find(workspace, workspace.catalog(catalog == null ? null : catalog.getPath()), roots,
          days, maxFlags, Clock.systemUTC(), warning -> getLog().warn(warning));
    } catch (ToolException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (CatalogException e) {
      e.problems().forEach(p -> getLog().error(p.toString()));
      throw new MojoFailureException("the flag catalog does not validate (see turnout:check)", e);
    }
    if (found.isEmpty()) {
      getLog().info("no stale flags");
      return;
    }
    for (StaleFlags.Finding f : found) {
      if (failOnStale) {
        getLog().error(f.message());
      } else {
        getLog().warn(f.message());
      }
    }
    if (failOnStale) {
      throw new MojoFailureException(found.size() + (found.size() == 1 ? " stale flag finding" : " stale flag findings")
          + " (turnout:stale; failOnStale=false only warns)");
    }
  }
}
