package dev.turnout.console.internal;

import java.util.Locale;

/** What a user may do in one environment; each role may do everything the ones before it may. */
enum Role {
  /** Sees flags, rules, audit and who gets what. */
  VIEWER,
  /** Also changes flags (changes to environments that need approval wait for an approver). */
  EDITOR,
  /** Also accepts or rejects changes that wait for approval (never their own). */
  APPROVER,
  /** Everything an approver may; reserved for the people who manage the console. */
  ADMIN;

  boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }

  static Role parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + text + "': viewer, editor, approver or admin");
    }
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
