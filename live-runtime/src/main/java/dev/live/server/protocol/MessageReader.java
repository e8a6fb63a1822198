package dev.live.server.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.DecodeException;
import dev.live.json.JsonReads;
import dev.live.json.LiveJson;
import dev.live.json.MemberReader;
import dev.live.json.Suggestions;
import dev.live.procedure.ProcedureCall;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.query.QueryJson;
import dev.live.query.QueryLimits;
import dev.live.query.QuerySpec;
import dev.live.room.EventType;
import dev.live.room.RoomType;
import dev.live.schema.CollectionSchema;
import dev.live.schema.LiveSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the messages clients send ({@code docs/protocol.md}) from untrusted text: every name
 * is checked against the schema, every value decoded by the generated codecs, and the parser
 * runs under the server's {@link com.fasterxml.jackson.core.StreamReadConstraints}. Members may
 * come in any order. Thread-safe.
 */
public final class MessageReader {
  /** The message types and the members each takes besides {@code type} and {@code id}. */
  private static final Map<String, List<String>> MEMBERS = new TreeMap<>(Map.ofEntries(
      Map.entry("hello", List.of("protocol", "clientId")),
      Map.entry("subscribe", List.of("query", "procedure", "input", "from")),
      Map.entry("unsubscribe", List.of()),
      Map.entry("query", List.of("query")),
      Map.entry("mutate", List.of("seq", "op", "collection", "key", "value")),
      Map.entry("call", List.of("procedure", "input", "seq")),
      Map.entry("ping", List.of()),
      Map.entry("join", List.of("room", "presence")),
      Map.entry("leave", List.of("room")),
      Map.entry("emit", List.of("room", "event", "data", "toSelf")),
      Map.entry("setState", List.of("room", "state")),
      Map.entry("setPresence", List.of("room", "presence"))));
  /** A room's full name: its type, a colon, and its key; 3 to 128 letters, digits and {@code _ . : -}. */
  private static final Pattern ROOM_NAME = Pattern.compile("([A-Za-z][A-Za-z0-9_-]{0,31}):([A-Za-z0-9_.:-]{1,96})");
  private static final List<String> OPERATIONS = List.of("insert", "update", "delete");
  private static final int MAX_ID_LENGTH = 128;
  /** What a client id may be: 1 to 64 letters, digits and {@code . _ : -}. */
  public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final LiveSchema schema;
  private final Map<String, ProcedureDispatcher> procedures;
  private final Map<String, RoomType<?, ?>> roomTypes;
  private final QueryLimits queryLimits;
  private final JsonFactory factory;

  /**
   * @param procedures the dispatcher of each procedure the server runs, by procedure name
   * @param factory the factory whose read constraints bound every message
   */
  public MessageReader(LiveSchema schema, Map<String, ProcedureDispatcher> procedures, QueryLimits queryLimits,
      JsonFactory factory) {
    this(schema, procedures, Map.of(), queryLimits, factory);
  }

  /** @param roomTypes the room types the server holds, by name */
  public MessageReader(LiveSchema schema, Map<String, ProcedureDispatcher> procedures,
      Map<String, RoomType<?, ?>> roomTypes, QueryLimits queryLimits, JsonFactory factory) {
    this.schema = schema;
    this.procedures = Map.copyOf(procedures);
    this.roomTypes = Map.copyOf(roomTypes);
    this.queryLimits = queryLimits;
    this.factory = factory;
  }

  /** Decodes one message; any problem is a {@link BadMessage} with a typed error. */
  public ClientMessage read(String text) {
    Parts parts = new Parts();
    try (JsonParser in = factory.createParser(text)) {
      if (in.nextToken() == null) {
        throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "the message is empty");
      }
      MemberReader.read(in, factory, parts);
      if (in.nextToken() != null) {
        throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "unexpected content after the message");
      }
      return parts.build(in);
    } catch (LiveException e) {
      throw new BadMessage(requestId(parts, text), e);
    } catch (IOException e) {
      throw new BadMessage(requestId(parts, text), LiveJson.asDecodeException(e));
    }
  }

  /**
   * The id of a message that failed, so that the error can name the request: the one read before
   * the failure, or else a top-level {@code id} found by skimming the rest of the message (the
   * failure may have come at {@code type}, before {@code id}).
   */
  private Optional<String> requestId(Parts parts, String text) {
    if (parts.id != null) {
      return Optional.of(parts.id);
    }
    return requestIdOf(text);
  }

  /**
   * The top-level {@code id} of a message, found by skimming it without decoding the rest (nested
   * values are skipped); empty when the message is not a JSON object or is malformed before a
   * valid id.
   */
  public Optional<String> requestIdOf(String text) {
    try (JsonParser in = factory.createParser(text)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        if (name.equals("id")) {
          return Optional.of(requestId(in));
        }
        in.skipChildren();
      }
    } catch (IOException | LiveException e) {
      // Malformed before an id could be found: the error goes without one.
    }
    return Optional.empty();
  }

  /**
   * Whether a message has a top-level {@code seq}: a write the server applies at most once and in
   * the client's order (a {@code mutate}, or a {@code call} with a sequence number). Skims like
   * {@link #requestIdOf}; false for malformed text.
   */
  public boolean isSequenced(String text) {
    try (JsonParser in = factory.createParser(text)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        if (name.equals("seq")) {
          return true;
        }
        in.skipChildren();
      }
    } catch (IOException e) {
      // Malformed: not a write the server would run either.
    }
    return false;
  }

  /** The members of one message, gathered before it is built. */
  private final class Parts implements MemberReader.Handler {
    private final Set<String> seen = new HashSet<>();
    private @Nullable String type;
    private @Nullable String id;
    private @Nullable Integer protocol;
    private @Nullable String clientId;
    private @Nullable QuerySpec<?> query;
    private @Nullable Long seq;
    private @Nullable Long from;
    private @Nullable String op;
    private @Nullable CollectionSchema<?> collection;
    private @Nullable Object key;
    /** The decoded {@code value}: an insert DTO or an update DTO, by {@code op}. */
    private @Nullable Object value;
    private @Nullable String procedure;
    private @Nullable ProcedureDispatcher dispatcher;
    private @Nullable ProcedureCall call;
    private ClientMessage.@Nullable RoomName room;
    private @Nullable EventType<?> event;
    private @Nullable String roomValue;
    private @Nullable Map<String, String> stateChanges;
    private @Nullable Boolean toSelf;

    @Override
    public boolean accept(String name, JsonParser in, boolean last) throws IOException {
      seen.add(name);
      // Scalars are read at once whatever the type, so that the members that depend on them
      // (query, key, value, input) always find them, in whatever order the members came.
      switch (name) {
        case "type":
          type = type(in);
          return true;
        case "id":
          id = requestId(in);
          return true;
        case "protocol":
          protocol = JsonReads.intValue(in, "");
          return true;
        case "clientId":
          clientId = clientId(in);
          return true;
        case "seq":
          seq = sequence(in);
          return true;
        case "from":
          from = version(in);
          return true;
        case "op":
          op = operation(in);
          return true;
        case "collection":
          collection = collection(in);
          return true;
        case "procedure":
          procedure = JsonReads.string(in, "");
          dispatcher = dispatcher(in, procedure);
          return true;
        case "room":
          room = room(in);
          return true;
        case "toSelf":
          toSelf = JsonReads.bool(in, "");
          return true;
        default:
          break;
      }
      if (type == null) {
        return false; // read once the type is known; checkRequired makes sure it is
      }
      requireAllowed(in, name);
      switch (name) {
        case "query":
          query = QueryJson.read(schema, in, queryLimits, factory);
          return true;
        case "key":
          if (collection == null) {
            return false;
          }
          key = key(in, collection);
          return true;
        case "value":
          if (collection == null || op == null) {
            return false;
          }
          value = mutationValue(in);
          return true;
        case "presence":
          if (room == null) {
            return requireRoomLater(in, last);
          }
          roomValue = canonical(in, room.type().presenceCodec());
          return true;
        case "event":
          if (room == null) {
            return requireRoomLater(in, last);
          }
          event = event(in, room.type());
          return true;
        case "data":
          if (room == null || event == null) {
            if (!last) {
              return false;
            }
            throw JsonReads.at(in, ErrorCode.MISSING_FIELD, "", "data goes with a room and an event; this message"
                + " names " + (room == null ? "no room" : "no event"));
          }
          roomValue = canonical(in, event.codec());
          return true;
        case "state":
          stateChanges = stateChanges(in);
          return true;
        case "input":
          if (dispatcher == null) {
            if (!last) {
              return false;
            }
            throw JsonReads.at(in, ErrorCode.UNKNOWN_FIELD, "", "input goes with a procedure, and this message names none");
          }
          call = dispatcher.decode(procedure, in.currentToken() == JsonToken.VALUE_NULL ? null : in);
          return true;
        default:
          throw new IllegalStateException("member " + name + " passed the check of allowed members");
      }
    }

    @Override
    public void checkRequired(JsonParser end) {
      List<String> missing = new ArrayList<>();
      if (type == null) {
        missing.add("type");
      } else if (type.equals("mutate")) {
        addIfAbsent(missing, "collection", collection);
        addIfAbsent(missing, "op", op);
      } else if (type.equals("call")) {
        addIfAbsent(missing, "procedure", procedure);
      }
      if (!missing.isEmpty()) {
        throw JsonReads.missingFields(end, missing);
      }
    }

    ClientMessage build(JsonParser end) throws IOException {
      for (String name : seen) {
        requireAllowed(end, name);
      }
      List<String> missing = new ArrayList<>();
      addIfAbsent(missing, "id", id);
      switch (type) {
        case "hello":
          addIfAbsent(missing, "protocol", protocol);
          requirePresent(end, missing);
          return new ClientMessage.Hello(id, protocol, Optional.ofNullable(clientId));
        case "subscribe":
          return subscribe(end, missing);
        case "query":
          addIfAbsent(missing, "query", query);
          requirePresent(end, missing);
          return new ClientMessage.Query(id, query);
        case "unsubscribe":
          requirePresent(end, missing);
          return new ClientMessage.Unsubscribe(id);
        case "ping":
          requirePresent(end, missing);
          return new ClientMessage.Ping(id);
        case "mutate":
          return mutate(end, missing);
        case "call":
          requirePresent(end, missing);
          ProcedureCall decoded = call != null ? call : absentInput();
          return new ClientMessage.Call(id, dispatcher, decoded,
              seq == null ? OptionalLong.empty() : OptionalLong.of(seq));
        case "join":
        case "setPresence":
          addIfAbsent(missing, "room", room);
          addIfAbsent(missing, "presence", roomValue);
          requirePresent(end, missing);
          return type.equals("join") ? new ClientMessage.Join(id, room, roomValue)
              : new ClientMessage.SetPresence(id, room, roomValue);
        case "leave":
          addIfAbsent(missing, "room", room);
          requirePresent(end, missing);
          return new ClientMessage.Leave(id, room);
        case "emit":
          addIfAbsent(missing, "room", room);
          addIfAbsent(missing, "event", event);
          addIfAbsent(missing, "data", roomValue);
          requirePresent(end, missing);
          return new ClientMessage.Emit(id, room, event, roomValue, toSelf != null && toSelf);
        case "setState":
          addIfAbsent(missing, "room", room);
          addIfAbsent(missing, "state", stateChanges);
          requirePresent(end, missing);
          return new ClientMessage.SetState(id, room, stateChanges);
        default:
          throw new IllegalStateException("type " + type + " passed the check of known types");
      }
    }

    private boolean requireRoomLater(JsonParser in, boolean last) {
      if (!last) {
        return false;
      }
      throw JsonReads.at(in, ErrorCode.MISSING_FIELD, "", "this member goes with a room, and the message names none");
    }

    private ClientMessage.RoomName room(JsonParser in) throws IOException {
      String name = JsonReads.string(in, "");
      java.util.regex.Matcher parts = ROOM_NAME.matcher(name);
      if (!parts.matches()) {
        throw JsonReads.invalid(in, "", "a room is named <type>:<key>, like board:b1: a type of a letter and up to 31"
            + " letters, digits, _ and -, then a key of 1 to 96 letters, digits and _ . : -");
      }
      RoomType<?, ?> roomType = roomTypes.get(parts.group(1));
      if (roomType == null) {
        throw JsonReads.at(in, ErrorCode.UNKNOWN_ROOM_TYPE, "", "no room type '" + parts.group(1) + "'"
            + Suggestions.didYouMean(parts.group(1), roomTypes.keySet()) + "; this server has: "
            + (roomTypes.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(roomTypes.keySet()))));
      }
      return new ClientMessage.RoomName(roomType, name);
    }

    private EventType<?> event(JsonParser in, RoomType<?, ?> roomType) throws IOException {
      String name = JsonReads.string(in, "");
      return roomType.event(name).orElseThrow(() -> {
        List<String> names = roomType.events().stream().map(EventType::name).sorted().toList();
        return JsonReads.at(in, ErrorCode.UNKNOWN_EVENT, "", "rooms of type " + roomType.name() + " have no event '"
            + JsonReads.shortened(name) + "'" + Suggestions.didYouMean(name, names) + "; they have: "
            + (names.isEmpty() ? "none" : String.join(", ", names)));
      });
    }

    /** Reads a value with {@code codec}, which validates it, and writes it back as the server stores it. */
    private <V> String canonical(JsonParser in, dev.live.json.JsonCodec<V> codec) throws IOException {
      if (in.currentToken() == JsonToken.VALUE_NULL) {
        throw JsonReads.nullNotAllowed(in, "");
      }
      return LiveJson.encode(codec, codec.read(in));
    }

    /** The members of a state change, each as JSON text; checked against the state's type when merged. */
    private Map<String, String> stateChanges(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      Map<String, String> changes = dev.live.json.JsonObjects.members(factory, in);
      if (changes.isEmpty()) {
        throw JsonReads.invalid(in, "", "a state change sets at least one field");
      }
      return changes;
    }

    private ClientMessage subscribe(JsonParser end, List<String> missing) throws IOException {
      if (procedure == null) {
        addIfAbsent(missing, "query", query);
        requirePresent(end, missing);
        return new ClientMessage.Subscribe(id, new ClientMessage.QuerySource(query), from());
      }
      requirePresent(end, missing);
      if (query != null) {
        throw JsonReads.at(end, ErrorCode.INVALID_QUERY, "",
            "a subscribe names a query or a live query procedure, not both");
      }
      ProcedureCall decoded = call != null ? call : absentInput();
      if (!decoded.procedure().isLiveQuery()) {
        throw JsonReads.at(end, ErrorCode.INVALID_QUERY, "procedure", "procedure '" + procedure
            + "' does not return a query, so it cannot be subscribed to; live query procedures: "
            + liveProcedureNames());
      }
      return new ClientMessage.Subscribe(id, new ClientMessage.ProcedureSource(dispatcher, decoded), from());
    }

    private OptionalLong from() {
      return from == null ? OptionalLong.empty() : OptionalLong.of(from);
    }

    private ProcedureCall absentInput() throws IOException {
      try {
        return dispatcher.decode(procedure, null);
      } catch (DecodeException e) {
        throw e.within("input");
      }
    }

    private ClientMessage mutate(JsonParser end, List<String> missing) {
      addIfAbsent(missing, "seq", seq);
      if (!op.equals("insert")) {
        addIfAbsent(missing, "key", key);
      }
      if (!op.equals("delete")) {
        addIfAbsent(missing, "value", value);
      }
      requirePresent(end, missing);
      ClientMessage.Mutation mutation;
      switch (op) {
        case "insert":
          if (key != null) {
            throw JsonReads.at(end, ErrorCode.UNKNOWN_FIELD, "key",
                "an insert takes no key: the id is in the value");
          }
          mutation = new ClientMessage.Insert((InsertDto<?>) value);
          break;
        case "update":
          mutation = new ClientMessage.Update(key, (UpdateDto<?>) value);
          break;
        default:
          mutation = new ClientMessage.Delete(collection, key);
          break;
      }
      return new ClientMessage.Mutate(id, seq, mutation);
    }

    private Object mutationValue(JsonParser in) throws IOException {
      if (in.currentToken() == JsonToken.VALUE_NULL) {
        throw JsonReads.nullNotAllowed(in, "");
      }
      switch (op) {
        case "insert":
          return collection.insertCodec().read(in);
        case "update":
          return collection.updateCodec().read(in);
        default:
          throw JsonReads.at(in, ErrorCode.UNKNOWN_FIELD, "", "a delete takes no value, only the key");
      }
    }

    private void requireAllowed(JsonParser in, String name) {
      if (name.equals("type") || name.equals("id")) {
        return;
      }
      List<String> allowed = MEMBERS.get(type);
      if (!allowed.contains(name)) {
        List<String> all = new ArrayList<>(List.of("type", "id"));
        all.addAll(allowed);
        throw JsonReads.at(in, ErrorCode.UNKNOWN_FIELD, JsonReads.shortened(name),
            "a " + type + " message has no such member" + Suggestions.didYouMean(name, all)
                + "; it takes: " + String.join(", ", all));
      }
    }
  }

  private static void addIfAbsent(List<String> missing, String name, @Nullable Object value) {
    if (value == null) {
      missing.add(name);
    }
  }

  private static void requirePresent(JsonParser end, List<String> missing) {
    if (!missing.isEmpty()) {
      throw JsonReads.missingFields(end, missing);
    }
  }

  private static String type(JsonParser in) throws IOException {
    String type = JsonReads.string(in, "");
    if (!MEMBERS.containsKey(type)) {
      throw JsonReads.at(in, ErrorCode.UNKNOWN_MESSAGE, "", "unknown message type '"
          + JsonReads.shortened(type) + "'" + Suggestions.didYouMean(type, MEMBERS.keySet())
          + "; the protocol has: " + String.join(", ", MEMBERS.keySet()));
    }
    return type;
  }

  /** A string or an integer, kept as JSON text to be echoed exactly. */
  private static String requestId(JsonParser in) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      in.getLongValue(); // refuses integers beyond 64 bits
      return in.getText();
    }
    String text = JsonReads.string(in, "");
    if (text.isEmpty() || text.length() > MAX_ID_LENGTH) {
      throw JsonReads.invalid(in, "", "a request id has 1 to " + MAX_ID_LENGTH + " characters");
    }
    return LiveJson.encode(dev.live.json.Codecs.STRING, text);
  }

  private static String clientId(JsonParser in) throws IOException {
    String text = JsonReads.string(in, "");
    if (!CLIENT_ID.matcher(text).matches()) {
      throw JsonReads.invalid(in, "", "a client id has 1 to 64 letters, digits and . _ : -");
    }
    return text;
  }

  private static long version(JsonParser in) throws IOException {
    long version = JsonReads.longValue(in, "");
    if (version < 0) {
      throw JsonReads.invalid(in, "", "a version is at least 0, not " + version);
    }
    return version;
  }

  private static long sequence(JsonParser in) throws IOException {
    long seq = JsonReads.longValue(in, "");
    if (seq < 1) {
      throw JsonReads.invalid(in, "", "a mutation sequence number is at least 1, not " + seq);
    }
    return seq;
  }

  private static String operation(JsonParser in) throws IOException {
    String op = JsonReads.string(in, "");
    if (!OPERATIONS.contains(op)) {
      throw JsonReads.invalid(in, "", "unknown operation '" + JsonReads.shortened(op) + "'"
          + Suggestions.didYouMean(op, OPERATIONS) + "; a mutation is one of: insert, update, delete");
    }
    return op;
  }

  private CollectionSchema<?> collection(JsonParser in) throws IOException {
    String name = JsonReads.string(in, "");
    return schema.collection(name).orElseThrow(() -> JsonReads.at(in, ErrorCode.UNKNOWN_COLLECTION, "",
        "unknown collection '" + JsonReads.shortened(name) + "'"
            + Suggestions.didYouMean(name, schema.collectionNames())
            + "; the schema has: " + String.join(", ", schema.collectionNames())));
  }

  private ProcedureDispatcher dispatcher(JsonParser in, String name) {
    ProcedureDispatcher found = procedures.get(name);
    if (found == null) {
      String known = procedures.isEmpty() ? "(none)" : String.join(", ", new TreeMap<>(procedures).keySet());
      throw JsonReads.at(in, ErrorCode.UNKNOWN_PROCEDURE, "", "unknown procedure '"
          + JsonReads.shortened(name) + "'" + Suggestions.didYouMean(name, procedures.keySet())
          + "; the server runs: " + known);
    }
    return found;
  }

  private String liveProcedureNames() {
    List<String> names = new ArrayList<>();
    for (ProcedureDispatcher dispatcher : new java.util.LinkedHashSet<>(procedures.values())) {
      dispatcher.procedures().stream().filter(p -> p.isLiveQuery()).forEach(p -> names.add(p.name()));
    }
    java.util.Collections.sort(names);
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private static Object key(JsonParser in, CollectionSchema<?> collection) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      throw JsonReads.nullNotAllowed(in, "");
    }
    return collection.id().codec().read(in);
  }
}
