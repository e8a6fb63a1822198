package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.EnumModel;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code ...Json} class of an enum: its codec, and {@code fromName}, a {@code
 * switch} over the constants' names ({@code Enum.valueOf} would look them up reflectively).
 */
final class EnumJsonWriter {
  private final TypeCode code;

  EnumJsonWriter(TypeCode code) {
    this.code = code;
  }

  TypeSpec.Builder write(EnumModel model) {
    ClassName type = model.name();
    ClassName self = code.jsonOf(type);
    String names = String.join(", ", model.constants());
    MethodSpec.Builder fromName = MethodSpec.methodBuilder("fromName")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(TypeCode.nullable(type))
        .addParameter(String.class, "name")
        .addJavadoc("The constant named {@code name}, or null when there is none.\n");
    CodeBlock.Builder cases = CodeBlock.builder();
    for (String constant : model.constants()) {
      cases.add("case $S:\n", constant).indent().addStatement("return $T.$L", type, constant).unindent();
    }
    cases.add("default:\n").indent().addStatement("return null").unindent();
    fromName.beginControlFlow("switch (name)").addCode(cases.build()).endControlFlow();

    MethodSpec write = ObjectCodecWriter.writeSignature(type)
        .addStatement("out.writeString(value.name())")
        .build();
    MethodSpec read = ObjectCodecWriter.readSignature(type)
        .addStatement("$T name = $T.string(in, $S)", RuntimeTypes.STRING, RuntimeTypes.JSON_READS, "")
        .addStatement("$T value = fromName(name)", type)
        .beginControlFlow("if (value == null)")
        .addStatement("throw $T.invalid(in, $S, \"\\\"\" + $T.shortened(name) + $S + NAMES)", RuntimeTypes.JSON_READS,
            "", RuntimeTypes.JSON_READS, "\" is not a " + type.simpleName() + "; expected one of: ")
        .endControlFlow()
        .addStatement("return value")
        .build();

    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("The JSON codec of enum {@link $T}: constants by name.\n", type)
        .addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, type), "CODEC",
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Reads and writes a constant as its name.\n")
            .initializer("new Codec()")
            .build())
        .addField(FieldSpec.builder(String.class, "NAMES", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The constants' names, for messages.\n")
            .initializer("$S", names)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(fromName.build())
        .addType(TypeSpec.classBuilder("Codec")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, type))
            .addMethod(write)
            .addMethod(read)
            .build());
  }
}
