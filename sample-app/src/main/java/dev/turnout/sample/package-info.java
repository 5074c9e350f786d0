/** A small application showing a flag's life: evaluated per user, changed live by editing the catalog. */
package dev.turnout.sample;
