package dev.live.processor.read;

import com.palantir.javapoet.ClassName;
import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import dev.live.processor.model.ComponentModel;
import dev.live.processor.model.EnumModel;
import dev.live.processor.model.RecordModel;
import dev.live.processor.model.Scalar;
import dev.live.processor.model.TypeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Turns a type mirror into a {@link TypeModel}, or says why it cannot. Records and enums it
 * meets are read once and kept, for their codecs to be generated; a problem inside a nested
 * record is reported on that record's component, once.
 */
public final class TypeReader {
  /** Why a type could not be read. */
  public enum Problem {
    /** The type itself is not supported; the caller reports it on its element. */
    UNSUPPORTED,
    /** A list's element type is marked nullable. */
    NULLABLE_ELEMENT,
    /** The type is private; generated code cannot use it. */
    PRIVATE,
    /** A problem inside a nested record, already reported on its component. */
    REPORTED
  }

  /** A type model, or the problem that prevented one. */
  public record Result(Optional<TypeModel> model, Optional<Problem> problem) {
    static Result of(TypeModel model) {
      return new Result(Optional.of(model), Optional.empty());
    }

    static Result failed(Problem problem) {
      return new Result(Optional.empty(), Optional.of(problem));
    }
  }

  private static final Map<String, Scalar> SCALARS = Map.of(
      "java.lang.String", Scalar.STRING,
      "java.lang.Boolean", Scalar.BOOLEAN,
      "java.lang.Integer", Scalar.INT,
      "java.lang.Long", Scalar.LONG,
      "java.lang.Double", Scalar.DOUBLE,
      "java.math.BigDecimal", Scalar.DECIMAL,
      "java.time.Instant", Scalar.INSTANT,
      "java.time.LocalDate", Scalar.LOCAL_DATE,
      "java.util.UUID", Scalar.UUID);

  private final Diagnostics diagnostics;
  private final Set<ClassName> collections;
  private final Map<ClassName, RecordModel> records = new LinkedHashMap<>();
  private final Map<ClassName, EnumModel> enums = new LinkedHashMap<>();
  private final Set<ClassName> reading = new HashSet<>();
  private final Set<ClassName> invalid = new HashSet<>();

  /** {@code collections}: records read by the collection reader, not as nested records. */
  public TypeReader(Diagnostics diagnostics, Set<ClassName> collections) {
    this.diagnostics = diagnostics;
    this.collections = collections;
  }

  public Map<ClassName, RecordModel> records() {
    return records;
  }

  public Map<ClassName, EnumModel> enums() {
    return enums;
  }

  public Result read(TypeMirror type) {
    switch (type.getKind()) {
      case BOOLEAN:
        return Result.of(new TypeModel.ScalarType(Scalar.BOOLEAN, true));
      case INT:
        return Result.of(new TypeModel.ScalarType(Scalar.INT, true));
      case LONG:
        return Result.of(new TypeModel.ScalarType(Scalar.LONG, true));
      case DOUBLE:
        return Result.of(new TypeModel.ScalarType(Scalar.DOUBLE, true));
      case ERROR:
        throw new UnresolvedTypeException(type.toString());
      case DECLARED:
        return declared((DeclaredType) type);
      default:
        return Result.failed(Problem.UNSUPPORTED);
    }
  }

  private Result declared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    Scalar scalar = SCALARS.get(name);
    if (scalar != null) {
      return Result.of(new TypeModel.ScalarType(scalar, false));
    }
    if (name.equals("java.util.List")) {
      return list(type);
    }
    if (!type.getTypeArguments().isEmpty()) {
      return Result.failed(Problem.UNSUPPORTED);
    }
    if (isPrivate(element)) {
      return Result.failed(Problem.PRIVATE);
    }
    if (element.getKind() == ElementKind.ENUM) {
      return Result.of(enumType(element));
    }
    if (element.getKind() == ElementKind.RECORD && element.getTypeParameters().isEmpty()) {
      return record(element);
    }
    return Result.failed(Problem.UNSUPPORTED);
  }

  private Result list(DeclaredType type) {
    if (type.getTypeArguments().size() != 1) {
      return Result.failed(Problem.UNSUPPORTED);
    }
    TypeMirror element = type.getTypeArguments().get(0);
    if (Annotations.isNullable(element)) {
      return Result.failed(Problem.NULLABLE_ELEMENT);
    }
    Result inner = read(element);
    return inner.model().isPresent() ? Result.of(new TypeModel.ListType(inner.model().get())) : inner;
  }

  private TypeModel enumType(TypeElement element) {
    ClassName name = ClassName.get(element);
    enums.computeIfAbsent(name, n -> {
      List<String> constants = new ArrayList<>();
      for (Element member : element.getEnclosedElements()) {
        if (member.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(member.getSimpleName().toString());
        }
      }
      return new EnumModel(n, element, constants);
    });
    return new TypeModel.EnumType(name);
  }

  private Result record(TypeElement element) {
    ClassName name = ClassName.get(element);
    if (collections.contains(name) || records.containsKey(name) || reading.contains(name)) {
      return Result.of(new TypeModel.RecordType(name));
    }
    if (invalid.contains(name)) {
      return Result.failed(Problem.REPORTED);
    }
    reading.add(name);
    List<ComponentModel> components = new ArrayList<>();
    boolean valid = true;
    for (RecordComponentElement component : element.getRecordComponents()) {
      String describe = "component '" + component.getSimpleName() + "' of " + element.getSimpleName();
      Optional<ComponentModel> model = component(component, describe);
      valid &= model.isPresent();
      model.ifPresent(components::add);
    }
    reading.remove(name);
    if (!valid) {
      invalid.add(name);
      return Result.failed(Problem.REPORTED);
    }
    records.put(name, new RecordModel(name, element, components));
    return Result.of(new TypeModel.RecordType(name));
  }

  /** A record component: its type and nullability, reporting problems on it. */
  public Optional<ComponentModel> component(RecordComponentElement component, String describe) {
    String name = component.getSimpleName().toString();
    if (ReservedNames.OBJECT_METHODS.contains(name)) {
      // javac rejects the record too, but only after processing, and leaves it without an accessor.
      diagnostics.error(ErrorSites.of(component), Message.COMPONENT_NAME_ILLEGAL, name);
      return Optional.empty();
    }
    TypeMirror type = component.asType();
    ExecutableElement accessor = component.getAccessor();
    boolean nullable = Annotations.isNullable(component, type)
        || (accessor != null && Annotations.isNullable(accessor, accessor.getReturnType()));
    Optional<TypeModel> model = readReporting(type, component, describe, nullable);
    return model.map(m -> new ComponentModel(component.getSimpleName().toString(), m, nullable));
  }

  /**
   * Reads {@code type} and reports any problem on {@code element}, described as {@code
   * describe} ("component 'tags' of Task"); checks that a nullable value is not primitive.
   */
  public Optional<TypeModel> readReporting(TypeMirror type, Element element, String describe, boolean nullable) {
    Result result;
    try {
      result = read(type);
    } catch (UnresolvedTypeException e) {
      throw e.at(describe, ErrorSites.of(element));
    }
    if (result.problem().isPresent()) {
      report(result.problem().get(), element, describe, type);
      return Optional.empty();
    }
    TypeModel model = result.model().get();
    if (nullable && model instanceof TypeModel.ScalarType scalar && scalar.primitive()) {
      diagnostics.error(ErrorSites.of(element), Message.NULLABLE_PRIMITIVE, describe,
          scalar.scalar().primitive(), scalar.scalar().boxed().simpleName());
      return Optional.empty();
    }
    return Optional.of(model);
  }

  /** Reports a problem of {@link #read}, unless it was reported already. */
  public void report(Problem problem, Element element, String describe, TypeMirror type) {
    switch (problem) {
      case UNSUPPORTED:
        diagnostics.error(ErrorSites.of(element), Message.UNSUPPORTED_TYPE, describe, display(type));
        break;
      case NULLABLE_ELEMENT:
        diagnostics.error(ErrorSites.of(element), Message.NULLABLE_LIST_ELEMENT, describe,
            displayWithNullable(type));
        break;
      case PRIVATE:
        diagnostics.error(ErrorSites.of(element), Message.TYPE_NOT_ACCESSIBLE, describe, display(type));
        break;
      default:
        break;
    }
  }

  /** A supported type as a reader of a message would write it: simple names ({@code "List<Task>"}). */
  public static String display(TypeModel type) {
    if (type instanceof TypeModel.ListType list) {
      return "List<" + display(list.element()) + ">";
    }
    if (type instanceof TypeModel.ScalarType scalar) {
      return scalar.primitive() ? scalar.scalar().primitive().toString() : scalar.scalar().boxed().simpleName();
    }
    return ((ClassName) type.javaType()).simpleName();
  }

  /**
   * Any type as written in a message: qualified names, without the type annotations javac would
   * print in odd places that differ between JDKs ("java.util.@org.jspecify.annotations.Nullable
   * Date"; in a type argument "@...Nullable java.lang.String" on 17, "java.lang.@...Nullable
   * String" on 25).
   */
  static String display(TypeMirror type) {
    return display(type, false);
  }

  /** {@link #display(TypeMirror)}, with {@code @Nullable} written before the types that carry it. */
  static String displayWithNullable(TypeMirror type) {
    return display(type, true);
  }

  private static String display(TypeMirror type, boolean withNullable) {
    String nullable = withNullable && Annotations.isNullable(type) ? "@Nullable " : "";
    switch (type.getKind()) {
      case DECLARED: {
        DeclaredType declared = (DeclaredType) type;
        StringBuilder text = new StringBuilder(nullable)
            .append(((TypeElement) declared.asElement()).getQualifiedName());
        if (!declared.getTypeArguments().isEmpty()) {
          StringJoiner arguments = new StringJoiner(", ", "<", ">");
          declared.getTypeArguments().forEach(argument -> arguments.add(display(argument, withNullable)));
          text.append(arguments);
        }
        return text.toString();
      }
      case ARRAY:
        return display(((ArrayType) type).getComponentType(), withNullable) + "[]";
      case WILDCARD: {
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + display(wildcard.getExtendsBound(), withNullable);
        }
        TypeMirror lower = wildcard.getSuperBound();
        return lower != null ? "? super " + display(lower, withNullable) : "?";
      }
      case TYPEVAR:
        return nullable + ((TypeVariable) type).asElement().getSimpleName();
      default:
        if (type.getKind().isPrimitive()) {
          return nullable + type.getKind().name().toLowerCase(Locale.ROOT);
        }
        return type.toString();
    }
  }

  /** Whether generated code in the type's package cannot reach it. */
  static boolean isPrivate(TypeElement element) {
    for (Element e = element; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (type.getModifiers().contains(Modifier.PRIVATE) || type.getNestingKind() == NestingKind.LOCAL
          || type.getNestingKind() == NestingKind.ANONYMOUS) {
        return true;
      }
    }
    return false;
  }
}
