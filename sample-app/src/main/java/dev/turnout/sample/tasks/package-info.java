/** The task pages and JSON API, with the API's count field and the new-task form experiment. */
package dev.turnout.sample.tasks;
