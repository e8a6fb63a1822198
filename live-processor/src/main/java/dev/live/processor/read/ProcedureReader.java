package dev.live.processor.read;

import com.palantir.javapoet.ClassName;
import dev.live.annotations.Procedure;
import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import dev.live.processor.model.ProcedureClassModel;
import dev.live.processor.model.ProcedureModel;
import dev.live.processor.model.TypeModel;
import dev.live.processor.model.ValueModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads the {@code @Procedure} methods of one class into a {@link ProcedureClassModel}. */
final class ProcedureReader {
  private final Diagnostics diagnostics;
  private final TypeReader types;
  private final LiveQueryReturns liveQueries;

  ProcedureReader(Diagnostics diagnostics, TypeReader types, LiveQueryReturns liveQueries) {
    this.diagnostics = diagnostics;
    this.types = types;
    this.liveQueries = liveQueries;
  }

  /** The model of {@code owner} with {@code methods}, or empty when an error was reported. */
  Optional<ProcedureClassModel> read(TypeElement owner, List<ExecutableElement> methods) {
    int errorsBefore = diagnostics.errorCount();
    boolean accessible = owner.getModifiers().contains(Modifier.PUBLIC)
        && (owner.getNestingKind() == NestingKind.TOP_LEVEL
            || (owner.getNestingKind() == NestingKind.MEMBER && owner.getModifiers().contains(Modifier.STATIC)));
    if (!accessible || TypeReader.isPrivate(owner)) {
      diagnostics.error(owner, Message.PROCEDURE_CLASS_NOT_ACCESSIBLE, owner.getSimpleName());
    }
    if (!owner.getTypeParameters().isEmpty()) {
      diagnostics.error(owner, Message.PROCEDURE_CLASS_GENERIC, owner.getSimpleName());
    }
    List<ProcedureModel> procedures = new ArrayList<>();
    for (ExecutableElement method : methods) {
      procedure(owner, method).ifPresent(procedures::add);
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new ProcedureClassModel(owner, ClassName.get(owner), procedures));
  }

  private Optional<ProcedureModel> procedure(TypeElement owner, ExecutableElement method) {
    int errorsBefore = diagnostics.errorCount();
    String where = owner.getSimpleName() + "." + method.getSimpleName();
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      diagnostics.error(method, Message.PROCEDURE_NOT_PUBLIC, where);
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error(method, Message.PROCEDURE_STATIC, where);
    }
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.error(method, Message.PROCEDURE_GENERIC, where);
    }
    AnnotationMirror annotation = Annotations.find(method, LiveAnnotations.PROCEDURE).orElseThrow();
    String name = Annotations.string(annotation, "name").orElse(method.getSimpleName().toString());
    if (!Names.isValidMemberName(name) || name.equals("ALL")) {
      diagnostics.error(method, annotation, Message.PROCEDURE_NAME_INVALID, name);
    } else if (ReservedNames.PROCEDURES.containsKey(name)) {
      diagnostics.error(method, Message.PROCEDURE_NAME_RESERVED, name, ReservedNames.PROCEDURES.get(name));
    }
    Procedure.Kind kind = Annotations.value(annotation, "kind")
        .map(value -> Procedure.Kind.QUERY.name().equals(value.toString()) ? Procedure.Kind.QUERY : Procedure.Kind.MUTATION)
        .orElse(Procedure.Kind.MUTATION);
    List<String> roles = roles(method, annotation, where);

    List<ProcedureModel.Parameter> parameters = new ArrayList<>();
    List<VariableElement> values = new ArrayList<>();
    List<VariableElement> contexts = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      if (isContext(parameter.asType())) {
        contexts.add(parameter);
        parameters.add(ProcedureModel.Parameter.CONTEXT);
      } else {
        values.add(parameter);
        parameters.add(ProcedureModel.Parameter.VALUE);
      }
    }
    if (contexts.size() > 1) {
      diagnostics.error(contexts.get(1), Message.PROCEDURE_TWO_CONTEXTS, where);
    }
    if (values.size() > 1) {
      List<String> names = values.stream().map(v -> v.getSimpleName().toString()).toList();
      diagnostics.error(values.get(1), Message.PROCEDURE_TOO_MANY_VALUES, where, values.size(),
          String.join(", ", names));
    }
    Optional<ValueModel> input = Optional.empty();
    String inputName = "input";
    if (values.size() == 1) {
      VariableElement parameter = values.get(0);
      inputName = parameter.getSimpleName().toString();
      input = value(parameter.asType(), Annotations.isNullable(parameter, parameter.asType()), parameter,
          "parameter '" + inputName + "' of @Procedure method " + where,
          Message.PROCEDURE_UNSUPPORTED_PARAMETER, inputName, where);
    }
    Optional<ValueModel> output = Optional.empty();
    Optional<ClassName> liveQuery = Optional.empty();
    Optional<ClassName> liveQueryRow = Optional.empty();
    Optional<ProcedureModel.Cardinality> cardinality = Optional.empty();
    TypeMirror returned = method.getReturnType();
    Optional<LiveQueryReturns.Found> query = liveQueries.find(method);
    if (query.isPresent()) {
      liveQuery = liveQuery(method, annotation, where, kind, query.get());
      if (query.get() instanceof LiveQueryReturns.Query found) {
        liveQueryRow = found.row();
        cardinality = Optional.of(found.cardinality());
      }
    } else if (returned.getKind() != TypeKind.VOID) {
      output = value(returned, Annotations.isNullable(method, returned), method,
          "the return type of @Procedure method " + where, Message.PROCEDURE_UNSUPPORTED_RETURN, where);
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new ProcedureModel(method, name, method.getSimpleName().toString(), kind,
        input, inputName, output, liveQuery, liveQueryRow, cardinality, parameters, roles));
  }

  /**
   * The roles of {@code @Procedure(roles = ...)}, each checked where it is written: a role of
   * another shape, or one named twice, is reported on that value.
   */
  private List<String> roles(ExecutableElement method, AnnotationMirror annotation, String where) {
    Optional<Object> value = Annotations.value(annotation, "roles");
    if (value.isEmpty() || !(value.get() instanceof List<?> values)) {
      return List.of();
    }
    List<String> roles = new ArrayList<>();
    for (Object element : values) {
      AnnotationValue written = (AnnotationValue) element;
      String role = String.valueOf(written.getValue());
      if (!Names.isValidRole(role)) {
        diagnostics.error(method, annotation, written, Message.PROCEDURE_ROLE_INVALID, role, where);
      } else if (roles.contains(role)) {
        diagnostics.error(method, annotation, written, Message.PROCEDURE_ROLE_DUPLICATE, role, where);
      } else {
        roles.add(role);
      }
    }
    return roles;
  }

  private Optional<ClassName> liveQuery(ExecutableElement method, AnnotationMirror annotation, String where,
      Procedure.Kind kind, LiveQueryReturns.Found found) {
    if (found instanceof LiveQueryReturns.NotACollection notACollection) {
      diagnostics.error(method, Message.LIVE_QUERY_NOT_A_COLLECTION, where, notACollection.written());
      return Optional.empty();
    }
    if (found instanceof LiveQueryReturns.Ambiguous ambiguous) {
      diagnostics.error(method, Message.LIVE_QUERY_AMBIGUOUS, where, ambiguous.written(),
          String.join(", ", ambiguous.collections().stream().map(ClassName::canonicalName).toList()));
      return Optional.empty();
    }
    if (kind != Procedure.Kind.QUERY) {
      diagnostics.error(method, annotation, Message.LIVE_QUERY_PROCEDURE_KIND, where);
    }
    if (Annotations.isNullable(method, method.getReturnType())) {
      diagnostics.error(method, Message.LIVE_QUERY_NULLABLE, where);
    }
    return Optional.of(((LiveQueryReturns.Query) found).collection());
  }

  private Optional<ValueModel> value(TypeMirror type, boolean nullable, javax.lang.model.element.Element element,
      String describe, Message unsupported, Object... subject) {
    TypeReader.Result result;
    try {
      result = types.read(type);
    } catch (UnresolvedTypeException e) {
      throw e.at(describe, element);
    }
    if (result.problem().isPresent()) {
      if (result.problem().get() == TypeReader.Problem.UNSUPPORTED) {
        Object[] arguments = java.util.Arrays.copyOf(subject, subject.length + 1);
        arguments[subject.length] = TypeReader.display(type);
        diagnostics.error(element, unsupported, arguments);
      } else {
        types.report(result.problem().get(), element, describe, type);
      }
      return Optional.empty();
    }
    TypeModel model = result.model().get();
    if (nullable && model instanceof TypeModel.ScalarType scalar && scalar.primitive()) {
      diagnostics.error(element, Message.NULLABLE_PRIMITIVE, describe, scalar.scalar().primitive(),
          scalar.scalar().boxed().simpleName());
      return Optional.empty();
    }
    return Optional.of(new ValueModel(model, nullable, TypeReader.display(model)));
  }

  private static boolean isContext(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName()
            .contentEquals(LiveAnnotations.PROCEDURE_CONTEXT);
  }

}
