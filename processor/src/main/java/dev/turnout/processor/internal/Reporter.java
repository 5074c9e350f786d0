package dev.turnout.processor.internal;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@link Message}s at the most precise place known: an element, its annotation and the
 * attribute at fault, or a tree inside a method body. With {@code -Aturnout.strict=true} warnings are
 * reported as errors.
 */
final class Reporter {

  private final Messager messager;
  private final Trees trees;
  private final boolean strict;
  private int errors;

  public Reporter(Messager messager, Trees trees, boolean strict) {
    this.messager = messager;
    this.trees = trees;
    this.strict = strict;
  }

  /** Reports on an annotation attribute; {@code mirror} and {@code value} may be null for less precision. */
  public void report(Message message, Element element, AnnotationMirror mirror, AnnotationValue value, Object... args) {
    messager.printMessage(kind(message), message.format(args), element, mirror, value);
  }

  /** Reports on an element as a whole. */
  public void report(Message message, Element element, Object... args) {
    messager.printMessage(kind(message), message.format(args), element);
  }

  /** Reports on a tree (an expression in a method body), or without a place when trees are unavailable. */
  public void report(Message message, Tree tree, CompilationUnitTree unit, Object... args) {
    if (trees != null && tree != null && unit != null) {
      trees.printMessage(kind(message), message.format(args), tree, unit);
    } else {
      messager.printMessage(kind(message), message.format(args));
    }
  }

  /** Reports without a place in the sources (catalog problems). */
  public void report(Message message, Object... args) {
    messager.printMessage(kind(message), message.format(args));
  }

  /** Whether an error has been reported through this reporter. */
  public boolean hasErrors() {
    return errors > 0;
  }

  private Diagnostic.Kind kind(Message message) {
    if (message.severity() == Message.Severity.ERROR || strict) {
      errors++;
      return Diagnostic.Kind.ERROR;
    }
    return Diagnostic.Kind.WARNING;
  }
}
