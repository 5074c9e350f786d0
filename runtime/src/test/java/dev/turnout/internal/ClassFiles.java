package dev.turnout.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the tests check in compiled classes: the constant pool's texts and each method's bytecode size. */
public final class ClassFiles {

  private final String[] texts;
  private final Map<String, Integer> codeSizes = new LinkedHashMap<>();

  private ClassFiles(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    texts = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> texts[i] = in.readUTF();
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // class, string, method type, module, package
        case 15 -> in.skipNBytes(3); // method handle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> { // long and double take two entries
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    in.skipNBytes(6); // access flags, this class, super class
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    members(in, false); // fields
    members(in, true); // methods
  }

  private void members(DataInputStream in, boolean methods) throws IOException {
    int count = in.readUnsignedShort();
    for (int m = 0; m < count; m++) {
      in.skipNBytes(2); // access flags
      String name = texts[in.readUnsignedShort()] + texts[in.readUnsignedShort()];
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = texts[in.readUnsignedShort()];
        int length = in.readInt();
        if (methods && "Code".equals(attribute)) {
          in.skipNBytes(4); // max stack, max locals
          int code = in.readInt();
          codeSizes.put(name, code);
          in.skipNBytes(length - 8L);
        } else {
          in.skipNBytes(length);
        }
      }
    }
  }

  /** The class file read from the stream (which this closes). */
  public static ClassFiles read(InputStream file) throws IOException {
    try (DataInputStream in = new DataInputStream(file)) {
      return new ClassFiles(in);
    }
  }

  /** The class of the runtime, read from the class path. */
  public static ClassFiles of(Class<?> type) throws IOException {
    InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class");
    if (in == null) {
      throw new IOException("no class file for " + type.getName());
    }
    return read(in);
  }

  /** The UTF-8 entries of the constant pool: class names, descriptors, signatures, strings. */
  public List<String> constantPoolTexts() {
    List<String> out = new ArrayList<>();
    for (String t : texts) {
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** Bytes of bytecode per method, by name and descriptor ({@code evaluate(Ljava/lang/String;)V}). */
  public Map<String, Integer> codeSizes() {
    return codeSizes;
  }
}
