package dev.turnout.agent.internal;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import dev.turnout.internal.source.SourceAddresses;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog source named by {@code source=}. A file ({@code file:PATH}) is opened directly; a store
 * ({@code etcd://...}) by the provider in its plug-in jar, loaded in a class loader of its own whose
 * parent is the platform class loader: it sees Turnout's runtime (on the bootstrap class path, from the
 * agent jar) and the JDK, never the application's classes, and the application never sees the store's
 * client (gRPC, Netty, ...). Nothing is loaded for applications that name no store.
 *
 * <p>The plug-in jar is {@code plugin=JAR}, else {@code MODULE-agent-plugin.jar} next to the agent jar
 * ({@code turnout-etcd-agent-plugin.jar} for {@code etcd://} and {@code etcds://}), else the one
 * {@code MODULE-VERSION-agent-plugin.jar} there (as Maven builds it).
 */
final class SourceArgument {

  private SourceArgument() {}

  /** The source, or an empty catalog (said on standard error) when it cannot be set up. Never throws. */
  static CatalogSource open(AgentArguments args) {
    try {
      if (!args.storeSource()) {
        return CatalogSource.open(args.source(), args.sourceOptions());
      }
      Path jar = plugin(args, agentDirectory());
      URLClassLoader loader = new URLClassLoader("turnout-plugin " + jar.getFileName(),
          new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      try {
        CatalogSource source = CatalogSource.open(args.source(), args.sourceOptions(), loader);
        AgentLog.info("Turnout agent: catalog " + source.name() + " through the plug-in " + jar);
        return source;
      } finally {
        thread.setContextClassLoader(previous);
      }
    } catch (Throwable t) { // NOPMD: the agent never stops the application
      System.err.println("Turnout agent: cannot set up source=" + args.source() + "; every flag serves its fallback: "
          + (t.getMessage() == null ? t.toString() : t.getMessage()));
      return CatalogSource.of("empty catalog (source=" + args.source() + " could not be set up)", "flags: {}",
          CatalogFormat.YAML);
    }
  }

  /** The plug-in jar for the source's scheme; {@code dir} is the agent jar's folder, or null when unknown. */
  static Path plugin(AgentArguments args, Path dir) throws IOException {
    String scheme = SourceAddresses.scheme(args.source());
    String module = SourceAddresses.moduleFor(scheme);
    if (module == null) {
      module = "turnout-" + scheme;
    }
    if (args.plugin() != null) {
      Path jar = Path.of(args.plugin()).toAbsolutePath();
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("the plug-in jar " + jar + " (plugin=) does not exist");
      }
      return jar;
    }
    if (dir == null) {
      throw new IllegalStateException("cannot tell where the agent jar is; name the " + module
          + " plug-in jar with plugin=JAR");
    }
    Path plain = dir.resolve(module + "-agent-plugin.jar");
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    List<Path> versioned = new ArrayList<>();
    try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, module + "-*-agent-plugin.jar")) {
      found.forEach(versioned::add);
    }
    if (versioned.size() == 1) {
      return versioned.get(0);
    }
    if (versioned.isEmpty()) {
      throw new IllegalStateException("the " + scheme + ":// scheme needs the " + module + " plug-in: put "
          + plain.getFileName() + " next to the agent jar (" + dir + ") or name it with plugin=JAR");
    }
    versioned.sort(null);
    throw new IllegalStateException("several " + module + " plug-in jars next to the agent jar " + versioned
        + ": name one with plugin=JAR");
  }

  /** The folder of the agent jar (on the system class path since -javaagent), or null. */
  static Path agentDirectory() {
    URL url = ClassLoader.getSystemResource("dev/turnout/agent/TurnoutAgent.class");
    if (url == null || !"jar".equals(url.getProtocol())) {
      return null;
    }
    try {
      Path jar = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
      return jar.toAbsolutePath().getParent();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
