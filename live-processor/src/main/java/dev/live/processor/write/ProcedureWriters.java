package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.live.processor.model.ProcedureClassModel;
import dev.live.processor.model.ProcedureModel;
import dev.live.processor.model.ValueModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes the three types of a procedure class: {@code X_} with a descriptor per procedure,
 * {@code XDispatcher} that calls the methods by name, and {@code XClient}, the typed stub.
 */
final class ProcedureWriters {
  private static final ClassName VOID = ClassName.get(Void.class);

  private final TypeCode code;

  ProcedureWriters(TypeCode code) {
    this.code = code;
  }

  TypeSpec.Builder metamodel(ProcedureClassModel owner) {
    ClassName self = GeneratedNames.procedureMetamodel(owner);
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("The procedures of {@link $T}: name, kind, input and output of each.\n", owner.type())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    List<CodeBlock> all = new ArrayList<>();
    for (ProcedureModel procedure : owner.procedures()) {
      FieldSpec.Builder descriptor = FieldSpec.builder(descriptorType(procedure), procedure.name(),
          Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL);
      CodeBlock created;
      if (procedure.liveQuery().isPresent()) {
        descriptor.addJavadoc("Live query procedure {@code $L}, calling {@link $T#$L}", procedure.name(),
            owner.type(), procedure.methodName());
        created = CodeBlock.of("$T.liveQuery($S, $L, $T.COLLECTION)", RuntimeTypes.PROCEDURE_DESCRIPTOR,
            procedure.name(), value(procedure.input()), GeneratedNames.metamodel(procedure.liveQuery().get()));
      } else {
        descriptor.addJavadoc("Procedure {@code $L} ($L), calling {@link $T#$L}", procedure.name(),
            procedure.kind().name().toLowerCase(java.util.Locale.ROOT), owner.type(), procedure.methodName());
        // The diamond cannot infer the type arguments of an instance whose method is called next (withRoles).
        CodeBlock instance = procedure.roles().isEmpty() ? CodeBlock.of("$T<>", RuntimeTypes.PROCEDURE_DESCRIPTOR)
            : CodeBlock.of("$T", descriptorType(procedure));
        created = CodeBlock.of("new $L($S, $T.$L, $L, $L)", instance, procedure.name(), RuntimeTypes.PROCEDURE_KIND,
            procedure.kind().name(), value(procedure.input()), value(procedure.output()));
      }
      List<String> roles = procedure.roles();
      if (roles.isEmpty()) {
        descriptor.addJavadoc(".\n").initializer(created);
      } else {
        descriptor.addJavadoc("; callers need $L $L.\n", roles.size() == 1 ? "the role" : "one of the roles",
                String.join(", ", roles))
            .initializer("$L.withRoles($L)", created,
                CodeBlock.join(roles.stream().map(role -> CodeBlock.of("$S", role)).toList(), ", "));
      }
      type.addField(descriptor.build());
      all.add(CodeBlock.of("$L", procedure.name()));
    }
    TypeName anyDescriptor = ParameterizedTypeName.get(RuntimeTypes.PROCEDURE_DESCRIPTOR,
        WildcardTypeName.subtypeOf(Object.class), WildcardTypeName.subtypeOf(Object.class));
    type.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.LIST, anyDescriptor), "ALL",
            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Every procedure of the class, in declaration order.\n")
        .initializer("$T.<$T>of($L)", RuntimeTypes.LIST, anyDescriptor, CodeBlock.join(all, ", "))
        .build());
    return type;
  }

  private CodeBlock value(Optional<ValueModel> value) {
    if (value.isEmpty()) {
      return CodeBlock.of("$T.empty()", RuntimeTypes.OPTIONAL);
    }
    ValueModel model = value.get();
    return CodeBlock.of("$T.of(new $T<>($L, $L, $S))", RuntimeTypes.OPTIONAL, RuntimeTypes.PROCEDURE_VALUE,
        code.codec(model.type()), model.nullable(), model.display());
  }

  private static TypeName descriptorType(ProcedureModel procedure) {
    TypeName output = procedure.liveQuery()
        .<TypeName>map(record -> ParameterizedTypeName.get(RuntimeTypes.TYPED_QUERY, record,
            WildcardTypeName.subtypeOf(Object.class)))
        .orElseGet(() -> boxed(procedure.output()));
    return ParameterizedTypeName.get(RuntimeTypes.PROCEDURE_DESCRIPTOR, boxed(procedure.input()), output);
  }

  private static TypeName boxed(Optional<ValueModel> value) {
    return value.map(v -> v.type().boxedType()).orElse(VOID);
  }

  TypeSpec.Builder dispatcher(ProcedureClassModel owner) {
    ClassName self = GeneratedNames.dispatcher(owner);
    MethodSpec.Builder invoke = MethodSpec.methodBuilder("invoke")
        .addAnnotation(Override.class)
        .addAnnotation(AnnotationsCode.suppressUnchecked())
        .addModifiers(Modifier.PROTECTED)
        .returns(TypeCode.nullable(ClassName.OBJECT))
        .addParameter(String.class, "name")
        .addParameter(TypeCode.nullable(ClassName.OBJECT), "input")
        .addParameter(RuntimeTypes.PROCEDURE_CONTEXT, "context")
        .addException(Exception.class);
    CodeBlock.Builder cases = CodeBlock.builder();
    for (ProcedureModel procedure : owner.procedures()) {
      List<CodeBlock> arguments = new ArrayList<>();
      for (ProcedureModel.Parameter parameter : procedure.parameters()) {
        arguments.add(parameter == ProcedureModel.Parameter.CONTEXT
            ? CodeBlock.of("context")
            : CodeBlock.of("($T) input", procedure.input().orElseThrow().type().javaType()));
      }
      CodeBlock call = CodeBlock.of("target.$L($L)", procedure.methodName(), CodeBlock.join(arguments, ", "));
      cases.add("case $S:\n", procedure.name()).indent();
      if (procedure.output().isPresent() || procedure.liveQuery().isPresent()) {
        cases.addStatement("return $L", call);
      } else {
        cases.addStatement(call).addStatement("return null");
      }
      cases.unindent();
    }
    cases.add("default:\n").indent()
        .addStatement("throw new $T($S + name)", IllegalArgumentException.class, "no procedure named ")
        .unindent();
    invoke.beginControlFlow("switch (name)").addCode(cases.build()).endControlFlow();

    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(RuntimeTypes.PROCEDURE_DISPATCHER)
        .addJavadoc("Calls the procedures of a {@link $T} by name, for the server.\n", owner.type())
        .addField(owner.type(), "target", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(owner.type(), "target")
            .addStatement("super($T.ALL)", GeneratedNames.procedureMetamodel(owner))
            .addStatement("this.target = $T.requireNonNull(target, $S)", RuntimeTypes.OBJECTS, "target")
            .build())
        .addMethod(invoke.build());
  }

  TypeSpec.Builder client(ProcedureClassModel owner) {
    ClassName self = GeneratedNames.client(owner);
    ClassName meta = GeneratedNames.procedureMetamodel(owner);
    List<ProcedureModel> followed = owner.procedures().stream()
        .filter(procedure -> procedure.liveQueryRow().isPresent()).toList();
    List<String> untyped = owner.procedures().stream()
        .filter(procedure -> procedure.liveQuery().isPresent() && procedure.liveQueryRow().isEmpty())
        .map(ProcedureModel::name).toList();
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Calls the procedures of {@link $T} on a server; each call completes with the\n"
            + "procedure's result, or exceptionally with the server's typed error.\n\n"
            + "<pre>{@code\n$T procedures = $T.of(client);\n}</pre>\n", owner.type(), self, self)
        .addField(RuntimeTypes.PROCEDURE_CALLER, "caller", Modifier.PRIVATE, Modifier.FINAL);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(RuntimeTypes.PROCEDURE_CALLER, "caller")
        .addStatement("this.caller = $T.requireNonNull(caller, $S)", RuntimeTypes.OBJECTS, "caller");
    MethodSpec.Builder of = MethodSpec.methodBuilder("of")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self);
    if (followed.isEmpty()) {
      of.addParameter(RuntimeTypes.PROCEDURE_CALLER, "caller")
          .addJavadoc("A stub calling through {@code caller}, such as a connected client.\n")
          .addStatement("return new $T(caller)", self);
    } else {
      // Following a live query takes a subscribing connection, not just a caller: the client.
      TypeVariableName client = TypeVariableName.get("C", RuntimeTypes.PROCEDURE_CALLER,
          RuntimeTypes.PROCEDURE_SUBSCRIBER);
      type.addField(RuntimeTypes.PROCEDURE_SUBSCRIBER, "subscriber", Modifier.PRIVATE, Modifier.FINAL);
      constructor.addParameter(RuntimeTypes.PROCEDURE_SUBSCRIBER, "subscriber")
          .addStatement("this.subscriber = subscriber");
      of.addTypeVariable(client)
          .addParameter(client, "client")
          .addJavadoc("A stub calling and following through {@code client}, a connected Live client.\n")
          .addStatement("return new $T(client, client)", self);
    }
    type.addMethod(constructor.build()).addMethod(of.build());
    if (!untyped.isEmpty()) {
      type.addJavadoc("\n<p>Live query procedures whose return type leaves the row type open ($L) have no\n"
          + "method here: follow them with {@code client.procedure(descriptor, input, shape)} (see\n"
          + "{@link $T}).\n", String.join(", ", untyped), meta);
    }
    for (ProcedureModel procedure : owner.procedures()) {
      if (procedure.liveQuery().isPresent()) {
        procedure.liveQueryRow().ifPresent(row -> type.addMethod(follow(meta, procedure, row)));
        continue;
      }
      MethodSpec.Builder method = MethodSpec.methodBuilder(procedure.name())
          .addModifiers(Modifier.PUBLIC)
          .returns(ParameterizedTypeName.get(RuntimeTypes.COMPLETABLE_FUTURE, boxed(procedure.output())))
          .addJavadoc("Calls procedure {@code $L}.\n", procedure.name());
      addInput(method, procedure);
      method.addStatement("return this.caller.call($T.$L, $L)", meta, procedure.name(), inputArgument(procedure));
      type.addMethod(method.build());
    }
    return type;
  }

  /** A method following live query procedure {@code procedure}, its rows typed as {@code row}. */
  private static MethodSpec follow(ClassName meta, ProcedureModel procedure, ClassName row) {
    ClassName record = procedure.liveQuery().orElseThrow();
    CodeBlock shape = row.equals(record)
        ? CodeBlock.of("$T.plain()", RuntimeTypes.ROW_SHAPE)
        : CodeBlock.of("$T::new", row);
    MethodSpec.Builder method = MethodSpec.methodBuilder(procedure.name())
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(RuntimeTypes.SUBSCRIBABLE, row))
        .addJavadoc("Follows live query procedure {@code $L}: the server runs it once and keeps the\n"
            + "result of the query it returns current; {@code subscribe} to it.\n", procedure.name());
    addInput(method, procedure);
    return method.addStatement("return this.subscriber.procedure($T.$L, $L, $L)", meta, procedure.name(),
        inputArgument(procedure), shape).build();
  }

  private static void addInput(MethodSpec.Builder method, ProcedureModel procedure) {
    if (procedure.input().isPresent()) {
      ValueModel input = procedure.input().get();
      TypeName parameter = input.type().javaType();
      method.addParameter(input.nullable() ? TypeCode.nullable(parameter) : parameter, procedure.inputParameterName());
    }
  }

  private static String inputArgument(ProcedureModel procedure) {
    return procedure.input().isPresent() ? procedure.inputParameterName() : "null";
  }
}
