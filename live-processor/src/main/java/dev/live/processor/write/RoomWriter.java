package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.live.processor.model.RoomModel;
import dev.live.processor.model.TypeModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code X_} for a {@code @LiveRoom} declaration on {@code X}: an {@code EventType} constant
 * per event, and {@code builder(initialState)}, the room type's builder with its name, codecs and
 * events, to which the application adds its rule. Built that way, the room type the server runs is
 * the one the TypeScript declarations describe.
 */
final class RoomWriter {
  private final TypeCode code;

  RoomWriter(TypeCode code) {
    this.code = code;
  }

  TypeSpec.Builder write(RoomModel room) {
    TypeSpec.Builder type = TypeSpec.classBuilder(GeneratedNames.room(room))
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Room type {@code $L}, declared on {@link $T}: its events, and the builder of its {@code RoomType}.\n",
            room.name(), room.type())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (RoomModel.Event event : room.events()) {
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.EVENT_TYPE, event.type()), event.constant(),
              Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("Event {@code $L}, carrying a {@link $T}.\n", event.name(), event.type())
          .initializer("new $T<>($S, $L)", RuntimeTypes.EVENT_TYPE, event.name(), codec(event.type()))
          .build());
    }
    CodeBlock.Builder builder = CodeBlock.builder().add("$T.builder($S, $L, initialState, $L)", RuntimeTypes.ROOM_TYPE,
        room.name(), codec(room.state()), codec(room.presence()));
    for (RoomModel.Event event : room.events()) {
      builder.add("\n.event($L)", event.constant());
    }
    type.addMethod(MethodSpec.methodBuilder("builder")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .addJavadoc("""
            A builder of room type {@code $L}, its rooms starting with {@code initialState}: say who may join
            ({@code allow(...)}) and build it.
            """, room.name())
        .returns(ParameterizedTypeName.get(RuntimeTypes.ROOM_TYPE_BUILDER, room.state(), room.presence()))
        .addParameter(room.state(), "initialState")
        .addStatement("return $L", builder.build())
        .build());
    return type;
  }

  private CodeBlock codec(ClassName record) {
    return code.codec(new TypeModel.RecordType(record));
  }
}
