package dev.turnout.processor.internal;

import dev.turnout.internal.catalog.Catalog;
import dev.turnout.internal.catalog.Names;
import java.time.LocalDate;
import java.util.List;

/** What the generated code and the registry say about one flag; metadata is null when unknown. */
record FlagInfo(
    String key,
    String constant,
    String description,
    String owner,
    String ticket,
    String kind,
    LocalDate expires,
    List<String> variants) {

  public FlagInfo {
    variants = List.copyOf(variants);
  }

  /** A flag as the catalog declares it. */
  public static FlagInfo of(Catalog.Flag flag) {
    return new FlagInfo(flag.key(), Names.constantName(flag.key()), flag.description(), flag.owner(), flag.ticket(),
        flag.kind(), flag.expires(), List.copyOf(flag.variants().keySet()));
  }

  /** A flag known only from the code, when there is no catalog. */
  public static FlagInfo named(String key, List<String> variants) {
    return new FlagInfo(key, Names.constantName(key), null, null, null, null, null, variants);
  }
}
