package dev.live.processor;

import com.google.auto.service.AutoService;
import dev.live.processor.model.SchemaModel;
import dev.live.processor.read.LiveAnnotations;
import dev.live.processor.read.SchemaReader;
import dev.live.processor.read.UnresolvedTypeException;
import dev.live.processor.read.WrittenTypes;
import dev.live.processor.write.SchemaWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The Live annotation processor: reads {@code @Collection} records, {@code @Procedure} methods,
 * {@code @LiveMessage} records and {@code @LiveRoom} declarations into a model, validates it, and
 * writes the code the runtime needs. It reports every problem on the offending element, writes
 * nothing when there is any, and never lets an exception escape into javac.
 *
 * <p>Options: {@code -Alive.schema=com.example.AppSchema} names the schema registry; by default
 * it is {@code AppSchema} in the package all annotated types share. {@code
 * -Alive.typescript.dir=<folder>} also writes the TypeScript declarations ({@code AppSchema.d.ts})
 * into that folder, for a front end's sources.
 */
@AutoService(Processor.class)
public final class LiveProcessor extends AbstractProcessor {
  /** The option naming the registry class. */
  public static final String SCHEMA_OPTION = "live.schema";
  /** The option naming a folder the TypeScript declarations are written to, besides the class output. */
  public static final String TYPESCRIPT_DIR_OPTION = "live.typescript.dir";

  private final Set<String> deferredCollections = new LinkedHashSet<>();
  private final Set<String> deferredProcedureOwners = new LinkedHashSet<>();
  /** @LiveMessage types whose reading waited for another processor's types, read again next round. */
  private final Set<String> deferredMessages = new LinkedHashSet<>();
  /** @LiveRoom types, likewise. */
  private final Set<String> deferredRooms = new LinkedHashSet<>();
  /** Top-level types of this compilation's sources, which generated names must not take. */
  private final Set<String> userTypes = new java.util.HashSet<>();
  private boolean generated;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(LiveAnnotations.COLLECTION, LiveAnnotations.PROCEDURE, LiveAnnotations.MESSAGE,
        LiveAnnotations.ROOM);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(SCHEMA_OPTION, TYPESCRIPT_DIR_OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
    try {
      processRound(round, diagnostics);
    } catch (RuntimeException | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      diagnostics.error(Message.INTERNAL_ERROR, e, trace);
    }
    return false;
  }

  private void processRound(RoundEnvironment round, Diagnostics diagnostics) {
    if (round.errorRaised()) {
      return;
    }
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type) {
        userTypes.add(type.getQualifiedName().toString());
      }
    }
    List<TypeElement> collections = new ArrayList<>();
    List<ExecutableElement> procedures = new ArrayList<>();
    List<TypeElement> messages = new ArrayList<>();
    List<TypeElement> rooms = new ArrayList<>();
    collect(round, collections, procedures, messages, rooms);
    if (generated) {
      collections.forEach(c -> diagnostics.error(c, Message.LATE_ROUND, c.getSimpleName()));
      procedures.forEach(p -> diagnostics.error(p, Message.LATE_ROUND, p.getSimpleName()));
      messages.forEach(m -> diagnostics.error(m, Message.LATE_ROUND, m.getSimpleName()));
      rooms.forEach(r -> diagnostics.error(r, Message.LATE_ROUND, r.getSimpleName()));
      return;
    }
    if (collections.isEmpty() && procedures.isEmpty() && messages.isEmpty() && rooms.isEmpty()) {
      return;
    }
    try {
      Optional<SchemaModel> schema = new SchemaReader(diagnostics,
          Optional.ofNullable(processingEnv.getOptions().get(SCHEMA_OPTION)), WrittenTypes.of(processingEnv))
          .read(collections, procedures, messages, rooms);
      generated = true;
      deferredCollections.clear();
      deferredProcedureOwners.clear();
      deferredMessages.clear();
      deferredRooms.clear();
      schema.ifPresent(model -> new SchemaWriter(processingEnv.getFiler(), processingEnv.getElementUtils(),
          diagnostics, userTypes, typeScriptDir()).write(model));
    } catch (UnresolvedTypeException e) {
      // A type another processor has yet to generate: try again with everything next round.
      if (round.processingOver()) {
        if (e.element().isPresent()) {
          diagnostics.error(e.element().get(), Message.UNRESOLVED_TYPE, "", e.getMessage());
        } else {
          diagnostics.error(Message.UNRESOLVED_TYPE, "", e.getMessage());
        }
        return;
      }
      collections.forEach(c -> deferredCollections.add(c.getQualifiedName().toString()));
      messages.forEach(m -> deferredMessages.add(m.getQualifiedName().toString()));
      rooms.forEach(r -> deferredRooms.add(r.getQualifiedName().toString()));
      procedures.forEach(p -> deferredProcedureOwners.add(
          ((TypeElement) p.getEnclosingElement()).getQualifiedName().toString()));
    }
  }

  /** Option {@code live.typescript.dir}; given without a value ({@code -Alive.typescript.dir}) it is empty: an error. */
  private Optional<String> typeScriptDir() {
    Map<String, String> options = processingEnv.getOptions();
    if (!options.containsKey(TYPESCRIPT_DIR_OPTION)) {
      return Optional.empty();
    }
    return Optional.of(Objects.requireNonNullElse(options.get(TYPESCRIPT_DIR_OPTION), ""));
  }

  /** This round's annotated elements, with those deferred from earlier rounds. */
  private void collect(RoundEnvironment round, List<TypeElement> collections, List<ExecutableElement> procedures,
      List<TypeElement> messages, List<TypeElement> rooms) {
    Set<Element> seen = new LinkedHashSet<>();
    for (Element element : round.getElementsAnnotatedWith(element(LiveAnnotations.COLLECTION))) {
      if (seen.add(element)) {
        collections.add((TypeElement) element);
      }
    }
    for (String name : deferredCollections) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null && seen.add(element)) {
        collections.add(element);
      }
    }
    for (Element element : round.getElementsAnnotatedWith(element(LiveAnnotations.MESSAGE))) {
      if (seen.add(element)) {
        messages.add((TypeElement) element);
      }
    }
    for (String name : deferredMessages) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null && seen.add(element)) {
        messages.add(element);
      }
    }
    // A room may be declared on a message or a collection (the latter is reported): seen apart.
    Set<Element> seenRooms = new LinkedHashSet<>();
    // Absent when the compilation's live-annotations predates @LiveRoom: then nothing declares a room.
    TypeElement roomAnnotation = element(LiveAnnotations.ROOM);
    Set<? extends Element> roomElements =
        roomAnnotation == null ? Set.of() : round.getElementsAnnotatedWith(roomAnnotation);
    for (Element element : roomElements) {
      if (element instanceof TypeElement type && seenRooms.add(type)) {
        rooms.add(type);
      }
    }
    for (String name : deferredRooms) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null && seenRooms.add(element)) {
        rooms.add(element);
      }
    }
    for (Element element : round.getElementsAnnotatedWith(element(LiveAnnotations.PROCEDURE))) {
      if (element.getKind() == ElementKind.METHOD && seen.add(element)) {
        procedures.add((ExecutableElement) element);
      }
    }
    for (String name : deferredProcedureOwners) {
      TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
      if (owner == null) {
        continue;
      }
      for (Element member : owner.getEnclosedElements()) {
        if (member.getKind() == ElementKind.METHOD
            && dev.live.processor.read.Annotations.has(member, LiveAnnotations.PROCEDURE) && seen.add(member)) {
          procedures.add((ExecutableElement) member);
        }
      }
    }
  }

  private TypeElement element(String qualifiedName) {
    return processingEnv.getElementUtils().getTypeElement(qualifiedName);
  }
}
