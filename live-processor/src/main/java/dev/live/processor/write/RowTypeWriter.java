package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.RelationModel;
import dev.live.processor.model.SchemaModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code TaskRow}: a result row of a query with includes, with a typed accessor per
 * relation returning the included rows.
 */
final class RowTypeWriter {
  private final SchemaModel schema;

  RowTypeWriter(SchemaModel schema) {
    this.schema = schema;
  }

  TypeSpec.Builder write(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName self = GeneratedNames.row(collection);
    ClassName meta = GeneratedNames.metamodel(collection);
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeTypes.LIVE_ROW, record))
        .addJavadoc("A {@link $T} with the related rows its query included. An accessor of a relation\n"
            + "the query did not include throws {@link IllegalStateException}.\n", record)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(record, "value")
            .addParameter(RuntimeTypes.INCLUDED_VALUES, "included")
            .addStatement("super(value, included)")
            .build());
    for (RelationModel relation : schema.relationsOf(collection)) {
      ClassName targetRow = GeneratedNames.row(relation.target());
      MethodSpec.Builder accessor = MethodSpec.methodBuilder(relation.name()).addModifiers(Modifier.PUBLIC);
      if (relation.toMany()) {
        accessor.returns(ParameterizedTypeName.get(RuntimeTypes.LIST, targetRow))
            .addJavadoc("The included {@code $L}: rows of {@code $L} referring to this one.\n",
                relation.name(), relation.target().name())
            .addStatement("return toMany($T.$L)", meta, relation.name());
      } else {
        accessor.returns(ParameterizedTypeName.get(RuntimeTypes.OPTIONAL, targetRow))
            .addJavadoc("The included {@code $L}: the row of {@code $L} that {@code $L} refers to;\n"
                + "empty when there is none or it may not be read.\n",
                relation.name(), relation.target().name(), relation.foreignKey().name())
            .addStatement("return toOne($T.$L)", meta, relation.name());
      }
      type.addMethod(accessor.build());
    }
    return type;
  }
}
