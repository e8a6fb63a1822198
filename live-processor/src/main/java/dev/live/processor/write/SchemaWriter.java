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
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;

/** Writes every generated type of a schema, in a fixed order. */
public final class SchemaWriter {
  private final JavaFiles files;

  /** {@code userTypes}: qualified names of the compilation's own top-level types. */
  public SchemaWriter(Filer filer, Elements elements, Diagnostics diagnostics, Set<String> userTypes) {
    this.files = new JavaFiles(filer, elements, diagnostics, userTypes);
  }

  /** Writes every type, or none when a generated name is taken by a type of the user's. */
  public void write(SchemaModel schema) {
    List<JavaFiles.Planned> planned = plan(schema);
    if (files.checkNames(planned)) {
      planned.forEach(files::write);
    }
  }

  private List<JavaFiles.Planned> plan(SchemaModel schema) {
    List<JavaFiles.Planned> files = new ArrayList<>();
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
      files.add(new JavaFiles.Planned(GeneratedNames.metamodel(collection), metamodel.write(collection), origin));
      files.add(new JavaFiles.Planned(GeneratedNames.query(collection), query.write(collection), origin));
      files.add(new JavaFiles.Planned(GeneratedNames.row(collection), row.write(collection), origin));
      files.add(new JavaFiles.Planned(GeneratedNames.insert(collection), insert.write(collection), origin));
      files.add(new JavaFiles.Planned(GeneratedNames.update(collection), update.write(collection), origin));
      files.add(new JavaFiles.Planned(code.jsonOf(collection.type()), json.collection(collection), origin));
      files.add(new JavaFiles.Planned(GeneratedNames.jdbc(collection), jdbc.write(collection), origin));
    }
    List<RecordModel> records = new ArrayList<>(schema.records().values());
    records.sort(Comparator.comparing(r -> r.name().canonicalName()));
    for (RecordModel record : records) {
      files.add(new JavaFiles.Planned(code.jsonOf(record.name()), json.record(record), record.element()));
    }
    List<EnumModel> enums = new ArrayList<>(schema.enums().values());
    enums.sort(Comparator.comparing(e -> e.name().canonicalName()));
    EnumJsonWriter enumJson = new EnumJsonWriter(code);
    for (EnumModel model : enums) {
      files.add(new JavaFiles.Planned(code.jsonOf(model.name()), enumJson.write(model), model.element()));
    }
    ProcedureWriters procedures = new ProcedureWriters(code);
    for (ProcedureClassModel owner : schema.procedureClasses()) {
      Element origin = owner.element();
      files.add(new JavaFiles.Planned(GeneratedNames.procedureMetamodel(owner), procedures.metamodel(owner), origin));
      files.add(new JavaFiles.Planned(GeneratedNames.dispatcher(owner), procedures.dispatcher(owner), origin));
      files.add(new JavaFiles.Planned(GeneratedNames.client(owner), procedures.client(owner), origin));
    }
    files.add(new JavaFiles.Planned(schema.registry(), new RegistryWriter().write(schema), origins(schema)));
    return files;
  }

  private static Element[] origins(SchemaModel schema) {
    List<Element> all = new ArrayList<>();
    schema.collections().forEach(c -> all.add(c.element()));
    schema.procedureClasses().forEach(p -> all.add(p.element()));
    return all.toArray(new Element[0]);
  }
}
