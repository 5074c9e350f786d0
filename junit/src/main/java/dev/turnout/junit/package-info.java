/** JUnit Jupiter support: pin flags per test with {@link dev.turnout.junit.WithFlag}, vary one with {@link dev.turnout.junit.VaryFlag}. */
package dev.turnout.junit;
