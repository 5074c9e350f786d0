package dev.turnout.internal.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A catalog document as a tree that remembers where each part was written, for precise errors. */
public abstract class Node {

  private final int line;
  private final int column;
  /**
   * What an analysis of this subtree found, kept so that a subtree shared by many flags (a flagd
   * evaluator) is analysed once per catalog; the tree itself never changes.
   */
  private volatile Object analysis;

  Node(int line, int column) {
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The analysis kept by {@link #analysis(Object)}, or null. */
  public Object analysis() {
    return analysis;
  }

  /** Keeps what an analysis of this subtree found (the same answer whoever computes it). */
  public void analysis(Object found) {
    this.analysis = found;
  }

  /** What kind of value this is, for messages: "a map", "a list", "a string", ... */
  public abstract String describe();

  /** The value as plain Java data (Map, List, String, Long, Double, Boolean, null), without positions. */
  public abstract Object toPlain();

  /** A mapping; keys keep their own positions so "unknown field" points at the key. */
  public static final class MapNode extends Node {
    /** Above this many fields, lookups go through {@link #index}; below, a scan is quicker and smaller. */
    private static final int SCAN_LIMIT = 8;

    private final List<Field> fields = new ArrayList<>(4);
    private Map<String, Field> index;

    MapNode(int line, int column) {
      super(line, column);
    }

    /** Adds a field; returns false (and keeps the first) when the key is already there. */
    boolean add(Field field) {
      if (field(field.name()) != null) {
        return false;
      }
      fields.add(field);
      if (index != null) {
        index.put(field.name(), field);
      } else if (fields.size() > SCAN_LIMIT) {
        index = new HashMap<>();
        fields.forEach(f -> index.put(f.name(), f));
      }
      return true;
    }

    public Field field(String name) {
      if (index != null) {
        return index.get(name);
      }
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        if (f.name().equals(name)) {
          return f;
        }
      }
      return null;
    }

    public Node get(String name) {
      Field f = field(name);
      return f == null ? null : f.value();
    }

    public boolean has(String name) {
      return field(name) != null;
    }

    /** The fields in the order written. */
    public List<Field> fields() {
      return Collections.unmodifiableList(fields);
    }

    /** How many fields there are. */
    public int size() {
      return fields.size();
    }

    /** The field at {@code index} in the order written: {@link #fields()} without a view and an iterator. */
    public Field fieldAt(int index) {
      return fields.get(index);
    }

    @Override
    public String describe() {
      return "a map";
    }

    @Override
    public Object toPlain() {
      Map<String, Object> map = new LinkedHashMap<>();
      fields.forEach(f -> map.put(f.name(), f.value().toPlain()));
      return Collections.unmodifiableMap(map);
    }
  }

  /** A sequence. */
  public static final class ListNode extends Node {
    private final List<Node> items = new ArrayList<>(4); // most lists in a catalog hold one to three items

    ListNode(int line, int column) {
      super(line, column);
    }

    void add(Node item) {
      items.add(item);
    }

    public List<Node> items() {
      return Collections.unmodifiableList(items);
    }

    /** How many items there are. */
    public int size() {
      return items.size();
    }

    /** The item at {@code index}: {@link #items()} without a view and an iterator. */
    public Node item(int index) {
      return items.get(index);
    }

    @Override
    public String describe() {
      return "a list";
    }

    @Override
    public Object toPlain() {
      List<Object> list = new ArrayList<>();
      items.forEach(i -> list.add(i.toPlain()));
      return Collections.unmodifiableList(list);
    }
  }

  /** A string, number, boolean or null, with the text as written. */
  public static final class ScalarNode extends Node {
    private final Object value;
    private final String text;

    ScalarNode(Object value, String text, int line, int column) {
      super(line, column);
      this.value = value;
      this.text = text;
    }

    /** String, Long, Double, Boolean, or null. */
    public Object value() {
      return value;
    }

    /** The scalar as written ("10", "true", "on"); "null" for null. */
    public String text() {
      return text;
    }

    public boolean isString() {
      return value instanceof String;
    }

    public boolean isNumber() {
      return value instanceof Long || value instanceof Double;
    }

    @Override
    public String describe() {
      if (value == null) {
        return "null";
      }
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Boolean) {
        return "a boolean";
      }
      return "a number";
    }

    @Override
    public Object toPlain() {
      return value;
    }
  }

  /** A map entry, with the key's position. */
  public record Field(String name, int line, int column, Node value) {}
}
