package dev.turnout.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnout.processor.ProjectDocs;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message table of docs/processor.md against {@link Message}: every message has a row with its id,
 * its kind and its text, and every row is a message.
 */
class MessageTableTest {

  /** A table row: | `turnout.id` | kind | `message` | meaning |. */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`(turnout\\.[^`]+)`\\s*\\|(.*)\\|\\s*$");
  /** Cell separators: a | that Markdown does not escape. */
  private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");

  private record Row(int line, String kind, String message, String meaning) {}

  private static Map<String, Row> table;
  private static List<String> duplicates;

  @BeforeAll
  static void readTable() {
    table = new LinkedHashMap<>();
    duplicates = new ArrayList<>();
    String[] lines = ProjectDocs.read("docs/processor.md").split("\n");
    for (int i = 0; i < lines.length; i++) {
      Matcher m = ROW.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      String[] cells = CELL.split(m.group(2), -1);
      assertThat(cells).as("docs/processor.md:%d: id, kind, message and meaning", i + 1).hasSize(3);
      Row row = new Row(i + 1, cells[0].strip(), unquote(cells[1].strip()), cells[2].strip());
      if (table.put(m.group(1), row) != null) {
        duplicates.add(m.group(1));
      }
    }
  }

  private static String unquote(String cell) {
    return cell.length() >= 2 && cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
  }

  /** The template as the table shows it: each argument, or run of arguments, as "…". */
  private static String shown(Message message) throws ReflectiveOperationException {
    Field template = Message.class.getDeclaredField("template");
    template.setAccessible(true);
    return ((String) template.get(message)).replaceAll("(%[sd])+", "…");
  }

  @Test
  void everyMessageHasARowAndEveryRowIsAMessage() {
    TreeSet<String> ids = new TreeSet<>();
    for (Message m : Message.values()) {
      ids.add(m.id());
    }
    TreeSet<String> missing = new TreeSet<>(ids);
    missing.removeAll(table.keySet());
    TreeSet<String> unknown = new TreeSet<>(table.keySet());
    unknown.removeAll(ids);

    assertThat(missing).as("messages missing from the table of docs/processor.md").isEmpty();
    assertThat(unknown).as("rows of docs/processor.md for ids the processor does not have").isEmpty();
    assertThat(duplicates).as("ids with more than one row in docs/processor.md").isEmpty();
  }

  @Test
  void eachRowHasTheMessagesKindTextAndAMeaning() throws ReflectiveOperationException {
    for (Message m : Message.values()) {
      Row row = table.get(m.id());
      if (row == null) {
        continue; // reported by everyMessageHasARowAndEveryRowIsAMessage
      }
      String at = "docs/processor.md:" + row.line() + " (" + m.id() + ")";
      assertThat(row.kind()).as(at + ": kind").isEqualTo(m.severity().name().toLowerCase(Locale.ROOT));
      assertThat(row.message()).as(at + ": message").isEqualTo(shown(m));
      assertThat(row.meaning()).as(at + ": meaning").isNotBlank();
    }
  }
}
