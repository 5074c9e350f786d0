package dev.turnout.sample.data;

/**
 * A comment on a task.
 *
 * <pre>{@code
 * Comment c = comments.create(task.id(), bob, "Done by Friday?");
 * }</pre>
 *
 * @param id the database id
 * @param taskId the task commented on
 * @param author the name of the user who wrote it
 * @param body the text
 */
public record Comment(long id, long taskId, String author, String body) {}
