package dev.turnout.sample.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The three forms of {@code task-form-experiment}: each names its variant and posts it back. */
class NewTaskFormTest {

  private final NewTaskForm form = new NewTaskForm();

  @Test
  void eachVariantIsMarkedAndPostsItsName() {
    assertThat(form.render()).contains("data-variant=\"classic\"").contains("name=\"variant\" value=\"classic\"")
        .contains("Add task");
    assertThat(form.renderCompact()).contains("data-variant=\"compact\"").contains("value=\"compact\"")
        .contains("What needs doing?");
    assertThat(form.renderGuided()).contains("data-variant=\"guided\"").contains("value=\"guided\"")
        .contains("Good tasks start with a verb");
    for (String f : new String[] {form.render(), form.renderCompact(), form.renderGuided()}) {
      assertThat(f).contains("action=\"/tasks\"").contains("name=\"title\"");
    }
  }
}
