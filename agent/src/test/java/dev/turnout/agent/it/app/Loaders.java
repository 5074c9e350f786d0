package dev.turnout.agent.it.app;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link LoaderShapes} loaded by three kinds of custom class loader. */
final class Loaders {

  private static final String APP_PACKAGE = "dev.turnout.agent.it.app.";

  private Loaders() {}

  static Map<String, String> run() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    URL classes = LoaderShapes.class.getProtectionDomain().getCodeSource().getLocation();
    // Parent-first, over the application's classes only: dev.turnout.* comes from its parents.
    try (URLClassLoader parentFirst = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      out.put("loader.parentFirst", track(parentFirst));
    }
    // Child-first, carrying its own turnout-runtime (the whole class path).
    try (ChildFirst childFirst = new ChildFirst(classPath(), false)) {
      out.put("loader.childFirst", track(childFirst));
      out.put("loader.childFirst.runtime", childFirst.loadClass("dev.turnout.Turnout").getClassLoader() == childFirst
          ? "own" : "shared");
    }
    // Isolated: refuses every dev.turnout class but the application's own.
    try (ChildFirst hidden = new ChildFirst(new URL[] {classes}, true)) {
      out.put("loader.hidden", track(hidden));
    }
    return out;
  }

  private static String track(ClassLoader loader) throws Exception {
    Class<?> type = loader.loadClass(LoaderShapes.class.getName());
    if (type.getClassLoader() != loader) {
      throw new IllegalStateException(type + " not defined by " + loader);
    }
    return (String) type.getMethod("track").invoke(type.getConstructor().newInstance());
  }

  private static URL[] classPath() throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    return urls.toArray(new URL[0]);
  }

  /** Looks in its own URLs first; {@code hideTurnout} makes dev.turnout.* (but the app) unloadable. */
  static final class ChildFirst extends URLClassLoader {
    private final boolean hideTurnout;

    ChildFirst(URL[] urls, boolean hideTurnout) {
      super(urls, ClassLoader.getPlatformClassLoader());
      this.hideTurnout = hideTurnout;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (hideTurnout && name.startsWith("dev.turnout.") && !name.startsWith(APP_PACKAGE)) {
          throw new ClassNotFoundException(name + " is hidden from this loader");
        }
        Class<?> c = findLoadedClass(name);
        if (c == null && !name.startsWith("java.")) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = null;
          }
        }
        if (c == null) {
          c = super.loadClass(name, false);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public String toString() {
      return hideTurnout ? "HiddenLoader" : "ChildFirstLoader";
    }
  }
}
