package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/** A supported value type, as read from a record component, parameter or return type. */
public sealed interface TypeModel {
  /** The Java type as declared (primitive where it was declared primitive). */
  TypeName javaType();

  /** The Java type usable as a type argument. */
  TypeName boxedType();

  /** Whether storage keeps it as a JSON document (nested records and lists). */
  default boolean isJson() {
    return false;
  }

  /** A built-in type; {@code primitive} when declared as {@code int}, {@code boolean}, ... */
  record ScalarType(Scalar scalar, boolean primitive) implements TypeModel {
    @Override
    public TypeName javaType() {
      return primitive ? scalar.primitive() : scalar.boxed();
    }

    @Override
    public TypeName boxedType() {
      return scalar.boxed();
    }
  }

  /** An enum, stored and sent as its constant's name. */
  record EnumType(ClassName name) implements TypeModel {
    @Override
    public TypeName javaType() {
      return name;
    }

    @Override
    public TypeName boxedType() {
      return name;
    }
  }

  /** A record, nested as a JSON object; its components are in the schema's record models. */
  record RecordType(ClassName name) implements TypeModel {
    @Override
    public TypeName javaType() {
      return name;
    }

    @Override
    public TypeName boxedType() {
      return name;
    }

    @Override
    public boolean isJson() {
      return true;
    }
  }

  /** A {@code List} of a supported type; elements are never null. */
  record ListType(TypeModel element) implements TypeModel {
    @Override
    public TypeName javaType() {
      return ParameterizedTypeName.get(ClassName.get("java.util", "List"), element.boxedType());
    }

    @Override
    public TypeName boxedType() {
      return javaType();
    }

    @Override
    public boolean isJson() {
      return true;
    }
  }
}
