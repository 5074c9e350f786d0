/** The annotation processor: checks flag keys against the catalog and generates Flags, a registry and the agent index. */
package dev.turnout.processor;
