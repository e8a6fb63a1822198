package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.FieldModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code TaskInsert}: a record with the collection's components and a builder. Both
 * reject missing required fields with one message naming every one of them.
 */
final class InsertTypeWriter {
  TypeSpec.Builder write(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName self = GeneratedNames.insert(collection);
    ClassName builder = self.nestedClass("Builder");
    MethodSpec.Builder constructor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
    for (FieldModel field : collection.fields()) {
      ParameterSpec.Builder parameter = ParameterSpec.builder(
          field.nullable() ? TypeCode.nullable(field.type().javaType()) : field.type().javaType(), field.name());
      constructor.addParameter(parameter.build());
    }
    List<FieldModel> requiredObjects = collection.fields().stream()
        .filter(f -> !f.nullable() && !TypeCode.isPrimitive(f.type())).toList();
    String missing = missingLocal(collection);
    if (!requiredObjects.isEmpty()) {
      CodeBlock anyNull = CodeBlock.join(requiredObjects.stream()
          .map(f -> CodeBlock.of("$L == null", f.name())).toList(), " || ");
      constructor.beginControlFlow("if ($L)", anyNull)
          .addStatement("$T<$T> $L = new $T<>()", RuntimeTypes.LIST, RuntimeTypes.STRING, missing,
              RuntimeTypes.ARRAY_LIST);
      for (FieldModel field : requiredObjects) {
        constructor.beginControlFlow("if ($L == null)", field.name())
            .addStatement("$L.add($S)", missing, field.name())
            .endControlFlow();
      }
      constructor.addStatement("throw $T.missing($L)", self, missing).endControlFlow();
    }
    for (FieldModel field : collection.fields()) {
      if (field.type() instanceof dev.live.processor.model.TypeModel.ListType) {
        // A snapshot: the insert must not change when the caller's list does.
        constructor.addStatement("$L = $T.copyList($L, $S, $S)", field.name(), RuntimeTypes.DTO_VALUES, field.name(),
            self.simpleName(), field.name());
      }
    }

    TypeSpec.Builder type = TypeSpec.recordBuilder(self)
        .addModifiers(Modifier.PUBLIC)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.INSERT_DTO, record))
        .recordConstructor(constructor.build())
        .addJavadoc("A new row of collection {@code $L}. Required fields must be set; nullable ones may be left\n"
            + "out.\n\n<pre>{@code\n$T.builder()$L.build()\n}</pre>\n",
            collection.name(), self, exampleSetters(collection))
        .addMethod(MethodSpec.methodBuilder("builder")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(builder)
            .addJavadoc("A builder with nothing set.\n")
            .addStatement("return new $T()", builder)
            .build())
        .addMethod(MethodSpec.methodBuilder("of")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addParameter(record, "row")
            .addJavadoc("An insert of {@code row} as it is; a required component holding null is reported as missing.\n")
            .addStatement("return new $T($L)", self, CodeBlock.join(collection.fields().stream()
                .map(f -> CodeBlock.of("row.$L()", f.name())).toList(), ", "))
            .build())
        .addMethod(MethodSpec.methodBuilder("collection")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(ParameterizedTypeName.get(RuntimeTypes.COLLECTION_SCHEMA, record))
            .addStatement("return $T.COLLECTION", GeneratedNames.metamodel(collection))
            .build())
        .addMethod(MethodSpec.methodBuilder("toRecord")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(record)
            .addStatement("return new $T($L)", record, arguments(collection, ""))
            .build())
        .addMethod(missingMethod(self))
        .addType(builderType(collection, self, builder));
    return type;
  }

  private static MethodSpec missingMethod(ClassName self) {
    return MethodSpec.methodBuilder("missing")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(RuntimeTypes.LIVE_EXCEPTION)
        .addParameter(ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.STRING), "missing")
        .addStatement("return new $T($T.MISSING_FIELD, $S + (missing.size() == 1 ? \"field: \" : \"fields: \")"
            + " + $T.join(\", \", missing))", RuntimeTypes.LIVE_EXCEPTION, RuntimeTypes.ERROR_CODE,
            self.simpleName() + " is missing required ", RuntimeTypes.STRING)
        .build();
  }

  private static TypeSpec builderType(CollectionModel collection, ClassName self, ClassName builder) {
    TypeSpec.Builder type = TypeSpec.classBuilder(builder)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Collects the fields of a {@link $T}; {@link #build()} reports every missing required field.\n",
            self)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (FieldModel field : collection.fields()) {
      // Boxed, so that an unset primitive is told apart from false or 0.
      TypeName stored = field.type().boxedType();
      type.addField(FieldSpec.builder(stored, field.name(), Modifier.PRIVATE).build());
      ParameterSpec.Builder parameter = ParameterSpec.builder(
          field.nullable() ? TypeCode.nullable(field.type().javaType()) : field.type().javaType(), field.name());
      type.addMethod(MethodSpec.methodBuilder(field.name())
          .addModifiers(Modifier.PUBLIC)
          .returns(builder)
          .addParameter(parameter.build())
          .addStatement("this.$L = $L", field.name(), field.name())
          .addStatement("return this")
          .build());
    }
    MethodSpec.Builder build = MethodSpec.methodBuilder("build")
        .addModifiers(Modifier.PUBLIC)
        .returns(self)
        .addJavadoc("The insert, or a {@code MISSING_FIELD} error naming every required field left unset.\n");
    List<FieldModel> required = collection.fields().stream().filter(f -> !f.nullable()).toList();
    if (!required.isEmpty()) {
      String missing = missingLocal(collection);
      build.addStatement("$T<$T> $L = new $T<>()", RuntimeTypes.LIST, RuntimeTypes.STRING, missing,
          RuntimeTypes.ARRAY_LIST);
      for (FieldModel field : required) {
        build.beginControlFlow("if ($L == null)", field.name())
            .addStatement("$L.add($S)", missing, field.name())
            .endControlFlow();
      }
      build.beginControlFlow("if (!$L.isEmpty())", missing)
          .addStatement("throw $T.missing($L)", self, missing)
          .endControlFlow();
    }
    build.addStatement("return new $T($L)", self, arguments(collection, ""));
    return type.addMethod(build.build()).build();
  }

  /** A name for the list of missing fields that no component's name hides. */
  private static String missingLocal(CollectionModel collection) {
    NameAllocator names = new NameAllocator();
    collection.fields().forEach(f -> names.newName(f.name(), f));
    return names.newName("missing");
  }

  static CodeBlock arguments(CollectionModel collection, String prefix) {
    return CodeBlock.join(collection.fields().stream()
        .map(f -> CodeBlock.of("$L$L", prefix, f.name())).toList(), ", ");
  }

  private static String exampleSetters(CollectionModel collection) {
    StringBuilder example = new StringBuilder();
    for (FieldModel field : collection.fields()) {
      if (!field.nullable()) {
        example.append('.').append(field.name()).append("(...)");
      }
    }
    return example.toString();
  }
}
