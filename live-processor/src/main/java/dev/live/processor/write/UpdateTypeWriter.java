package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.FieldModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code TaskUpdate}: an immutable partial change with a setter per field but the id.
 * A required field cannot be set to null; a nullable one can, which differs from not setting it.
 */
final class UpdateTypeWriter {
  TypeSpec.Builder write(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName self = GeneratedNames.update(collection);
    ClassName meta = GeneratedNames.metamodel(collection);
    int count = collection.fields().size();
    FieldModel example = collection.fields().stream().filter(f -> !f.id()).findFirst().orElse(collection.id());
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeTypes.UPDATE_DTO, record))
        .addJavadoc("A change to some fields of a row of collection {@code $L}; the id cannot change.\n"
            + "Immutable: each setter returns a new update.\n\n<pre>{@code\n$T.of().$L(...)\n}</pre>\n",
            collection.name(), self, example.name())
        .addField(FieldSpec.builder(self, "EMPTY", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", self)
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addStatement("super($L)", count)
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(self, "from")
            .addParameter(TypeName.INT, "index")
            .addParameter(Object.class, "value")
            .addStatement("super(from, index, value)")
            .build())
        .addMethod(MethodSpec.methodBuilder("of")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addJavadoc("An update that changes nothing yet.\n")
            .addStatement("return EMPTY")
            .build());
    for (FieldModel field : collection.fields()) {
      if (!field.id()) {
        type.addMethod(setter(self, field));
      }
    }
    type.addMethod(MethodSpec.methodBuilder("collection")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(RuntimeTypes.COLLECTION_SCHEMA, record))
        .addStatement("return $T.COLLECTION", meta)
        .build());
    CodeBlock.Builder after = CodeBlock.builder();
    for (int i = 0; i < count; i++) {
      FieldModel field = collection.fields().get(i);
      if (i > 0) {
        after.add(",\n");
      }
      if (field.id()) {
        after.add("before.$L()", field.name());
      } else {
        after.add("isSetAt($L) ? ($T) valueAt($L) : before.$L()", field.index(), field.type().javaType(),
            field.index(), field.name());
      }
    }
    type.addMethod(MethodSpec.methodBuilder("applyTo")
        .addAnnotation(Override.class)
        .addAnnotation(AnnotationsCode.suppressUnchecked())
        .addModifiers(Modifier.PUBLIC)
        .returns(record)
        .addParameter(record, "before")
        .addCode("return new $T(\n", record)
        .addCode(CodeBlock.builder().indent().indent().add(after.build()).unindent().unindent().build())
        .addCode(");\n")
        .build());
    return type;
  }

  private static MethodSpec setter(ClassName self, FieldModel field) {
    CodeBlock value = CodeBlock.of("$L", field.name());
    if (field.type() instanceof dev.live.processor.model.TypeModel.ListType) {
      value = CodeBlock.of("$T.copyList($L, $S, $S)", RuntimeTypes.DTO_VALUES, field.name(), self.simpleName(),
          field.name());
    }
    ParameterSpec.Builder parameter = ParameterSpec.builder(
        field.nullable() ? TypeCode.nullable(field.type().javaType()) : field.type().javaType(), field.name());
    MethodSpec.Builder setter = MethodSpec.methodBuilder(field.name())
        .addModifiers(Modifier.PUBLIC)
        .returns(self);
    if (field.nullable()) {
      setter.addJavadoc("Sets {@code $L}; null clears it.\n", field.name())
          .addStatement("return new $T(this, $L, $L)", self, field.index(), value);
    } else if (TypeCode.isPrimitive(field.type())) {
      setter.addJavadoc("Sets {@code $L}.\n", field.name())
          .addStatement("return new $T(this, $L, $L)", self, field.index(), value);
    } else {
      setter.addJavadoc("Sets {@code $L}, which is required: null is refused.\n", field.name())
          .addStatement("return new $T(this, $L, requireValue($L, $S, $S))", self, field.index(), value,
              self.simpleName(), field.name());
    }
    return setter.addParameter(parameter.build()).build();
  }
}
