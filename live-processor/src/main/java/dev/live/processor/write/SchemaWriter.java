package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.EnumModel;
import dev.live.processor.model.ProcedureClassModel;
import dev.live.processor.model.RecordModel;
import dev.live.processor.model.RoomModel;
import dev.live.processor.model.SchemaModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes every generated type of a schema, in a fixed order, and its TypeScript declarations
 * ({@code AppSchema.d.ts}, a resource beside the registry's class, and a copy in the folder of
 * option {@code live.typescript.dir} when given).
 */
public final class SchemaWriter {
  private final JavaFiles files;
  private final Filer filer;
  private final Diagnostics diagnostics;

  private final Optional<String> typeScriptDir;

  /**
   * {@code userTypes}: qualified names of the compilation's own top-level types; {@code
   * typeScriptDir}: option {@code live.typescript.dir}, a folder to write the declarations to as well.
   */
  public SchemaWriter(Filer filer, Elements elements, Diagnostics diagnostics, Set<String> userTypes,
      Optional<String> typeScriptDir) {
    this.files = new JavaFiles(filer, elements, diagnostics, userTypes);
    this.filer = filer;
    this.diagnostics = diagnostics;
    this.typeScriptDir = typeScriptDir;
  }

  /**
   * Writes every file, or none when a generated name is taken (a Java one by a type of the user's,
   * or a TypeScript one) or the TypeScript folder cannot be written; all are checked, so that every
   * problem is reported at once.
   */
  public void write(SchemaModel schema) {
    Optional<TypeScriptNames> typeScript = TypeScriptNames.of(schema, diagnostics);
    List<JavaFiles.Planned> planned = plan(schema);
    String declarations = schema.registry().simpleName() + ".d.ts";
    Optional<TypeScriptFolder> folder =
        typeScriptDir.flatMap(dir -> TypeScriptFolder.prepare(dir, declarations, diagnostics));
    boolean folderReady = typeScriptDir.isEmpty() || folder.isPresent();
    if (files.checkNames(planned) && typeScript.isPresent() && folderReady) {
      planned.forEach(files::write);
      writeDeclarations(schema, typeScript.get(), folder);
    }
  }

  private void writeDeclarations(SchemaModel schema, TypeScriptNames names, Optional<TypeScriptFolder> folder) {
    ClassName registry = schema.registry();
    String name = registry.simpleName() + ".d.ts";
    byte[] text = new TypeScriptWriter(schema, names).write().getBytes(StandardCharsets.UTF_8);
    folder.ifPresent(f -> f.write(name, text));
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, registry.packageName(), name,
          origins(schema));
      try (OutputStream out = file.openOutputStream()) {
        out.write(text);
      }
    } catch (FilerException e) {
      diagnostics.error(Message.GENERATED_NAME_TAKEN, registry.packageName() + "." + name, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
    RoomWriter rooms = new RoomWriter(code);
    for (RoomModel room : schema.rooms()) {
      files.add(new JavaFiles.Planned(GeneratedNames.room(room), rooms.write(room), room.element()));
    }
    files.add(new JavaFiles.Planned(schema.registry(), new RegistryWriter().write(schema), origins(schema)));
    return files;
  }

  private static Element[] origins(SchemaModel schema) {
    List<Element> all = new ArrayList<>();
    schema.collections().forEach(c -> all.add(c.element()));
    schema.procedureClasses().forEach(p -> all.add(p.element()));
    schema.rooms().forEach(r -> all.add(r.element()));
    return all.toArray(new Element[0]);
  }
}
