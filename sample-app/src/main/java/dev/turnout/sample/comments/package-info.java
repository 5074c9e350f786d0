/** Task comments: a feature shipped dark behind the release flag {@code product-TASKS-103-comments}. */
package dev.turnout.sample.comments;
