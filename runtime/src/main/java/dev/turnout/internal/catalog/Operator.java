package dev.turnout.internal.catalog;

import java.util.Locale;

/** The operators of a clause, by their catalog names. */
public enum Operator {
  EQUALS, NOT_EQUALS, IN, NOT_IN, STARTS_WITH, ENDS_WITH, CONTAINS, MATCHES,
  EQ, GT, GTE, LT, LTE,
  SEMVER_EQ, SEMVER_GT, SEMVER_GTE, SEMVER_LT, SEMVER_LTE,
  BEFORE, AFTER,
  EXISTS,
  IN_CIDR;

  /** The name used in catalogs: {@code not_equals}, {@code semver_gte}, ... */
  public String catalogName() {
    return name().toLowerCase(Locale.ROOT);
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
    for (Operator op : values()) {
      if (op.catalogName().equals(name)) {
        return op;
      }
    }
    return null;
  }
}
