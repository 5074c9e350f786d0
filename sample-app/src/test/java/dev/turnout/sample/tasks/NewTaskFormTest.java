package dev.turnout.sample.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.junit.WithFlag;
import dev.turnout.sample.Flags;
import org.junit.jupiter.api.Test;

/** The three forms of {@code task-form-experiment}: each names its variant and posts it back. */
class NewTaskFormTest {

  private final NewTaskForm form = new NewTaskForm();

  @Test
  @WithFlag(value = Flags.TASK_FORM_EXPERIMENT, variant = "classic")
  void theClassicFormIsMarkedAndPostsItsName() {
    assertThat(form.render()).contains("data-variant=\"classic\"").contains("name=\"variant\" value=\"classic\"")
        .contains("Add task").contains("action=\"/tasks\"").contains("name=\"title\"");
  }

  @Test
  void theCompactFormIsMarkedAndPostsItsName() {
    assertThat(form.renderCompact()).contains("data-variant=\"compact\"").contains("value=\"compact\"")
        .contains("What needs doing?").contains("action=\"/tasks\"").contains("name=\"title\"");
  }

  @Test
  void theGuidedFormIsMarkedAndPostsItsName() {
    assertThat(form.renderGuided()).contains("data-variant=\"guided\"").contains("value=\"guided\"")
        .contains("Good tasks start with a verb").contains("action=\"/tasks\"").contains("name=\"title\"");
  }
}
