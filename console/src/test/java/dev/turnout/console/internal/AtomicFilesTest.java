package dev.turnout.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the console replaces: a catalog keeps its permissions, users and sessions are the owner's only. */
class AtomicFilesTest {

  @Test
  void aSavedCatalogKeepsItsPermissionsSoThatApplicationsRunningAsOthersStillReadIt(@TempDir Path dir) throws Exception {
    Path catalog = dir.resolve("flags.yaml");
    Files.copy(Path.of("../sample-app/flags.yaml"), catalog);
    Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString("rw-rw-r--"));
    CatalogStore store = new CatalogStore(catalog, Clock.systemUTC(), GitCommits.off());
    CatalogStore.Snapshot s = store.read();
    assertThat(store.save(s.revision(), CatalogEdits.YAML.setEnabled(s.text(), "log-level", "default", false), "ann", "kill",
        "log-level", "default", "quiet")).isInstanceOf(CatalogStore.Saved.class);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(catalog))).isEqualTo("rw-rw-r--");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void theUsersFileIsTheOwnersOnly(@TempDir Path dir) throws Exception {
    Users users = new Users(dir.resolve("users.json"), 4);
    users.putUser("ann", "a long enough password".toCharArray(), Users.parseRoles("admin"));
    Files.setPosixFilePermissions(users.file(), PosixFilePermissions.fromString("rw-r--r--"));
    users.addUser("bob", null, Users.parseRoles("viewer"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users.file()))).isEqualTo("rw-------");
    assertThat(users.all().stream().map(Users.User::name).toList()).isEqualTo(List.of("ann", "bob"));
  }
}
