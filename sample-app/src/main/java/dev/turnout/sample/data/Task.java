package dev.turnout.sample.data;

/**
 * A task on the team's shared list.
 *
 * <pre>{@code
 * Task task = tasks.create("Water the plants", ann);
 * tasks.complete(task.id());
 * }</pre>
 *
 * @param id the database id
 * @param title what is to be done
 * @param createdBy the name of the user who created it
 * @param done whether it is completed
 */
public record Task(long id, String title, String createdBy, boolean done) {}
