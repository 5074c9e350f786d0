/** The Jupiter extensions behind turnout-junit's annotations. Not an API. */
package dev.turnout.junit.internal;
