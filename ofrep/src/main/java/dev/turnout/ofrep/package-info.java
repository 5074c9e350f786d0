/**
 * The OpenFeature Remote Evaluation Protocol (OFREP) served from a Turnout engine: {@link
 * dev.turnout.ofrep.OfrepService} answers single-flag and bulk evaluations independently of any HTTP
 * stack, and {@link dev.turnout.ofrep.OfrepServer} serves it on the JDK's HTTP server.
 */
package dev.turnout.ofrep;
