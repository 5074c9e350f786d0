/** Publishing a catalog to etcd with compare-and-swap and an audit trail, and reading which revision each JVM of a fleet runs. */
package dev.turnout.etcd.admin;
