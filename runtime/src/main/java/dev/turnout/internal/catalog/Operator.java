package dev.turnout.internal.catalog;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The operators of a clause, by their catalog names. */
public enum Operator {
  EQUALS, NOT_EQUALS, IN, NOT_IN, STARTS_WITH, ENDS_WITH, CONTAINS, MATCHES,
  EQ, GT, GTE, LT, LTE,
  SEMVER_EQ, SEMVER_GT, SEMVER_GTE, SEMVER_LT, SEMVER_LTE,
  BEFORE, AFTER,
  EXISTS,
  IN_CIDR;

  /** Every operator by its catalog name. */
  private static final Map<String, Operator> BY_CATALOG_NAME;

  static {
    Map<String, Operator> byName = new HashMap<>();
    for (Operator op : values()) {
      byName.put(op.catalogName, op);
    }
    BY_CATALOG_NAME = Map.copyOf(byName);
  }

  private final String catalogName = name().toLowerCase(Locale.ROOT);

  /** The name used in catalogs: {@code not_equals}, {@code semver_gte}, ... */
  public String catalogName() {
    return catalogName;
  }

  public boolean isNumeric() {
    return this == EQ || this == GT || this == GTE || this == LT || this == LTE;
  }

  public boolean isSemver() {
    return name().startsWith("SEMVER_");
  }

  public boolean isTime() {
    return this == BEFORE || this == AFTER;
  }

  /** The operator with this catalog name, or null. */
  public static Operator forCatalogName(String name) {
    return BY_CATALOG_NAME.get(name);
  }
}
