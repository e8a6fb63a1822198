package dev.live.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.SchemaModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code TaskQuery<R>}: the typed query builder. Results are the record ({@code
 * TaskQuery<Task>}) until something is included, then {@code TaskRow}, whose accessors give the
 * included rows with their types.
 */
final class QueryTypeWriter {
  private static final TypeVariableName R = TypeVariableName.get("R");

  private final SchemaModel schema;

  QueryTypeWriter(SchemaModel schema) {
    this.schema = schema;
  }

  TypeSpec.Builder write(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName self = GeneratedNames.query(collection);
    ClassName meta = GeneratedNames.metamodel(collection);
    ClassName row = GeneratedNames.row(collection);
    TypeName selfR = ParameterizedTypeName.get(self, R);
    TypeName selfRecord = ParameterizedTypeName.get(self, record);
    TypeName spec = ParameterizedTypeName.get(RuntimeTypes.QUERY_SPEC, record);
    TypeName condition = ParameterizedTypeName.get(RuntimeTypes.CONDITION, record);
    TypeName single = ParameterizedTypeName.get(RuntimeTypes.SINGLE_QUERY, record, R);
    boolean hasRelations = !schema.relationsOf(collection).isEmpty();
    String id = collection.id().name();

    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addTypeVariable(R)
        .superclass(ParameterizedTypeName.get(RuntimeTypes.LIST_QUERY, record, R))
        .addJavadoc("A typed query of collection {@code $L}; immutable, each method returns a new query.\n\n"
            + "<pre>{@code\n$T.where($T.$L.eq(...)).orderBy($T.$L.asc()).limit(20)\n}</pre>\n\n"
            + "@param <R> the result row: {@link $T}, or {@link $T} once something is included\n",
            collection.name(), self, meta, id, meta, id, record, row);
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.ROW_SHAPE, record, row), "ROWS",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T::new", row)
        .build());
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(spec, "spec")
        .addParameter(ParameterizedTypeName.get(RuntimeTypes.ROW_SHAPE, record, R), "shape")
        .addStatement("super(spec, shape)")
        .build());
    type.addMethod(MethodSpec.methodBuilder("all")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(selfRecord)
        .addJavadoc("Every row of {@code $L}.\n", collection.name())
        .addStatement("return new $T<>($T.all($T.COLLECTION), $T.plain())", self, RuntimeTypes.QUERY_SPEC, meta,
            RuntimeTypes.ROW_SHAPE)
        .build());
    type.addMethod(MethodSpec.methodBuilder("where")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(selfRecord)
        .addParameter(condition, "condition")
        .addJavadoc("The rows of {@code $L} matching {@code condition}.\n", collection.name())
        .addStatement("return all().and(condition)")
        .build());
    type.addMethod(MethodSpec.methodBuilder("and")
        .addModifiers(Modifier.PUBLIC)
        .returns(selfR)
        .addParameter(condition, "condition")
        .addJavadoc("Also requires {@code condition}.\n")
        .addStatement("return new $T<>(spec().and(condition), shape())", self)
        .build());
    type.addMethod(MethodSpec.methodBuilder("or")
        .addModifiers(Modifier.PUBLIC)
        .returns(selfR)
        .addParameter(condition, "condition")
        .addJavadoc("Accepts rows matching the conditions so far or {@code condition}.\n")
        .addStatement("return new $T<>(spec().or(condition), shape())", self)
        .build());
    type.addMethod(MethodSpec.methodBuilder("orderBy")
        .addAnnotation(SafeVarargs.class)
        .addAnnotation(AnnotationsCode.suppressVarargs())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .returns(selfR)
        .addParameter(ParameterSpec.builder(
            ArrayTypeName.of(ParameterizedTypeName.get(RuntimeTypes.ORDER, record)), "orders")
            .build())
        .varargs()
        .addJavadoc("Orders the results by these keys, after any earlier ones.\n")
        .addStatement("return new $T<>(spec().orderBy($T.asList(orders)), shape())", self, RuntimeTypes.ARRAYS)
        .build());
    type.addMethod(MethodSpec.methodBuilder("limit")
        .addModifiers(Modifier.PUBLIC)
        .returns(selfR)
        .addParameter(TypeName.INT, "limit")
        .addJavadoc("At most {@code limit} rows (at least 1).\n")
        .addStatement("return new $T<>(spec().limit(limit), shape())", self)
        .build());
    if (hasRelations) {
      type.addMethod(MethodSpec.methodBuilder("include")
          .addAnnotation(SafeVarargs.class)
          .addAnnotation(AnnotationsCode.suppressVarargs())
          .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
          .returns(ParameterizedTypeName.get(self, row))
          .addParameter(ParameterSpec.builder(
              ArrayTypeName.of(ParameterizedTypeName.get(RuntimeTypes.INCLUDABLE, record)),
              "includes").build())
          .varargs()
          .addJavadoc("Loads related rows with each result; results become {@link $T}.\n", row)
          .addStatement("return new $T<>(spec().include($T.asList(includes)), ROWS)", self, RuntimeTypes.ARRAYS)
          .build());
    }
    type.addMethod(MethodSpec.methodBuilder("first")
        .addModifiers(Modifier.PUBLIC)
        .returns(single)
        .addJavadoc("The first matching row in this query's order, if any.\n")
        .addStatement("return new $T<>(spec().first(), shape())", RuntimeTypes.SINGLE_QUERY)
        .build());
    type.addMethod(MethodSpec.methodBuilder("one")
        .addModifiers(Modifier.PUBLIC)
        .returns(single)
        .addParameter(collection.id().type().javaType(), id)
        .addJavadoc("The row whose {@code $L} is {@code $L}, if it exists and matches.\n", id, id)
        .addStatement("return new $T<>(spec().one($L), shape())", RuntimeTypes.SINGLE_QUERY, id)
        .build());
    return type;
  }
}
