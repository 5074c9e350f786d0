/** Spring Boot support for Turnout: properties, the per-request context resolver, auto-configuration. */
package dev.turnout.spring;
