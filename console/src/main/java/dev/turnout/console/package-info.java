/** The Turnout console: a web application that shows and edits a flag catalog ({@link dev.turnout.console.Main}). */
package dev.turnout.console;
