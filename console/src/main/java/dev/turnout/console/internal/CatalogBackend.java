package dev.turnout.console.internal;

import dev.turnout.CatalogFormat;
import dev.turnout.CatalogSource;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the console's catalog lives: a file ({@link CatalogStore}) or an etcd key ({@link EtcdStore}). Both keep the
 * catalog's text, name each version by a revision, save only on top of the revision an edit was made on (else a
 * {@link CatalogStore.Conflict}), validate with the runtime's own reader before anything is written, and keep an
 * audit trail.
 */
interface CatalogBackend extends AutoCloseable {

  /** The catalog as it is now. */
  CatalogStore.Snapshot read();

  /** The problems the runtime's reader finds in {@code text}; empty when it is a valid catalog. */
  List<String> validate(String text);

  /**
   * Saves {@code text} in place of the revision {@code base}, by {@code user} for {@code reason}: written when the
   * catalog is still at {@code base} and the text is a valid catalog.
   */
  CatalogStore.Outcome save(String base, String text, String user, String action, String flag, String environment,
      String reason);

  /** The conflict of an edit made on {@code base} (giving {@code text}) with the catalog as it is {@code now}. */
  CatalogStore.Conflict conflict(String base, CatalogStore.Snapshot now, String text);

  /** A unified diff of two versions of the catalog. */
  String diff(String before, String after);

  /** The newest {@code limit} entries of the audit trail, newest first. */
  List<AuditTrail.Entry> audit(int limit);

  /** The catalog's syntax. */
  CatalogFormat format();

  /** The syntax of {@code text}, a version of this catalog (etcd: JSON when it starts with '{'). */
  CatalogFormat format(String text);

  /** The catalog's name on pages: the file name, or the etcd address. */
  String name();

  /** What an edit changes, for the preview's "This is the change to ...": the catalog file, or the etcd key. */
  String changed();

  /** A source that reads the catalog as saved and watches it (for OFREP). */
  CatalogSource source();

  /** Where changes waiting for approval are kept: {@code NAME.pending.json} beside this path. */
  Path pendingBase();

  /** Within how long running JVMs apply a saved change, in one sentence or two. */
  String applyNote();

  /** Whether the fleet page has something to show (etcd only). */
  default boolean hasFleet() {
    return false;
  }

  @Override
  default void close() {}
}
