/** Logging in by name, and signing up behind the {@code disable-registration} kill switch. */
package dev.turnout.sample.users;
