package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.ComponentModel;
import dev.live.processor.model.TypeModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes codecs of JSON objects with fixed components, in the style of avaje-jsonb's generated
 * adapters: names pre-encoded once, a {@code switch} on the field name when reading, duplicate
 * and unknown fields refused with their position, every missing required field named.
 *
 * <p>One instance serves one generated {@code ...Json} class: it adds the shared constants
 * (encoded names, list codecs, the list of field names) to that class once.
 */
final class ObjectCodecWriter {
  private final TypeCode code;
  private final ClassName holderName;
  private final TypeSpec.Builder holder;
  private final List<String> constants = new ArrayList<>();

  /**
   * {@code holder}, named {@code holderName}, receives the constants; references to them are
   * qualified with its name, so no local variable can shadow them.
   */
  ObjectCodecWriter(TypeCode code, ClassName holderName, TypeSpec.Builder holder) {
    this.code = code;
    this.holderName = holderName;
    this.holder = holder;
  }

  /** The constant holding the pre-encoded name of {@code field}. */
  CodeBlock nameConstant(String field) {
    String constant = "NAME_" + field;
    if (!constants.contains(constant)) {
      constants.add(constant);
      holder.addField(FieldSpec.builder(RuntimeTypes.SERIALIZED_STRING, constant,
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("new $T($S)", RuntimeTypes.SERIALIZED_STRING, field)
          .build());
    }
    return CodeBlock.of("$T.$L", holderName, constant);
  }

  /** The codec to use for a component: a shared constant for lists, so none is built per call. */
  CodeBlock codecOf(ComponentModel component) {
    if (!(component.type() instanceof TypeModel.ListType)) {
      return code.codec(component.type());
    }
    String constant = "CODEC_" + component.name();
    if (!constants.contains(constant)) {
      constants.add(constant);
      holder.addField(FieldSpec.builder(
              ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, component.type().boxedType()), constant,
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(code.codec(component.type()))
          .build());
    }
    return CodeBlock.of("$T.$L", holderName, constant);
  }

  /** A constant listing field names for "expected one of" messages. */
  CodeBlock fieldsConstant(String constant, List<String> names) {
    if (!constants.contains(constant)) {
      constants.add(constant);
      holder.addField(FieldSpec.builder(String.class, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$S", names.isEmpty() ? "(none)" : String.join(", ", names))
          .build());
    }
    return CodeBlock.of("$T.$L", holderName, constant);
  }

  /**
   * A codec class for an object whose components are read into locals and passed to {@code
   * construct} (the target type's canonical constructor) and written from {@code
   * value.component()}.
   */
  TypeSpec objectCodec(String className, ClassName valueType, ClassName constructed,
      List<ComponentModel> components, CodeBlock fieldsConstant) {
    return TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, valueType))
        .addMethod(writeObject(valueType, components))
        .addMethod(readObject(valueType, constructed, components, fieldsConstant))
        .build();
  }

  private MethodSpec writeObject(ClassName valueType, List<ComponentModel> components) {
    MethodSpec.Builder write = writeSignature(valueType);
    NameAllocator locals = locals("out", "value");
    write.addStatement("out.writeStartObject(value)");
    for (ComponentModel component : components) {
      write.addStatement("out.writeFieldName($L)", nameConstant(component.name()));
      CodeBlock read = CodeBlock.of("value.$L()", component.name());
      if (TypeCode.isPrimitive(component.type())) {
        write.addStatement(code.write(component.type(), read, codecOf(component)));
        continue;
      }
      String local = locals.newName(component.name());
      write.addStatement("$T $L = $L", component.type().javaType(), local, read);
      if (component.nullable()) {
        write.beginControlFlow("if ($L == null)", local)
            .addStatement("out.writeNull()")
            .nextControlFlow("else")
            .addStatement(code.write(component.type(), CodeBlock.of("$L", local), codecOf(component)))
            .endControlFlow();
      } else {
        write.beginControlFlow("if ($L == null)", local)
            .addStatement("throw $T.nullInRequiredField($S, $S)", RuntimeTypes.JSON_WRITES,
                valueType.simpleName(), component.name())
            .endControlFlow()
            .addStatement(code.write(component.type(), CodeBlock.of("$L", local), codecOf(component)));
      }
    }
    write.addStatement("out.writeEndObject()");
    return write.build();
  }

  private MethodSpec readObject(ClassName valueType, ClassName constructed, List<ComponentModel> components,
      CodeBlock fieldsConstant) {
    MethodSpec.Builder read = readSignature(valueType);
    NameAllocator locals = locals("in", "name", "missing");
    int words = (components.size() + 63) / 64;
    for (int word = 0; word < Math.max(words, 1); word++) {
      locals.newName("seen" + word, "seen" + word);
    }
    List<String> names = new ArrayList<>();
    read.addStatement("$T.startObject(in, $S)", RuntimeTypes.JSON_READS, "");
    for (ComponentModel component : components) {
      String local = locals.newName(component.name(), component);
      names.add(local);
      read.addStatement("$T $L = $L", component.type().javaType(), local, defaultValue(component.type()));
    }
    for (int word = 0; word < words; word++) {
      read.addStatement("long seen$L = 0L", word);
    }
    CodeBlock.Builder cases = CodeBlock.builder();
    for (int i = 0; i < components.size(); i++) {
      ComponentModel component = components.get(i);
      cases.add("case $S:\n", component.name()).indent()
          .add(markSeen(i, component.name()))
          .addStatement("$L = $L", names.get(i),
              code.read(component.type(), component.nullable(), component.name(), codecOf(component)))
          .addStatement("break")
          .unindent();
    }
    read.addCode(fieldLoop(cases.build(), fieldsConstant));
    addMissingCheck(read, components);
    read.addStatement("return new $T($L)", constructed, String.join(", ", names));
    return read.build();
  }

  /**
   * The loop over an object's fields: {@code cases} handles the known names; any other name is
   * refused, listing {@code fieldsConstant}.
   */
  static CodeBlock fieldLoop(CodeBlock cases, CodeBlock fieldsConstant) {
    return CodeBlock.builder()
        .beginControlFlow("for ($T name = in.nextFieldName(); name != null; name = in.nextFieldName())",
            RuntimeTypes.STRING)
        .addStatement("in.nextToken()")
        .beginControlFlow("switch (name)")
        .add(cases)
        .add("default:\n").indent()
        .addStatement("throw $T.unknownField(in, name, $L)", RuntimeTypes.JSON_READS, fieldsConstant)
        .unindent()
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  /** Marks field {@code index} as seen, refusing it the second time. */
  static CodeBlock markSeen(int index, String name) {
    String word = "seen" + (index / 64);
    String bit = "0x" + Long.toHexString(1L << (index % 64)) + "L";
    return CodeBlock.builder()
        .beginControlFlow("if (($L & $L) != 0)", word, bit)
        .addStatement("throw $T.duplicateField(in, $S)", RuntimeTypes.JSON_READS, name)
        .endControlFlow()
        .addStatement("$L |= $L", word, bit)
        .build();
  }

  /** After the object: every required component must have been seen. */
  private static void addMissingCheck(MethodSpec.Builder read, List<ComponentModel> components) {
    List<Integer> required = new ArrayList<>();
    for (int i = 0; i < components.size(); i++) {
      if (!components.get(i).nullable()) {
        required.add(i);
      }
    }
    if (required.isEmpty()) {
      return;
    }
    List<CodeBlock> tests = new ArrayList<>();
    for (int word = 0; word <= required.get(required.size() - 1) / 64; word++) {
      long mask = 0;
      for (int i : required) {
        if (i / 64 == word) {
          mask |= 1L << (i % 64);
        }
      }
      if (mask != 0) {
        String hex = "0x" + Long.toHexString(mask) + "L";
        tests.add(CodeBlock.of("(seen$L & $L) != $L", word, hex, hex));
      }
    }
    read.beginControlFlow("if ($L)", CodeBlock.join(tests, " || "))
        .addStatement("$T<$T> missing = new $T<>()", RuntimeTypes.LIST, RuntimeTypes.STRING, RuntimeTypes.ARRAY_LIST);
    for (int i : required) {
      read.beginControlFlow("if ((seen$L & 0x$LL) == 0)", i / 64, Long.toHexString(1L << (i % 64)))
          .addStatement("missing.add($S)", components.get(i).name())
          .endControlFlow();
    }
    read.addStatement("throw $T.missingFields(in, missing)", RuntimeTypes.JSON_READS).endControlFlow();
  }

  static CodeBlock defaultValue(TypeModel type) {
    if (type instanceof TypeModel.ScalarType scalar && scalar.primitive()) {
      return CodeBlock.of(scalar.scalar().primitive() == TypeName.BOOLEAN ? "false" : "0");
    }
    return CodeBlock.of("null");
  }

  static NameAllocator locals(String... reserved) {
    NameAllocator allocator = new NameAllocator();
    for (String name : reserved) {
      allocator.newName(name, name);
    }
    return allocator;
  }

  static MethodSpec.Builder writeSignature(TypeName valueType) {
    return MethodSpec.methodBuilder("write")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(RuntimeTypes.JSON_GENERATOR, "out")
        .addParameter(valueType, "value")
        .addException(RuntimeTypes.IO_EXCEPTION);
  }

  static MethodSpec.Builder readSignature(TypeName valueType) {
    return MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(valueType)
        .addParameter(RuntimeTypes.JSON_PARSER, "in")
        .addException(RuntimeTypes.IO_EXCEPTION);
  }
}
