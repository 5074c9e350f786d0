package dev.turnout.sample;

import dev.turnout.FlagEngine;
import dev.turnout.Turnout;
import dev.turnout.TurnoutListener;
import dev.turnout.sample.comments.CommentsFeature;
import dev.turnout.sample.data.Comments;
import dev.turnout.sample.data.Database;
import dev.turnout.sample.data.DemoData;
import dev.turnout.sample.data.Tasks;
import dev.turnout.sample.data.Users;
import dev.turnout.sample.ops.Exposures;
import dev.turnout.sample.ops.FlagDirectory;
import dev.turnout.sample.ops.FlagsPage;
import dev.turnout.sample.ops.LogLevel;
import dev.turnout.sample.ops.Served;
import dev.turnout.sample.tasks.NewTaskForm;
import dev.turnout.sample.tasks.TaskApi;
import dev.turnout.sample.tasks.TaskListJson;
import dev.turnout.sample.tasks.TaskPages;
import dev.turnout.sample.users.Registration;
import dev.turnout.sample.users.UserPages;
import dev.turnout.sample.web.Router;
import dev.turnout.sample.web.WebServer;
import java.io.IOException;
import java.util.List;

/**
 * The whole application, wired: the database, the flag listeners, the routes and the HTTP server.
 * Flags come from the JVM-wide engine ({@link Turnout#engine()}), which the agent sets up from its
 * {@code flags=} and {@code env=} arguments.
 *
 * <pre>{@code
 * try (Application app = Application.start(Options.parse(args))) {
 *   System.out.println("port " + app.port());
 * }
 * }</pre>
 */
public final class Application implements AutoCloseable {

  private final Database db;
  private final WebServer server;
  private final FlagEngine engine;
  private final List<TurnoutListener> listeners;

  private Application(Database db, WebServer server, FlagEngine engine, List<TurnoutListener> listeners) {
    this.db = db;
    this.server = server;
    this.engine = engine;
    this.listeners = listeners;
  }

  /** Opens the database (creating it on first start), registers the flag listeners and starts serving. */
  public static Application start(Options options) throws IOException {
    Database db = Database.open(options.dataDirectory());
    try {
      Users users = new Users(db);
      Tasks tasks = new Tasks(db);
      Comments comments = new Comments(db);
      DemoData.seedIfEmpty(users, tasks);

      FlagEngine engine = Turnout.engine();
      LogLevel logLevel = new LogLevel();
      logLevel.apply();
      engine.addListener(logLevel);
      FlagDirectory directory = FlagDirectory.load(Application.class.getClassLoader());
      Exposures exposures = new Exposures(directory.experiments());
      engine.addListener(exposures);
      Served served = new Served();
      engine.addListener(served);

      CommentsFeature commentsFeature = new CommentsFeature(tasks, comments);
      TaskPages taskPages = new TaskPages(tasks, commentsFeature, new NewTaskForm(), exposures);
      TaskApi taskApi = new TaskApi(tasks, new TaskListJson());
      UserPages userPages = new UserPages(users, new Registration(users));
      FlagsPage flagsPage = new FlagsPage(engine, directory, served, exposures, logLevel, users);

      Router router = new Router()
          .get("/", taskPages::home)
          .get("/login", userPages::loginForm)
          .post("/login", userPages::login)
          .post("/logout", userPages::logout)
          .get("/signup", userPages::signupForm)
          .post("/signup", userPages::signup)
          .get("/tasks", taskPages::list)
          .post("/tasks", taskPages::create)
          .get("/tasks/new", taskPages::newTask)
          .post("/tasks/{id}/complete", taskPages::complete)
          .get("/tasks/{id}/comments", commentsFeature::page)
          .post("/tasks/{id}/comments", commentsFeature::page)
          .post("/tasks/{id}/comments/{commentId}/delete", commentsFeature::page)
          .get("/flags", flagsPage::page)
          .get("/api/me", userPages::apiMe)
          .post("/api/users", userPages::apiSignup)
          .get("/api/tasks", taskApi::list)
          .post("/api/tasks", taskApi::create)
          .post("/api/tasks/{id}/complete", taskApi::complete)
          .get("/api/tasks/{id}/comments", commentsFeature::api)
          .post("/api/tasks/{id}/comments", commentsFeature::api)
          .delete("/api/tasks/{id}/comments/{commentId}", commentsFeature::api)
          .get("/api/flags", flagsPage::api)
          .get("/api/status", flagsPage::apiStatus);
      WebServer server = WebServer.start(options.port(), router, users);
      return new Application(db, server, engine, List.of(logLevel, exposures, served));
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The port served. */
  public int port() {
    return server.port();
  }

  /** Stops serving, unregisters the listeners and closes the database. */
  @Override
  public void close() {
    server.close();
    listeners.forEach(engine::removeListener);
    db.close();
  }
}
