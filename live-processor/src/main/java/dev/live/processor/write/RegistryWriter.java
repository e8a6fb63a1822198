package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.ProcedureClassModel;
import dev.live.processor.model.SchemaModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the application's schema registry ({@code AppSchema}): its collections and procedure
 * classes as class literals and constructor references, sorted, so nothing is found by scanning.
 */
final class RegistryWriter {
  TypeSpec.Builder write(SchemaModel schema) {
    ClassName self = schema.registry();
    TypeName anyCollection = ParameterizedTypeName.get(RuntimeTypes.COLLECTION_SCHEMA,
        WildcardTypeName.subtypeOf(Object.class));
    TypeName anyGroup = ParameterizedTypeName.get(RuntimeTypes.PROCEDURE_GROUP,
        WildcardTypeName.subtypeOf(Object.class));
    List<CodeBlock> collections = schema.collections().stream()
        .map(c -> CodeBlock.of("$T.COLLECTION", GeneratedNames.metamodel(c))).toList();
    List<CodeBlock> groups = schema.procedureClasses().stream().map(RegistryWriter::group).toList();
    return TypeSpec.classBuilder(self)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(RuntimeTypes.LIVE_SCHEMA)
        .addJavadoc("The schema of this application: collections $L and procedure classes $L.\n"
            + "Pass {@link #INSTANCE} to the server and the client.\n",
            names(schema.collections().stream().map(CollectionModel::name).toList()),
            names(schema.procedureClasses().stream().map(p -> p.type().simpleName()).toList()))
        .addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", self)
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addCode("super(\n")
            .addCode(CodeBlock.builder().indent().indent()
                .add("$T.<$T>of($L),\n", RuntimeTypes.LIST, anyCollection, CodeBlock.join(collections, ", "))
                .add("$T.<$T>of($L));\n", RuntimeTypes.LIST, anyGroup, CodeBlock.join(groups, ", "))
                .unindent().unindent().build())
            .build());
  }

  private static CodeBlock group(ProcedureClassModel owner) {
    return CodeBlock.of("new $T<>($T.class, $T::new, $T.ALL)", RuntimeTypes.PROCEDURE_GROUP, owner.type(),
        GeneratedNames.dispatcher(owner), GeneratedNames.procedureMetamodel(owner));
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
