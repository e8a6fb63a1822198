package dev.live.processor.write;

import dev.live.processor.Diagnostics;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.EnumModel;
import dev.live.processor.model.ProcedureClassModel;
import dev.live.processor.model.RecordModel;
import dev.live.processor.model.SchemaModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/** Writes every generated type of a schema, in a fixed order. */
public final class SchemaWriter {
  private final JavaFiles files;

  public SchemaWriter(Filer filer, Diagnostics diagnostics) {
    this.files = new JavaFiles(filer, diagnostics);
  }

  public void write(SchemaModel schema) {
    TypeCode code = new TypeCode(new GeneratedNames(schema));
    MetamodelWriter metamodel = new MetamodelWriter(schema, code);
    QueryTypeWriter query = new QueryTypeWriter(schema);
    RowTypeWriter row = new RowTypeWriter(schema);
    InsertTypeWriter insert = new InsertTypeWriter();
    UpdateTypeWriter update = new UpdateTypeWriter();
    JsonTypeWriter json = new JsonTypeWriter(code);
    JdbcTypeWriter jdbc = new JdbcTypeWriter(code);
    for (CollectionModel collection : schema.collections()) {
      Element origin = collection.element();
      files.write(GeneratedNames.metamodel(collection), metamodel.write(collection), origin);
      files.write(GeneratedNames.query(collection), query.write(collection), origin);
      files.write(GeneratedNames.row(collection), row.write(collection), origin);
      files.write(GeneratedNames.insert(collection), insert.write(collection), origin);
      files.write(GeneratedNames.update(collection), update.write(collection), origin);
      files.write(code.jsonOf(collection.type()), json.collection(collection), origin);
      files.write(GeneratedNames.jdbc(collection), jdbc.write(collection), origin);
    }
    List<RecordModel> records = new ArrayList<>(schema.records().values());
    records.sort(Comparator.comparing(r -> r.name().canonicalName()));
    for (RecordModel record : records) {
      files.write(code.jsonOf(record.name()), json.record(record), record.element());
    }
    List<EnumModel> enums = new ArrayList<>(schema.enums().values());
    enums.sort(Comparator.comparing(e -> e.name().canonicalName()));
    EnumJsonWriter enumJson = new EnumJsonWriter(code);
    for (EnumModel model : enums) {
      files.write(code.jsonOf(model.name()), enumJson.write(model), model.element());
    }
    ProcedureWriters procedures = new ProcedureWriters(code);
    for (ProcedureClassModel owner : schema.procedureClasses()) {
      Element origin = owner.element();
      files.write(GeneratedNames.procedureMetamodel(owner), procedures.metamodel(owner), origin);
      files.write(GeneratedNames.dispatcher(owner), procedures.dispatcher(owner), origin);
      files.write(GeneratedNames.client(owner), procedures.client(owner), origin);
    }
    files.write(schema.registry(), new RegistryWriter().write(schema), origins(schema));
  }

  private static Element[] origins(SchemaModel schema) {
    List<Element> all = new ArrayList<>();
    schema.collections().forEach(c -> all.add(c.element()));
    schema.procedureClasses().forEach(p -> all.add(p.element()));
    return all.toArray(new Element[0]);
  }
}
