/** The Java agent: routes gated methods to their alternates by live rules. */
package dev.turnout.agent;
