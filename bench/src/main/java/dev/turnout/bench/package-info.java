/** JMH benchmarks of flag evaluation. */
package dev.turnout.bench;
