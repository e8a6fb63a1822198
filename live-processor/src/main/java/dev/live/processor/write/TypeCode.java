package dev.live.processor.write;

import com.palantir.javapoet.CodeBlock;
import dev.live.processor.model.Scalar;
import dev.live.processor.model.TypeModel;

/** The code that reads, writes and names the codec of each supported type. */
final class TypeCode {
  private final GeneratedNames names;

  TypeCode(GeneratedNames names) {
    this.names = names;
  }

  /** The class holding the codec of a record or enum. */
  com.palantir.javapoet.ClassName jsonOf(com.palantir.javapoet.ClassName type) {
    return names.json(type);
  }

  /** An expression of type {@code JsonCodec<boxed type>}. */
  CodeBlock codec(TypeModel type) {
    if (type instanceof TypeModel.ScalarType scalar) {
      return CodeBlock.of("$T.$L", RuntimeTypes.CODECS, scalar.scalar().codecConstant());
    }
    if (type instanceof TypeModel.EnumType enumType) {
      return CodeBlock.of("$T.CODEC", names.json(enumType.name()));
    }
    if (type instanceof TypeModel.RecordType record) {
      return CodeBlock.of("$T.CODEC", names.json(record.name()));
    }
    TypeModel.ListType list = (TypeModel.ListType) type;
    return CodeBlock.of("$T.list($L)", RuntimeTypes.CODECS, codec(list.element()));
  }

  /**
   * An expression reading a value of {@code type} at the current token of parser {@code in},
   * reporting problems under {@code field}. {@code codec} is the codec expression to use for
   * types read through a codec (a constant, for lists).
   */
  CodeBlock read(TypeModel type, boolean nullable, String field, CodeBlock codec) {
    if (type instanceof TypeModel.ScalarType scalar) {
      String method = nullable ? scalar.scalar().nullableReadMethod() : scalar.scalar().readMethod();
      return CodeBlock.of("$T.$L(in, $S)", RuntimeTypes.JSON_READS, method, field);
    }
    return CodeBlock.of("$T.$L(in, $S, $L)", RuntimeTypes.JSON_READS,
        nullable ? "nullableNested" : "nested", field, codec);
  }

  /** A statement writing the non-null {@code value} of {@code type} to generator {@code out}. */
  CodeBlock write(TypeModel type, CodeBlock value, CodeBlock codec) {
    if (type instanceof TypeModel.ScalarType scalar) {
      Scalar kind = scalar.scalar();
      switch (kind) {
        case STRING:
          return CodeBlock.of("out.writeString($L)", value);
        case BOOLEAN:
          return CodeBlock.of("out.writeBoolean($L)", value);
        case INT:
        case LONG:
        case DOUBLE:
          return CodeBlock.of("out.writeNumber($L)", value);
        case DECIMAL:
          return CodeBlock.of("$T.decimal(out, $L)", RuntimeTypes.JSON_WRITES, value);
        case INSTANT:
          return CodeBlock.of("$T.instant(out, $L)", RuntimeTypes.JSON_WRITES, value);
        case LOCAL_DATE:
          return CodeBlock.of("$T.localDate(out, $L)", RuntimeTypes.JSON_WRITES, value);
        default:
          return CodeBlock.of("$T.uuid(out, $L)", RuntimeTypes.JSON_WRITES, value);
      }
    }
    if (type instanceof TypeModel.EnumType) {
      return CodeBlock.of("out.writeString($L.name())", value);
    }
    return CodeBlock.of("$L.write(out, $L)", codec, value);
  }

  /** The {@code FieldType} constant of a stored field. */
  static CodeBlock fieldType(TypeModel type) {
    String constant;
    if (type instanceof TypeModel.ScalarType scalar) {
      constant = scalar.scalar().fieldType();
    } else if (type instanceof TypeModel.EnumType) {
      constant = "ENUM";
    } else {
      constant = "JSON";
    }
    return CodeBlock.of("$T.$L", RuntimeTypes.FIELD_TYPE, constant);
  }

  /**
   * The type marked {@code @Nullable} as a type use: {@code Outer.@Nullable Inner} for nested
   * types, where a declaration annotation would not compile.
   */
  static com.palantir.javapoet.TypeName nullable(com.palantir.javapoet.TypeName type) {
    return type.annotated(com.palantir.javapoet.AnnotationSpec.builder(RuntimeTypes.NULLABLE).build());
  }

  /** Whether a value of this type is a reference that may be null (a box or an object). */
  static boolean isPrimitive(TypeModel type) {
    return type instanceof TypeModel.ScalarType scalar && scalar.primitive();
  }
}
