package dev.turnout.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.testsupport.CatalogFile;
import dev.turnout.testsupport.TestJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Users page in a real headless Chromium, the console started from its packaged jar: an admin adds a user with a
 * one-time link, the new user sets a password through it and logs in; the console restarts on the same files and the
 * browser is still logged in. Saves the Users page's screenshot (console-users.png, into target/screenshots, or
 * docs/images with -Dconsole.screenshots=DIR). Skipped, saying so, where Chromium or ChromeDriver is missing.
 */
class UserAdminBrowserIT {

  @TempDir
  static Path dir;
  static ConsoleFixture fixture;
  static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    CatalogFile catalog = CatalogFile.copyOf(Path.of(TestJvm.property("sample.catalog")), dir);
    fixture = ConsoleFixture.start(dir, Map.of("ann", "admin", "ed", "default=editor,production=viewer", "pat",
        "approver"), List.of("--catalog", catalog.path().toString(), "--env", "production"));
    chromium = fixture.chromium;
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void anAdminAddsAUserWithALinkWhoSetsAPasswordAndStaysLoggedInAcrossARestart() throws Exception {
    fixture.logIn("ann");
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
    chromium.screenshot("users");

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
    fixture.restartConsole();
    chromium.open("flags");
    assertThat(chromium.browser.findElement(By.className("who")).getText()).contains("zoe");
  }
}
