/** The beans behind turnout-spring-boot-starter's auto-configuration. Not an API. */
package dev.turnout.spring.internal;
