package dev.turnout.processor.internal;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/** Step 4a: writes the {@code Flags} class, one constant per flag, in catalog order. */
final class FlagsWriter {

  /** The generated class's simple name. */
  public static final String SIMPLE_NAME = "Flags";

  /** The name in the generated {@code @Generated}: the processor. */
  public static final String GENERATOR = "dev.turnout.processor.TurnoutProcessor";

  private FlagsWriter() {}

  /** The source of {@code packageName.Flags}. */
  public static JavaFile flagsFile(String packageName, List<FlagInfo> flags, String catalogFileName,
      boolean withGenerated, Collection<? extends Element> originating) {
    TypeSpec.Builder type = TypeSpec.classBuilder(SIMPLE_NAME)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    if (catalogFileName != null) {
      type.addJavadoc("The flag keys of the catalog {@code $L}, as constants that also work inside annotations:\n",
          javadoc(catalogFileName));
    } else {
      type.addJavadoc("The flag keys the code names (no catalog was found), as constants that also work inside "
          + "annotations:\n");
    }
    type.addJavadoc("{@code @FeatureFlag(Flags.NAME)}, {@code Turnout.isEnabled(Flags.NAME)}.\n");
    if (withGenerated) {
      type.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", GENERATOR)
          .build());
    }
    for (Element e : originating) {
      type.addOriginatingElement(e);
    }
    for (FlagInfo flag : flags) {
      type.addField(FieldSpec.builder(String.class, flag.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .initializer("$S", flag.key())
          .addJavadoc(fieldJavadoc(flag))
          .build());
    }
    return JavaFile.builder(packageName, type.build()).indent("  ").skipJavaLangImports(true).build();
  }

  /** Writes {@code packageName.Flags} with the filer. */
  public static void write(Filer filer, JavaFile file) throws IOException {
    file.writeTo(filer);
  }

  private static CodeBlock fieldJavadoc(FlagInfo flag) {
    CodeBlock.Builder doc = CodeBlock.builder();
    String description = flag.description() == null || flag.description().isBlank()
        ? "Flag {@code " + javadoc(flag.key()) + "}."
        : javadoc(flag.description().strip());
    doc.add("$L\n", description);
    List<String> meta = new ArrayList<>();
    meta.add("Key: {@code " + javadoc(flag.key()) + "}");
    if (flag.owner() != null) {
      meta.add("Owner: " + javadoc(flag.owner()));
    }
    if (flag.ticket() != null) {
      meta.add("Ticket: " + javadoc(flag.ticket()));
    }
    if (flag.expires() != null) {
      meta.add("Expires: " + flag.expires());
    }
    doc.add("\n<p>$L.\n", String.join(". ", meta));
    return doc.build();
  }

  /** Text made safe inside Javadoc: no comment end, no HTML, no tags at line start, one line. */
  static String javadoc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("*/", "*&#47;").replace("@", "{@literal @}")
        .replaceAll("\\s*\\R\\s*", " ");
  }
}
