package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.FieldModel;
import dev.live.processor.model.RelationModel;
import dev.live.processor.model.Scalar;
import dev.live.processor.model.SchemaModel;
import dev.live.processor.model.TypeModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code Task_}: a typed path per field whose operators fit its type, a path per
 * relation, and {@code COLLECTION}, the collection's schema.
 */
final class MetamodelWriter {
  private final SchemaModel schema;
  private final TypeCode code;

  MetamodelWriter(SchemaModel schema, TypeCode code) {
    this.schema = schema;
    this.code = code;
  }

  TypeSpec.Builder write(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName self = GeneratedNames.metamodel(collection);
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("The metamodel of {@link $T}, collection {@code $L}: typed paths to its fields and\n"
            + "relations for building queries, and its schema.\n\n"
            + "<pre>{@code\n$T.where($T.$L.eq(...))\n}</pre>\n",
            record, collection.name(), GeneratedNames.query(collection), self, collection.id().name())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (FieldModel field : collection.fields()) {
      type.addField(field(record, field));
    }
    List<RelationModel> relations = schema.relationsOf(collection);
    for (RelationModel relation : relations) {
      type.addField(relation(relation));
    }
    type.addField(collectionSchema(collection, relations));
    return type;
  }

  private FieldSpec field(ClassName record, FieldModel field) {
    TypeModel type = field.type();
    TypeName boxed = type.boxedType();
    ClassName pathClass;
    boolean needsCodec = true;
    if (type.isJson()) {
      pathClass = RuntimeTypes.JSON_FIELD;
    } else if (type instanceof TypeModel.ScalarType scalar && scalar.scalar() == Scalar.STRING) {
      pathClass = RuntimeTypes.STRING_FIELD;
      needsCodec = false;
    } else if (type instanceof TypeModel.ScalarType scalar && scalar.scalar() == Scalar.BOOLEAN) {
      pathClass = RuntimeTypes.BOOLEAN_FIELD;
      needsCodec = false;
    } else if (type instanceof TypeModel.ScalarType scalar && scalar.scalar().isComparable()) {
      pathClass = RuntimeTypes.COMPARABLE_FIELD;
    } else {
      pathClass = RuntimeTypes.VALUE_FIELD;
    }
    if (field.nullable()) {
      pathClass = ClassName.get(pathClass.packageName(), "Nullable" + pathClass.simpleName());
    }
    TypeName pathType = needsCodec
        ? ParameterizedTypeName.get(pathClass, record, boxed)
        : ParameterizedTypeName.get(pathClass, record);
    CodeBlock.Builder init = CodeBlock.builder().add("new $T<>($L, ", pathClass, info(field));
    if (needsCodec) {
      init.add("$L, ", code.codec(type));
    }
    init.add("$T::$L)", record, field.name());
    return FieldSpec.builder(pathType, field.name(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Field {@code $L}: $L$L.\n", field.name(), describe(field),
            field.id() ? ", the id" : "")
        .initializer(init.build())
        .build();
  }

  private static CodeBlock info(FieldModel field) {
    CodeBlock.Builder info = CodeBlock.builder().add("$T.of($S, $L, $L)", RuntimeTypes.FIELD_INFO,
        field.name(), field.index(), TypeCode.fieldType(field.type()));
    if (!field.column().equals(field.name())) {
      info.add(".column($S)", field.column());
    }
    if (field.nullable()) {
      info.add(".nullable()");
    }
    if (field.id()) {
      info.add(".id()");
    }
    if (field.indexed()) {
      info.add(".indexed()");
    }
    if (field.unique()) {
      info.add(".unique()");
    }
    return info.build();
  }

  private static String describe(FieldModel field) {
    String type = field.type().javaType().toString();
    type = type.replaceAll("([a-z0-9_]+\\.)+", "");
    return "{@code " + type + "}" + (field.nullable() ? ", nullable" : ", required");
  }

  private static FieldSpec relation(RelationModel relation) {
    ClassName source = relation.source().type();
    ClassName target = relation.target().type();
    ClassName sourceMeta = GeneratedNames.metamodel(relation.source());
    ClassName targetMeta = GeneratedNames.metamodel(relation.target());
    if (!relation.toMany()) {
      return FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.TO_ONE, source, target), relation.name(),
              Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("To-one relation {@code $L}: the {@link $T} whose id is in {@code $L}.\n",
              relation.name(), target, relation.foreignKey().name())
          .initializer("new $T<>($S, $L, () -> $T.COLLECTION, () -> $T.COLLECTION)", RuntimeTypes.TO_ONE,
              relation.name(), relation.foreignKey().name(), sourceMeta, targetMeta)
          .build();
    }
    return FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.TO_MANY, source, target), relation.name(),
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("To-many relation {@code $L}: the {@link $T} rows whose {@code $L} is this row's id.\n",
            relation.name(), target, relation.foreignKey().name())
        .initializer("new $T<>($S, () -> $T.$L, () -> $T.COLLECTION, () -> $T.COLLECTION)", RuntimeTypes.TO_MANY,
            relation.name(), targetMeta, relation.inverseName(), sourceMeta, targetMeta)
        .build();
  }

  private FieldSpec collectionSchema(CollectionModel collection, List<RelationModel> relations) {
    ClassName record = collection.type();
    ClassName json = code.jsonOf(record);
    ClassName jdbc = GeneratedNames.jdbc(collection);
    TypeName anyField = ParameterizedTypeName.get(RuntimeTypes.FIELD, record, WildcardTypeName.subtypeOf(Object.class));
    TypeName anyRelation = ParameterizedTypeName.get(RuntimeTypes.RELATION, record,
        WildcardTypeName.subtypeOf(Object.class));
    CodeBlock fields = CodeBlock.join(collection.fields().stream()
        .map(f -> CodeBlock.of("$L", f.name())).toList(), ", ");
    CodeBlock relationList = CodeBlock.join(relations.stream()
        .map(r -> CodeBlock.of("$L", r.name())).toList(), ", ");
    CodeBlock init = CodeBlock.builder()
        .add("$T.builder($S, $T.class)\n", RuntimeTypes.COLLECTION_SCHEMA, collection.name(), record)
        .indent().indent()
        .add(".table($S)\n", collection.table())
        .add(".fields($T.<$T>of($L))\n", RuntimeTypes.LIST, anyField, fields)
        .add(".relations($T.<$T>of($L))\n", RuntimeTypes.LIST, anyRelation, relationList)
        .add(".codec($T.CODEC)\n", json)
        .add(".insertCodec($T.INSERT)\n", json)
        .add(".updateCodec($T.UPDATE)\n", json)
        .add(".rowMapper($T.INSTANCE)\n", jdbc)
        .add(".binder($T.INSTANCE)\n", jdbc)
        .add(".rows($T::new)\n", GeneratedNames.row(collection))
        .add(".build()")
        .unindent().unindent()
        .build();
    return FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.COLLECTION_SCHEMA, record), "COLLECTION",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The schema of collection {@code $L}.\n", collection.name())
        .initializer(init)
        .build();
  }
}
