package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Users page in a real headless Chromium, the console started from its packaged jar: an admin adds a user with a
 * one-time link, the new user sets a password through it and logs in; the console restarts on the same files and the
 * browser is still logged in. Saves the Users page's screenshot (console-users.png, into target/screenshots, or
 * docs/images with -Dconsole.screenshots=DIR). Skipped, saying so, where Chromium or ChromeDriver is missing.
 */
class UserAdminBrowserIT {

  private static final String PASSWORD = "a long enough password";

  @TempDir
  static Path dir;
  static Path users;
  static Path catalog;
  static Proc console;
  static URI consoleBase;
  static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of(Proc.property("sample.catalog")), catalog, StandardCopyOption.REPLACE_EXISTING);
    users = dir.resolve("users.json");
    for (String[] u : new String[][] {{"ann", "admin"}, {"ed", "default=editor,production=viewer"},
        {"pat", "approver"}}) {
      Proc add = Proc.run(List.of(Proc.java(), "-jar", Proc.property("console.jar"), "add-user", "--users",
          users.toString(), "--name", u[0], "--role", u[1]), PASSWORD + "\n");
      assertThat(add.waitFor()).as(String.join("\n", add.output)).isZero();
    }
    startConsole(0);
    chromium = HeadlessChromium.start(consoleBase, dir.resolve("chromium-profile"));
  }

  /** Starts the console on the files of this test, on {@code port} (0: any free one). */
  static void startConsole(int port) throws Exception {
    console = Proc.run(List.of(Proc.java(), "-XX:TieredStopAtLevel=1", "-jar", Proc.property("console.jar"),
        "--catalog", catalog.toString(), "--users", users.toString(), "--port", Integer.toString(port), "--env",
        "production"), null);
    consoleBase = URI.create("http://127.0.0.1:"
        + console.await(Pattern.compile("listening on http://127.0.0.1:(\\d+)/")) + "/");
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (console != null) {
      console.close();
    }
  }

  @Test
  void anAdminAddsAUserWithALinkWhoSetsAPasswordAndStaysLoggedInAcrossARestart() throws Exception {
    chromium.logIn("ann", PASSWORD);
    chromium.browser.findElement(By.linkText("Users")).click();
    chromium.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Users"));
    chromium.browser.findElement(By.id("new-name")).sendKeys("zoe");
    new Select(chromium.browser.findElement(By.cssSelector("select[name='role.*']"))).selectByVisibleText("viewer");
    new Select(chromium.browser.findElement(By.cssSelector("select[name='role.production']"))).selectByVisibleText("editor");
    chromium.browser.findElement(By.id("method-link")).click();
    chromium.browser.findElement(By.id("new-reason")).sendKeys("joins the on-call rota");
    chromium.browser.findElement(By.xpath("//button[normalize-space()='Add user']")).click();
    chromium.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "zoe"));
    Matcher link = Pattern.compile("http://\\S+/set-password\\?token=[A-Za-z0-9_-]+").matcher(chromium.mainText());
    assertThat(link.find()).as(chromium.mainText()).isTrue();

    chromium.open("users");
    // Columns: every environment, default, development (the sample's), production; status; sessions.
    assertThat(chromium.browser.findElements(By.xpath("//tr[th/a[text()='zoe']]/td")).stream()
        .map(e -> e.getText().strip()).toList())
        .containsExactly("viewer", "", "", "editor", "waiting for a password (link)", "0");
    assertThat(chromium.mainText()).contains("Add user 'zoe'", "joins the on-call rota");
    screenshot("users");

    // zoe opens the link (logged out), chooses a password and logs in.
    chromium.browser.findElement(By.xpath("//button[normalize-space()='Log out']")).click();
    chromium.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("password")));
    chromium.browser.get(link.group());
    chromium.browser.findElement(By.id("password")).sendKeys("zoe's own password");
    chromium.browser.findElement(By.id("again")).sendKeys("zoe's own password");
    chromium.browser.findElement(By.id("again")).submit();
    chromium.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("name")));
    chromium.logIn("zoe", "zoe's own password");
    assertThat(chromium.browser.findElements(By.linkText("Users"))).isEmpty();

    // The console restarts on the same files and the same port: zoe is still logged in.
    int port = consoleBase.getPort();
    console.close();
    startConsole(port);
    chromium.open("flags");
    assertThat(chromium.browser.findElement(By.className("who")).getText()).contains("zoe");
  }

  private static void screenshot(String name) throws IOException {
    String images = System.getProperty("console.screenshots");
    if (images == null) {
      return;
    }
    Path out = Path.of(images, "console-" + name + ".png");
    Files.createDirectories(out.getParent());
    Files.write(out, ((TakesScreenshot) chromium.browser).getScreenshotAs(OutputType.BYTES));
  }
}
