package dev.live.processor.read;

import com.palantir.javapoet.ClassName;
import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.FieldModel;
import dev.live.processor.model.ProcedureClassModel;
import dev.live.processor.model.ProcedureModel;
import dev.live.processor.model.RefModel;
import dev.live.processor.model.RelationModel;
import dev.live.processor.model.RoomModel;
import dev.live.processor.model.SchemaModel;
import dev.live.processor.model.TypeModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads every annotated element of a compilation into one {@link SchemaModel}: each collection
 * and procedure class on its own, then what needs them all (references, relation names,
 * duplicate names, the registry's name). Empty when any error was reported.
 */
public final class SchemaReader {
  private final Diagnostics diagnostics;
  private final Optional<String> registryOption;
  private final WrittenTypes writtenTypes;

  /**
   * {@code registryOption}: the qualified name of the registry, from {@code -Alive.schema};
   * {@code writtenTypes}: types as the source spells them, for those generated in this round.
   */
  public SchemaReader(Diagnostics diagnostics, Optional<String> registryOption, WrittenTypes writtenTypes) {
    this.diagnostics = diagnostics;
    this.registryOption = registryOption;
    this.writtenTypes = writtenTypes;
  }

  public Optional<SchemaModel> read(List<TypeElement> collectionElements, List<ExecutableElement> procedureMethods,
      List<TypeElement> messageElements, List<TypeElement> roomElements) {
    int errorsBefore = diagnostics.errorCount();
    Set<ClassName> collectionNames = collectionElements.stream()
        .filter(e -> e.getKind() == ElementKind.RECORD).map(ClassName::get).collect(Collectors.toSet());
    TypeReader types = new TypeReader(diagnostics, collectionNames);

    CollectionReader collectionReader = new CollectionReader(diagnostics, types);
    List<CollectionModel> collections = new ArrayList<>();
    for (TypeElement element : sortedByName(collectionElements)) {
      collectionReader.read(element).ifPresent(collections::add);
    }
    checkCollectionNames(collections);
    List<RelationModel> relations = relations(collections);

    ProcedureReader procedureReader = new ProcedureReader(diagnostics, types, new LiveQueryReturns(collectionNames, writtenTypes));
    List<ProcedureClassModel> procedureClasses = new ArrayList<>();
    for (Map.Entry<TypeElement, List<ExecutableElement>> owner : byOwner(procedureMethods).entrySet()) {
      procedureReader.read(owner.getKey(), owner.getValue()).ifPresent(procedureClasses::add);
    }
    checkProcedureNames(procedureClasses);
    for (TypeElement message : sortedByName(messageElements)) {
      readMessage(message, types);
    }
    RoomReader roomReader = new RoomReader(diagnostics, types);
    List<RoomModel> rooms = new ArrayList<>();
    for (TypeElement element : sortedByName(roomElements)) {
      roomReader.read(element).ifPresent(rooms::add);
    }
    checkRoomNames(rooms);
    List<TypeElement> declarations = new ArrayList<>(messageElements);
    declarations.addAll(roomElements);
    Optional<ClassName> registry = registry(collectionElements, procedureMethods, declarations);

    if (diagnostics.errorCount() > errorsBefore || registry.isEmpty()) {
      return Optional.empty();
    }
    collections.sort(Comparator.comparing(CollectionModel::name));
    rooms.sort(Comparator.comparing(RoomModel::name));
    return Optional.of(new SchemaModel(registry.get(), collections, relations, procedureClasses, rooms,
        types.records(), types.enums()));
  }

  private static List<TypeElement> sortedByName(List<TypeElement> elements) {
    List<TypeElement> sorted = new ArrayList<>(elements);
    sorted.sort(Comparator.comparing(e -> e.getQualifiedName().toString()));
    return sorted;
  }

  /** Methods grouped by their class, classes sorted by name, methods in declaration order. */
  private static Map<TypeElement, List<ExecutableElement>> byOwner(List<ExecutableElement> methods) {
    Map<String, TypeElement> owners = new TreeMap<>();
    Map<TypeElement, List<ExecutableElement>> grouped = new HashMap<>();
    for (ExecutableElement method : methods) {
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      owners.put(owner.getQualifiedName().toString(), owner);
      grouped.computeIfAbsent(owner, o -> new ArrayList<>()).add(method);
    }
    Map<TypeElement, List<ExecutableElement>> ordered = new LinkedHashMap<>();
    for (TypeElement owner : owners.values()) {
      List<ExecutableElement> inOrder = new ArrayList<>();
      for (Element member : owner.getEnclosedElements()) {
        if (grouped.get(owner).contains(member)) {
          inOrder.add((ExecutableElement) member);
        }
      }
      ordered.put(owner, inOrder);
    }
    return ordered;
  }

  private void checkCollectionNames(List<CollectionModel> collections) {
    Map<String, CollectionModel> byName = new HashMap<>();
    for (CollectionModel collection : collections) {
      CollectionModel other = byName.putIfAbsent(collection.name(), collection);
      if (other != null) {
        diagnostics.error(collection.element(), Message.COLLECTION_NAME_DUPLICATE, collection.name(),
            other.type().canonicalName());
      }
    }
  }

  /**
   * The relations: each collection's to-one relations in field order, then the to-many
   * inverses, ordered by the referencing collection and field. Reports bad references.
   */
  private List<RelationModel> relations(List<CollectionModel> collections) {
    Map<ClassName, CollectionModel> byType = new HashMap<>();
    collections.forEach(c -> byType.put(c.type(), c));
    List<CollectionModel> ordered = new ArrayList<>(collections);
    ordered.sort(Comparator.comparing(CollectionModel::name));

    List<RelationModel> relations = new ArrayList<>();
    Map<CollectionModel, Map<String, String>> names = new HashMap<>();
    for (CollectionModel collection : ordered) {
      Map<String, String> taken = new HashMap<>();
      collection.fields().forEach(f -> taken.put(f.name(), "field '" + f.name() + "'"));
      names.put(collection, taken);
    }
    for (CollectionModel source : ordered) {
      for (FieldModel field : source.fields()) {
        if (field.ref().isEmpty()) {
          continue;
        }
        RefModel ref = field.ref().get();
        CollectionModel target = byType.get(ref.target());
        if (target == null) {
          if (!Annotations.has(ref.targetElement(), LiveAnnotations.COLLECTION)) {
            diagnostics.error(ErrorSites.of(field.element()), Message.REF_NOT_COLLECTION,
                ref.targetElement().getSimpleName());
          }
          continue;
        }
        if (!sameIdType(field.type(), target.id().type())) {
          diagnostics.error(ErrorSites.of(field.element()), Message.REF_TYPE_MISMATCH, field.name(),
              TypeReader.display(field.type()), target.id().name(), target.type().simpleName(),
              TypeReader.display(target.id().type()));
          continue;
        }
        if (claimName(names.get(source), source, ref.relationName(), field, false)) {
          relations.add(new RelationModel(ref.relationName(), false, source, target, field, ""));
        }
      }
    }
    for (CollectionModel source : ordered) {
      for (FieldModel field : source.fields()) {
        Optional<RefModel> ref = field.ref();
        if (ref.isEmpty() || ref.get().inverse().isEmpty() || byType.get(ref.get().target()) == null) {
          continue;
        }
        CollectionModel target = byType.get(ref.get().target());
        if (!sameIdType(field.type(), target.id().type())) {
          continue;
        }
        String inverse = ref.get().inverse().get();
        if (claimName(names.get(target), target, inverse, field, true)) {
          relations.add(new RelationModel(inverse, true, target, source, field, ref.get().relationName()));
        }
      }
    }
    return relations;
  }

  /** Takes {@code name} among the members of {@code owner}, or reports why it cannot. */
  private boolean claimName(Map<String, String> taken, CollectionModel owner, String name, FieldModel field,
      boolean inverse) {
    if (!Names.isValidMemberName(name)) {
      diagnostics.error(ErrorSites.of(field.element()), Message.RELATION_NAME_INVALID, name);
      return false;
    }
    String reservedBy = ReservedNames.RELATIONS.get(name);
    if (reservedBy != null) {
      diagnostics.error(ErrorSites.of(field.element()), Message.RELATION_NAME_RESERVED, name, reservedBy);
      return false;
    }
    String clash = taken.get(name);
    if (clash != null) {
      if (inverse) {
        diagnostics.error(ErrorSites.of(field.element()), Message.INVERSE_NAME_CLASH, name,
            owner.type().simpleName(), clash, owner.type().simpleName());
      } else {
        diagnostics.error(ErrorSites.of(field.element()), Message.RELATION_NAME_CLASH, name,
            owner.type().simpleName(), clash);
      }
      return false;
    }
    taken.put(name, (inverse ? "the inverse relation '" : "relation '") + name + "'");
    return true;
  }

  private static boolean sameIdType(TypeModel reference, TypeModel id) {
    return reference instanceof TypeModel.ScalarType a && id instanceof TypeModel.ScalarType b
        && a.scalar() == b.scalar();
  }

  private void checkRoomNames(List<RoomModel> rooms) {
    Map<String, RoomModel> byName = new HashMap<>();
    for (RoomModel room : rooms) {
      RoomModel other = byName.putIfAbsent(room.name(), room);
      if (other != null) {
        diagnostics.error(room.element(), Message.ROOM_NAME_DUPLICATE, room.name(), other.type().canonicalName());
      }
    }
  }

  private void checkProcedureNames(List<ProcedureClassModel> classes) {
    Map<String, String> byName = new HashMap<>();
    for (ProcedureClassModel owner : classes) {
      for (ProcedureModel procedure : owner.procedures()) {
        String where = owner.type().simpleName() + "." + procedure.methodName();
        String other = byName.putIfAbsent(procedure.name(), where);
        if (other != null) {
          diagnostics.error(procedure.method(), Message.PROCEDURE_NAME_DUPLICATE, procedure.name(), other);
        }
      }
    }
  }

  /**
   * The registry's class: the option's, or {@code AppSchema} in the package all annotated
   * elements share. It is worked out from the elements as declared, valid or not, so that an
   * error in one collection does not also show up as "no common package".
   */
  /**
   * A {@code @LiveMessage} type is read as a value: its components are checked, and it joins the
   * records and enums whose codecs are generated.
   */
  private void readMessage(TypeElement element, TypeReader types) {
    if (element.getKind() != ElementKind.RECORD && element.getKind() != ElementKind.ENUM) {
      diagnostics.error(element, Message.MESSAGE_NOT_A_RECORD, element.getSimpleName(),
          CollectionReader.kindName(element.getKind()), element.getSimpleName());
      return;
    }
    if (!element.getTypeParameters().isEmpty()) {
      diagnostics.error(element, Message.MESSAGE_GENERIC, element.getSimpleName());
      return;
    }
    TypeReader.Result result;
    try {
      result = types.read(element.asType());
    } catch (UnresolvedTypeException e) {
      throw e.at("@LiveMessage " + element.getSimpleName(), element);
    }
    result.problem().ifPresent(problem ->
        types.report(problem, element, "@LiveMessage " + element.getSimpleName(), element.asType()));
  }

  private Optional<ClassName> registry(List<TypeElement> collections, List<ExecutableElement> procedures,
      List<TypeElement> messages) {
    if (registryOption.isPresent()) {
      String qualified = registryOption.get();
      int dot = qualified.lastIndexOf('.');
      String simple = qualified.substring(dot + 1);
      if (dot <= 0 || !javax.lang.model.SourceVersion.isName(qualified) || !Names.isValidMemberName(simple)) {
        diagnostics.error(Message.SCHEMA_NAME_INVALID, qualified);
        return Optional.empty();
      }
      return Optional.of(ClassName.get(qualified.substring(0, dot), simple));
    }
    List<String> packages = new ArrayList<>();
    collections.forEach(c -> packages.add(packageOf(c)));
    procedures.forEach(p -> packages.add(packageOf(p)));
    messages.forEach(m -> packages.add(packageOf(m)));
    String common = commonPackage(packages);
    if (common.isEmpty()) {
      diagnostics.error(Message.SCHEMA_PACKAGE_UNKNOWN);
      return Optional.empty();
    }
    return Optional.of(ClassName.get(common, "AppSchema"));
  }

  private static String packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ((PackageElement) e).getQualifiedName().toString();
  }

  static String commonPackage(List<String> packages) {
    if (packages.isEmpty()) {
      return "";
    }
    String[] common = packages.get(0).split("\\.");
    int length = common.length;
    for (String name : packages) {
      String[] parts = name.split("\\.");
      int same = 0;
      while (same < Math.min(length, parts.length) && parts[same].equals(common[same])) {
        same++;
      }
      length = same;
    }
    return String.join(".", java.util.Arrays.copyOf(common, length));
  }
}
