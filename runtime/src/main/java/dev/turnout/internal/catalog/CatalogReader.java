package dev.turnout.internal.catalog;

import dev.turnout.CatalogException;
import dev.turnout.CatalogFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a catalog, collecting every problem with its line and column: the front door of
 * every format. It decodes and parses the text ({@link TreeReader}), recognises an Unleash or flagd
 * document given as JSON or YAML, and hands the tree to that format's reader ({@link NativeReader},
 * {@link UnleashReader}, {@link FlagdReader}). A catalog with any problem is rejected whole.
 *
 * <pre>{@code
 * Catalog catalog = CatalogReader.read("flags.yaml", text, CatalogFormat.YAML);
 * }</pre>
 */
public final class CatalogReader {

  /**
   * Longest chain of flags and segments naming each other in conditions (a flag with no such condition
   * is a chain of one). Evaluation follows the chain on the stack; real catalogs stay under five.
   */
  public static final int MAX_REFERENCE_DEPTH = 32;
  /**
   * Most conditions one evaluation of a flag can visit, counting a flag or segment again at each place it
   * is named (so that naming one twice per level cannot make evaluation exponential).
   */
  public static final int MAX_EVALUATION_COST = 10_000;
  /** At most this many flags and segments on cycles are reported, each with its path. */
  public static final int MAX_CYCLES_SHOWN = 10;

  /** A calendar date as the format writes it: {@code 2027-02-01}. */
  static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private CatalogReader() {}

  /**
   * Reads and validates a catalog from its bytes, which must be UTF-8 (a leading byte order mark is
   * skipped): bytes that are not are refused with their line, column and byte offset.
   *
   * @param source the catalog's name in messages
   * @throws CatalogException listing every problem, when there is any
   */
  public static Catalog read(String source, byte[] bytes, CatalogFormat format) {
    Problems problems = new Problems(source);
    String text = TreeReader.decode(bytes, problems);
    problems.throwIfAny();
    return read(source, text, format);
  }

  /**
   * Reads and validates a catalog from its text.
   *
   * @param source the catalog's name in messages
   * @throws CatalogException listing every problem, when there is any
   */
  public static Catalog read(String source, String text, CatalogFormat format) {
    return read(source, text, format, Superseded.NEVER);
  }

  /**
   * Reads and validates a catalog from its text, giving up as soon as {@code newer} says a newer version
   * of it is there: while the text is parsed (asked before each chunk the parser takes; the check should
   * be cheap, or answer from a recent look) and before it is validated.
   *
   * @param source the catalog's name in messages
   * @throws CatalogException listing every problem, when there is any
   * @throws Superseded when {@code newer} said so; nothing is known about the text then
   */
  public static Catalog read(String source, String text, CatalogFormat format, BooleanSupplier newer) {
    Problems problems = new Problems(source);
    Node root = TreeReader.read(text, format, problems, newer);
    Superseded.check(newer);
    problems.throwIfAny();
    CatalogFormat shape = format;
    if (format == CatalogFormat.JSON || format == CatalogFormat.YAML) {
      shape = UnleashReader.recognises(root) ? CatalogFormat.UNLEASH
          : FlagdReader.recognises(root) ? CatalogFormat.FLAGD : format;
    }
    Catalog catalog;
    if (shape == CatalogFormat.UNLEASH) {
      catalog = UnleashReader.read(source, root, problems);
      References.check(catalog, problems);
    } else if (shape == CatalogFormat.FLAGD) {
      catalog = FlagdReader.read(source, root, problems);
    } else {
      catalog = NativeReader.read(source, root, problems);
    }
    problems.throwIfAny();
    return catalog;
  }

  /** An ISO-8601 instant with an offset, or a date (midnight UTC); null when it is neither. */
  public static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // try the other forms
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      // try a plain date
    }
    Matcher m = DATE.matcher(text);
    if (m.matches()) {
      try {
        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
