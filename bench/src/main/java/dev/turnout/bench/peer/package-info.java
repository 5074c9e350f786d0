/** The typical flag in Turnout, in each peer flag system and in two baselines, behind one small interface. */
package dev.turnout.bench.peer;
