package dev.turnout.sample.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.junit.WithFlag;
import dev.turnout.sample.Flags;
import org.junit.jupiter.api.Test;

/** The three forms of {@code task-form-experiment}: each names its variant and posts only the task. */
class NewTaskFormTest {

  private final NewTaskForm form = new NewTaskForm();

  @Test
  @WithFlag(value = Flags.TASK_FORM_EXPERIMENT, variant = "classic")
  void theClassicFormIsMarkedAndPostsOnlyTheTask() {
    assertThat(form.render()).contains("data-variant=\"classic\"").doesNotContain("type=\"hidden\"")
        .contains("Add task").contains("action=\"/tasks\"").contains("name=\"title\"");
  }

  @Test
  void theCompactFormIsMarkedAndPostsOnlyTheTask() {
    assertThat(form.renderCompact()).contains("data-variant=\"compact\"").doesNotContain("type=\"hidden\"")
        .contains("What needs doing?").contains("action=\"/tasks\"").contains("name=\"title\"");
  }

  @Test
  void theGuidedFormIsMarkedAndPostsOnlyTheTask() {
    assertThat(form.renderGuided()).contains("data-variant=\"guided\"").doesNotContain("type=\"hidden\"")
        .contains("Good tasks start with a verb").contains("action=\"/tasks\"").contains("name=\"title\"");
  }
}
