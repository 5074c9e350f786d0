package dev.turnout.internal.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads files and resources with a bound on the bytes actually read (a file's reported size proves
 * nothing: {@code /dev/zero} and {@code /proc} files report 0), refusing what is not a regular file
 * before opening it (opening a FIFO waits for a writer, possibly forever). Every file Turnout reads
 * goes through here.
 */
public final class Bounded {

  private Bounded() {}

  /**
   * The bytes of the file, or null when it does not exist. A symbolic link is followed to the file it
   * names, checked, and that file is opened (not the link, which may be swapped meanwhile).
   *
   * @param what how to name the file in messages
   * @throws IOException when it is not a regular file, is larger than {@code max} bytes, or cannot be read
   */
  public static byte[] file(Path path, long max, String what) throws IOException {
    Path real;
    BasicFileAttributes attributes;
    try {
      real = path.toRealPath();
      attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!attributes.isRegularFile()) {
      throw new IOException(what + " is not a regular file (" + kind(attributes) + "): refused");
    }
    if (attributes.size() > max) {
      throw new IOException(what + " is " + attributes.size() + " bytes, larger than the limit of " + max + " bytes");
    }
    try (InputStream in = Files.newInputStream(real)) {
      return stream(in, max, what);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** The bytes of the stream, at most {@code max}; more is an {@link IOException}. */
  public static byte[] stream(InputStream in, long max, String what) throws IOException {
    int limit = (int) Math.min(max, Integer.MAX_VALUE - 16);
    byte[] bytes = in.readNBytes(limit);
    if (bytes.length == limit && in.read() >= 0) {
      throw new IOException(what + " is larger than the limit of " + limit + " bytes");
    }
    return bytes;
  }

  /**
   * The bytes of a class path resource, at most {@code max}; a resource in a folder of the class path
   * must be a regular file, as {@link #file} requires.
   */
  public static byte[] resource(URL url, long max, String what) throws IOException {
    if ("file".equals(url.getProtocol())) {
      try {
        byte[] bytes = file(Path.of(url.toURI()), max, what);
        if (bytes == null) {
          throw new NoSuchFileException(what);
        }
        return bytes;
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a plain file URL after all: read it as a stream
      }
    }
    try (InputStream in = url.openStream()) {
      return stream(in, max, what);
    }
  }

  private static String kind(BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "a directory";
    }
    if (a.isSymbolicLink()) {
      return "a symbolic link";
    }
    return "a device, pipe or socket";
  }
}
