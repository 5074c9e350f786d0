/** A small web layer on the JDK's built-in HTTP server: routing, requests, responses, HTML and JSON. */
package dev.turnout.sample.web;
