/** Users, tasks and comments, stored in an embedded H2 database through plain JDBC. */
package dev.turnout.sample.data;
