package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.ComponentModel;
import dev.live.processor.model.FieldModel;
import dev.live.processor.model.RecordModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code ...Json} class of a collection ({@code CODEC} for the record, {@code
 * INSERT} and {@code UPDATE} for its DTOs) or of a nested record ({@code CODEC}).
 */
final class JsonTypeWriter {
  private final TypeCode code;

  JsonTypeWriter(TypeCode code) {
    this.code = code;
  }

  TypeSpec.Builder collection(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName self = code.jsonOf(record);
    ClassName insert = GeneratedNames.insert(collection);
    ClassName update = GeneratedNames.update(collection);
    TypeSpec.Builder type = holder(self, record,
        "The JSON codecs of collection {@code $L}: the record, its insert DTO and its update DTO.\n",
        collection.name());
    ObjectCodecWriter objects = new ObjectCodecWriter(code, self, type);
    List<ComponentModel> components = collection.fields().stream().map(FieldModel::asComponent).toList();
    List<String> names = components.stream().map(ComponentModel::name).toList();
    CodeBlock fields = objects.fieldsConstant("FIELDS", names);
    type.addField(instance(record, "CODEC", "RecordCodec", "The record, every field written, nulls included."));
    type.addField(instance(insert, "INSERT", "InsertCodec", "An insert: nullable fields may be left out."));
    type.addField(instance(update, "UPDATE", "UpdateCodec", "An update: only the fields it sets."));
    type.addType(objects.objectCodec("RecordCodec", record, record, components, fields));
    type.addType(insertCodec(collection));
    type.addType(updateCodec(collection, objects));
    return type;
  }

  TypeSpec.Builder record(RecordModel record) {
    ClassName self = code.jsonOf(record.name());
    TypeSpec.Builder type = holder(self, record.name(), "The JSON codec of {@link $T}.\n", record.name());
    ObjectCodecWriter objects = new ObjectCodecWriter(code, self, type);
    List<String> names = record.components().stream().map(ComponentModel::name).toList();
    CodeBlock fields = objects.fieldsConstant("FIELDS", names);
    type.addField(instance(record.name(), "CODEC", "Codec", "Reads and writes {@link " + record.name().simpleName()
        + "} as a JSON object."));
    type.addType(objects.objectCodec("Codec", record.name(), record.name(), record.components(), fields));
    return type;
  }

  private static TypeSpec.Builder holder(ClassName self, ClassName subject, String javadoc, Object argument) {
    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(javadoc, argument)
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }

  private static FieldSpec instance(ClassName type, String name, String codecClass, String javadoc) {
    return FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, type), name,
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L\n", javadoc)
        .initializer("new $L()", codecClass)
        .build();
  }

  /**
   * The insert codec: an insert has the record's wire form (nullable fields may be left out of
   * both), so it reads and writes through the record codec.
   */
  private TypeSpec insertCodec(CollectionModel collection) {
    ClassName record = collection.type();
    ClassName json = code.jsonOf(record);
    ClassName insert = GeneratedNames.insert(collection);
    CodeBlock fromRow = CodeBlock.join(collection.fields().stream()
        .map(f -> CodeBlock.of("row.$L()", f.name())).toList(), ", ");
    return TypeSpec.classBuilder("InsertCodec")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, insert))
        .addMethod(ObjectCodecWriter.writeSignature(insert)
            .addStatement("$T.CODEC.write(out, value.toRecord())", json)
            .build())
        .addMethod(ObjectCodecWriter.readSignature(insert)
            .addStatement("$T row = $T.CODEC.read(in)", record, json)
            .addStatement("return new $T($L)", insert, fromRow)
            .build())
        .build();
  }

  /** The update codec: set fields only; the id is refused as not updatable. */
  private TypeSpec updateCodec(CollectionModel collection, ObjectCodecWriter objects) {
    ClassName update = GeneratedNames.update(collection);
    ClassName meta = GeneratedNames.metamodel(collection);
    List<String> updatable = collection.fields().stream().filter(f -> !f.id()).map(FieldModel::name).toList();
    CodeBlock updatableFields = objects.fieldsConstant("UPDATABLE_FIELDS", updatable);

    MethodSpec.Builder write = ObjectCodecWriter.writeSignature(update).addStatement("out.writeStartObject(value)");
    CodeBlock.Builder cases = CodeBlock.builder();
    int index = 0;
    for (FieldModel field : collection.fields()) {
      ComponentModel component = field.asComponent();
      if (field.id()) {
        cases.add("case $S:\n", field.name()).indent()
            .addStatement("throw $T.at(in, $T.FIELD_NOT_UPDATABLE, $S, $S)", RuntimeTypes.JSON_READS,
                RuntimeTypes.ERROR_CODE, field.name(), "the id of a row cannot be updated")
            .unindent();
        continue;
      }
      write.beginControlFlow("if (value.isSet($T.$L))", meta, field.name())
          .addStatement("out.writeFieldName($L)", objects.nameConstant(field.name()))
          .addStatement("$T v = value.get($T.$L)", field.type().boxedType(), meta, field.name());
      if (field.nullable()) {
        write.beginControlFlow("if (v == null)")
            .addStatement("out.writeNull()")
            .nextControlFlow("else")
            .addStatement(code.write(field.type(), CodeBlock.of("v"), objects.codecOf(component)))
            .endControlFlow();
      } else {
        write.addStatement(code.write(field.type(), CodeBlock.of("v"), objects.codecOf(component)));
      }
      write.endControlFlow();
      cases.add("case $S:\n", field.name()).indent()
          .add(ObjectCodecWriter.markSeen(index++, field.name()))
          .addStatement("update = update.$L($L)", field.name(),
              code.read(field.type(), field.nullable(), field.name(), objects.codecOf(component)))
          .addStatement("break")
          .unindent();
    }
    write.addStatement("out.writeEndObject()");

    MethodSpec.Builder read = ObjectCodecWriter.readSignature(update)
        .addStatement("$T.startObject(in, $S)", RuntimeTypes.JSON_READS, "")
        .addStatement("$T update = $T.of()", update, update);
    for (int word = 0; word < (updatable.size() + 63) / 64; word++) {
      read.addStatement("long seen$L = 0L", word);
    }
    read.addCode(ObjectCodecWriter.fieldLoop(cases.build(), updatableFields))
        .addStatement("return update");

    return TypeSpec.classBuilder("UpdateCodec")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.JSON_CODEC, update))
        .addMethod(write.build())
        .addMethod(read.build())
        .build();
  }
}
