/** Operating the application: the live log level, experiment exposures and the {@code /flags} page. */
package dev.turnout.sample.ops;
