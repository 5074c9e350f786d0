/** Fleets over etcd: a catalog source that watches one etcd key, its last-good local copy, and fleet reports. */
package dev.turnout.etcd;
