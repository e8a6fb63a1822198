package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.FieldModel;
import dev.live.processor.model.Scalar;
import dev.live.processor.model.TypeModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code TaskJdbc}: the row mapper (columns in component order from a given column) and
 * the parameter binder (all fields, or the fields an update sets). Values storage cannot hold
 * for a field (NULL in a required column, an unknown enum name) are reported, not passed on.
 */
final class JdbcTypeWriter {
  private final TypeCode code;

  JdbcTypeWriter(TypeCode code) {
    this.code = code;
  }

  TypeSpec.Builder write(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName self = GeneratedNames.jdbc(collection);
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.ROW_MAPPER, record))
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.PARAMETER_BINDER, record))
        .addJavadoc("Maps rows of table {@code $L} to {@link $T} and binds its values to statement parameters.\n"
            + "Columns and parameters follow the record's component order.\n", collection.table(), record)
        .addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", self)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(map(collection))
        .addMethod(bind(collection))
        .addMethod(bindChanges(collection));
    for (FieldModel field : collection.fields()) {
      type.addMethod(bindOne(collection, field));
    }
    return type;
  }

  private MethodSpec map(CollectionModel collection) {
    MethodSpec.Builder map = MethodSpec.methodBuilder("map")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(collection.type())
        .addParameter(RuntimeTypes.ROW_READER, "row")
        .addParameter(TypeName.INT, "first")
        .addException(RuntimeTypes.SQL_EXCEPTION);
    NameAllocator locals = ObjectCodecWriter.locals("row", "first", "text");
    List<String> names = new ArrayList<>();
    for (FieldModel field : collection.fields()) {
      String local = locals.newName(field.name(), field);
      names.add(local);
      map.addCode(readColumn(collection, field, local, CodeBlock.of("first + $L", field.index()), locals));
    }
    return map.addStatement("return new $T($L)", collection.type(), String.join(", ", names)).build();
  }

  /** Statements declaring {@code local} with the field's value from column {@code column}. */
  private CodeBlock readColumn(CollectionModel collection, FieldModel field, String local, CodeBlock column,
      NameAllocator locals) {
    TypeModel type = field.type();
    String table = collection.table();
    CodeBlock.Builder read = CodeBlock.builder();
    if (type instanceof TypeModel.ScalarType scalar) {
      Scalar kind = scalar.scalar();
      CodeBlock get = CodeBlock.of("row.$L($L)", kind.rowGetter(), column);
      if (!kind.hasPrimitive()) {
        if (field.nullable()) {
          return read.addStatement("$T $L = $L", type.javaType(), local, get).build();
        }
        return read.addStatement("$T $L = $T.required($L, $S, $S)", type.javaType(), local,
            RuntimeTypes.STORED_VALUES, get, table, field.column()).build();
      }
      if (field.nullable()) {
        return read.addStatement("$T $L = $L", type.javaType(), local, get)
            .beginControlFlow("if (row.wasNull())")
            .addStatement("$L = null", local)
            .endControlFlow()
            .build();
      }
      return read.addStatement("$T $L = $L", type.javaType(), local, get)
          .beginControlFlow("if (row.wasNull())")
          .addStatement("throw $T.nullInRequiredColumn($S, $S)", RuntimeTypes.STORED_VALUES, table, field.column())
          .endControlFlow()
          .build();
    }
    if (type instanceof TypeModel.EnumType enumType) {
      ClassName json = code.jsonOf(enumType.name());
      String text = locals.newName(local + "Name");
      read.addStatement("$T $L = row.getString($L)", RuntimeTypes.STRING, text, column);
      if (field.nullable()) {
        read.addStatement("$T $L = $L == null ? null : $T.fromName($L)", type.javaType(), local, text, json, text)
            .beginControlFlow("if ($L != null && $L == null)", text, local);
      } else {
        read.beginControlFlow("if ($L == null)", text)
            .addStatement("throw $T.nullInRequiredColumn($S, $S)", RuntimeTypes.STORED_VALUES, table, field.column())
            .endControlFlow()
            .addStatement("$T $L = $T.fromName($L)", type.javaType(), local, json, text)
            .beginControlFlow("if ($L == null)", local);
      }
      return read.addStatement("throw $T.unknownEnumName($S, $S, $L, $T.NAMES)", RuntimeTypes.STORED_VALUES,
              table, field.column(), text, json)
          .endControlFlow()
          .build();
    }
    CodeBlock json = CodeBlock.of("$T.json(row.getJson($L), $T.$L.codec(), $S, $S)", RuntimeTypes.STORED_VALUES,
        column, GeneratedNames.metamodel(collection), field.name(), table, field.column());
    if (field.nullable()) {
      return read.addStatement("$T $L = $L", type.javaType(), local, json).build();
    }
    return read.addStatement("$T $L = $T.required($L, $S, $S)", type.javaType(), local, RuntimeTypes.STORED_VALUES,
        json, table, field.column()).build();
  }

  private static MethodSpec bind(CollectionModel collection) {
    MethodSpec.Builder bind = MethodSpec.methodBuilder("bind")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT)
        .addParameter(RuntimeTypes.PARAMETER_WRITER, "out")
        .addParameter(TypeName.INT, "first")
        .addParameter(collection.type(), "value")
        .addException(RuntimeTypes.SQL_EXCEPTION);
    for (FieldModel field : collection.fields()) {
      bind.addStatement("$L(out, first + $L, value.$L())", binderName(field), field.index(), field.name());
    }
    return bind.addStatement("return first + $L", collection.fields().size()).build();
  }

  private static MethodSpec bindChanges(CollectionModel collection) {
    ClassName meta = GeneratedNames.metamodel(collection);
    MethodSpec.Builder bind = MethodSpec.methodBuilder("bindChanges")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.INT)
        .addParameter(RuntimeTypes.PARAMETER_WRITER, "out")
        .addParameter(TypeName.INT, "first")
        .addParameter(ParameterizedTypeName.get(RuntimeTypes.UPDATE_DTO, collection.type()), "update")
        .addException(RuntimeTypes.SQL_EXCEPTION)
        .addStatement("int next = first");
    for (FieldModel field : collection.fields()) {
      if (field.id()) {
        continue;
      }
      bind.beginControlFlow("if (update.isSet($T.$L))", meta, field.name())
          .addStatement("$L(out, next++, update.get($T.$L))", binderName(field), meta, field.name())
          .endControlFlow();
    }
    return bind.addStatement("return next").build();
  }

  /** A method binding one field's value, shared by {@code bind} and {@code bindChanges}. */
  private MethodSpec bindOne(CollectionModel collection, FieldModel field) {
    TypeModel type = field.type();
    boolean primitive = TypeCode.isPrimitive(type);
    MethodSpec.Builder bind = MethodSpec.methodBuilder(binderName(field))
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(RuntimeTypes.PARAMETER_WRITER, "out")
        .addParameter(TypeName.INT, "index")
        .addParameter(primitive ? type.javaType() : type.boxedType(), "value")
        .addException(RuntimeTypes.SQL_EXCEPTION);
    if (!primitive) {
      bind.beginControlFlow("if (value == null)");
      if (field.nullable()) {
        bind.addStatement("out.setNull(index, $L)", TypeCode.fieldType(type)).addStatement("return");
      } else {
        bind.addStatement("throw $T.nullInRequiredField($S, $S)", RuntimeTypes.JSON_WRITES,
            collection.type().simpleName(), field.name());
      }
      bind.endControlFlow();
    }
    if (type instanceof TypeModel.ScalarType scalar) {
      bind.addStatement("out.$L(index, value)", scalar.scalar().parameterSetter());
    } else if (type instanceof TypeModel.EnumType) {
      bind.addStatement("out.setString(index, value.name())");
    } else {
      bind.addStatement("out.setJson(index, $T.encode($T.$L.codec(), value))",
          ClassName.get("dev.live.json", "LiveJson"), GeneratedNames.metamodel(collection), field.name());
    }
    return bind.build();
  }

  private static String binderName(FieldModel field) {
    return "bind_" + field.name();
  }
}
