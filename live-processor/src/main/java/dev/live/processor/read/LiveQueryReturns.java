package dev.live.processor.read;

import com.palantir.javapoet.ClassName;
import dev.live.processor.model.ProcedureModel;
import dev.live.processor.write.GeneratedNames;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Recognises a procedure's return type as a query builder, which makes it a live query
 * procedure: the generated {@code TaskQuery<R>} of a collection, or the runtime's {@code
 * ListQuery<Task, R>}, {@code SingleQuery<Task, R>} and {@code TypedQuery<Task, R>}.
 *
 * <p>The generated query types do not exist yet in the round that reads the procedures (this
 * processor writes them in that round), so javac presents them as error types; they are
 * recognised by name, as the source writes it ({@link WrittenTypes}): the generated name of a
 * collection of this compilation. Where the compiler keeps no source trees, the runtime types
 * ({@code ListQuery<Task, Task>}) still work, since they resolve.
 */
final class LiveQueryReturns {
  /** The runtime's query types, with how many rows each answers. */
  private static final Map<String, ProcedureModel.Cardinality> RUNTIME_QUERIES = Map.of(
      "dev.live.query.TypedQuery", ProcedureModel.Cardinality.EITHER,
      "dev.live.query.ListQuery", ProcedureModel.Cardinality.LIST,
      "dev.live.query.SingleQuery", ProcedureModel.Cardinality.SINGLE);

  /** What a return type turned out to be. */
  sealed interface Found {}

  /**
   * A query over {@code collection}, the record's class, whose rows are {@code row}: the record,
   * or its generated row type; empty when the return type leaves it open ({@code ?}).
   */
  record Query(ClassName collection, Optional<ClassName> row, ProcedureModel.Cardinality cardinality)
      implements Found {}

  /** A runtime query type whose first type argument is not a collection of this compilation. */
  record NotACollection(String written) implements Found {}

  /**
   * A simple name that is the generated query of several collections (in different packages),
   * none of them imported by name or in the procedure's own package.
   */
  record Ambiguous(String written, List<ClassName> collections) implements Found {}

  private final Set<ClassName> collections;
  private final WrittenTypes written;

  LiveQueryReturns(Set<ClassName> collections, WrittenTypes written) {
    this.collections = collections;
    this.written = written;
  }

  private Optional<String> written(ExecutableElement method) {
    return written.returnType(method);
  }

  /**
   * javac names an unresolved parameterized type {@code <any>}; without source trees (a build
   * tool wrapping the compiler's environment) a generated query cannot be told from a typo.
   */
  private static UnresolvedTypeException hiddenName(ExecutableElement method) {
    return UnresolvedTypeException.located("the return type of @Procedure method "
        + method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName()
        + " (this build hides the source trees that name it; a live query procedure can return"
        + " ListQuery<Task, Task> or SingleQuery<Task, Task> instead of the generated TaskQuery<Task>)", method);
  }

  /** Empty when the return type of {@code method} is not a query type at all. */
  Optional<Found> find(ExecutableElement method) {
    TypeMirror type = method.getReturnType();
    if (type.getKind() == TypeKind.ERROR) {
      Optional<String> written = written(method);
      if (written.isEmpty() && type.toString().equals("<any>")) {
        throw hiddenName(method);
      }
      String text = written.orElse(type.toString());
      return generatedQuery(withoutArguments(text).strip(), method, typeArguments(text));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
    if (RUNTIME_QUERIES.containsKey(name)) {
      return Optional.of(runtimeQuery(declared, RUNTIME_QUERIES.get(name)));
    }
    return generatedQuery(name, method, declared.getTypeArguments().stream().map(LiveQueryReturns::written).toList());
  }

  private Found runtimeQuery(DeclaredType declared, ProcedureModel.Cardinality cardinality) {
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    if (arguments.isEmpty() || arguments.get(0).getKind() != TypeKind.DECLARED) {
      return new NotACollection(arguments.isEmpty() ? "nothing (a raw type)" : arguments.get(0).toString());
    }
    ClassName record = ClassName.get((TypeElement) ((DeclaredType) arguments.get(0)).asElement());
    Optional<ClassName> row = arguments.size() < 2 ? Optional.empty() : rowType(record, written(arguments.get(1)));
    return collections.contains(record)
        ? new Query(record, row, cardinality)
        : new NotACollection(record.canonicalName());
  }

  /**
   * The collection whose generated query class is named {@code name}, as written: qualified, or
   * simple; a simple name that several collections' query classes share is ambiguous.
   */
  private Optional<Found> generatedQuery(String name, ExecutableElement method, List<String> arguments) {
    boolean qualified = name.contains(".");
    List<ClassName> matches = collections.stream()
        .filter(record -> {
          ClassName query = GeneratedNames.query(record);
          return qualified ? query.canonicalName().equals(name) : query.simpleName().equals(name);
        })
        .sorted(Comparator.comparing(ClassName::canonicalName))
        .toList();
    if (matches.size() > 1) {
      // As Java resolves a simple name: a single-type import first, then the file's own package.
      List<String> imports = written.imports(method);
      String ownPackage = enclosingPackage(method).getQualifiedName().toString();
      List<ClassName> chosen = matches.stream()
          .filter(record -> imports.contains(GeneratedNames.query(record).canonicalName())).toList();
      if (chosen.isEmpty()) {
        chosen = matches.stream().filter(record -> record.packageName().equals(ownPackage)).toList();
      }
      return Optional.of(chosen.size() == 1 ? query(chosen.get(0), arguments) : new Ambiguous(name, matches));
    }
    return matches.stream().findFirst().map(record -> query(record, arguments));
  }

  /**
   * A generated query's one type argument is its row type: {@code TaskQuery<TaskRow>}; it is a
   * {@code ListQuery}, so a list.
   */
  private static Found query(ClassName record, List<String> arguments) {
    return new Query(record, arguments.size() == 1 ? rowType(record, arguments.get(0)) : Optional.empty(),
        ProcedureModel.Cardinality.LIST);
  }

  /**
   * The row type a type argument names, as written or as javac prints it: the record itself, or
   * its generated row type (simple or qualified); empty for anything else, such as a wildcard.
   */
  private static Optional<ClassName> rowType(ClassName record, String argument) {
    String name = argument.strip();
    ClassName row = GeneratedNames.row(record);
    if (name.equals(record.simpleName()) || name.equals(record.canonicalName())) {
      return Optional.of(record);
    }
    if (name.equals(row.simpleName()) || name.equals(row.canonicalName())) {
      return Optional.of(row);
    }
    return Optional.empty();
  }

  /** How a type argument reads: a declared type by its qualified name, an unresolved one as written. */
  private static String written(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      return ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString();
    }
    return type.toString();
  }

  /** The top-level type arguments of a type as written: {@code "A<B, C<D>>"} gives B and C<D>. */
  private static List<String> typeArguments(String written) {
    int open = written.indexOf('<');
    int close = written.lastIndexOf('>');
    if (open < 0 || close < open) {
      return List.of();
    }
    List<String> arguments = new java.util.ArrayList<>();
    int depth = 0;
    int start = open + 1;
    for (int i = start; i < close; i++) {
      char c = written.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        arguments.add(written.substring(start, i).strip());
        start = i + 1;
      }
    }
    arguments.add(written.substring(start, close).strip());
    return arguments;
  }

  private static PackageElement enclosingPackage(Element element) {
    Element current = element;
    while (current.getKind() != ElementKind.PACKAGE) {
      current = current.getEnclosingElement();
    }
    return (PackageElement) current;
  }

  private static String withoutArguments(String written) {
    int angle = written.indexOf('<');
    return angle < 0 ? written : written.substring(0, angle);
  }
}
