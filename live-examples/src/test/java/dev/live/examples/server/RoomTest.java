package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.Rules;
import dev.live.examples.board.BoardRoomState;
import dev.live.examples.board.BoardRoomStateJson;
import dev.live.examples.board.BoardRooms;
import dev.live.examples.board.Typing;
import dev.live.examples.board.Viewer;
import dev.live.examples.board.ViewerJson;
import dev.live.room.RoomMember;
import dev.live.room.RoomOptions;
import dev.live.room.RoomRule;
import dev.live.room.RoomType;
import dev.live.server.LiveServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rooms over the wire: joining (by the room rule), presence (join, update, leave, also when a
 * connection dies or stops answering), events between members only, merged and validated state,
 * state written by the server only, the caps, and the server's own API.
 */
class RoomTest extends ServerTestBase {
  /** Board rooms: "board:locked" is refused, the rule fails for "board:broken", anonymous clients are refused. */
  private static final RoomType<BoardRoomState, Viewer> BOARD = BoardRooms.board((auth, room) -> {
    if (room.equals("board:broken")) {
      throw new IllegalStateException("the rule's backend is down");
    }
    return auth.isAuthenticated() && !room.equals("board:locked");
  });
  /** Announcement rooms: anyone reads, only the server writes the state. */
  private static final RoomType<BoardRoomState, Viewer> NEWS = RoomType.builder("news", BoardRoomStateJson.CODEC,
      new BoardRoomState("welcome", List.of()), ViewerJson.CODEC).allow(RoomRule.anyone()).serverWritesState().build();

  @Override
  LiveServer.Builder configure(LiveServer.Builder builder) {
    return builder.rules(Rules.none())
        .authenticate(handshake -> handshake.header("X-User").map(user -> AuthContext.user(user))
            .orElse(AuthContext.anonymous()))
        .rooms(BOARD, NEWS)
        .roomOptions(RoomOptions.defaults().withMaxMembersPerRoom(3).withMaxRoomsPerConnection(3)
            .withMaxStateBytes(200).withPresenceTimeout(Duration.ofSeconds(2)));
  }

  private WsClient as(String user) {
    WsClient client = track(WsClient.connect(uri(), Map.of("X-User", user)));
    client.hello(user + "-client");
    return client;
  }

  private static JsonNode join(WsClient client, String id, String room, String name) {
    return client.request(id, "{\"type\":\"join\",\"id\":\"" + id + "\",\"room\":\"" + room
        + "\",\"presence\":{\"name\":\"" + name + "\",\"typing\":false}}");
  }

  private static JsonNode presence(WsClient client, String action, String member) {
    return client.next(m -> m.path("type").asText().equals("presence") && m.path("action").asText().equals(action)
        && m.path("member").path("member").asText().equals(member));
  }

  private static void assertError(JsonNode reply, String code) {
    assertThat(reply.path("type").asText()).as("reply %s", reply).isEqualTo("error");
    assertThat(reply.path("error").path("code").asText()).as("reply %s", reply).isEqualTo(code);
  }

  @Test
  void membersSeeEachOtherJoinChangeAndLeave() {
    WsClient ann = as("ann");
    WsClient bob = as("bob");
    JsonNode annJoined = join(ann, "j1", "board:b1", "Ann");
    assertThat(annJoined.path("type").asText()).as("reply %s", annJoined).isEqualTo("joined");
    assertThat(annJoined.path("state").toString()).isEqualTo("{\"topic\":null,\"pinned\":[]}");

    JsonNode bobJoined = join(bob, "j2", "board:b1", "Bob");
    assertThat(bobJoined.path("member").asText()).isEqualTo("bob/bob-client");
    assertThat(bobJoined.path("members")).extracting(m -> m.path("member").asText())
        .containsExactly("ann/ann-client", "bob/bob-client");
    assertThat(bobJoined.path("members").get(0).path("userId").asText()).isEqualTo("ann");
    assertThat(presence(ann, "join", "bob/bob-client").path("member").path("presence").path("name").asText())
        .isEqualTo("Bob");

    JsonNode set = bob.request("p1", "{\"type\":\"setPresence\",\"id\":\"p1\",\"room\":\"board:b1\","
        + "\"presence\":{\"name\":\"Bob\",\"typing\":true}}");
    assertThat(set.path("type").asText()).as("reply %s", set).isEqualTo("presenceSet");
    assertThat(presence(ann, "update", "bob/bob-client").path("member").path("presence").path("typing").asBoolean()).isTrue();

    JsonNode left = bob.request("l1", "{\"type\":\"leave\",\"id\":\"l1\",\"room\":\"board:b1\"}");
    assertThat(left.path("type").asText()).as("reply %s", left).isEqualTo("left");
    presence(ann, "leave", "bob/bob-client");
    assertThat(server.rooms().members(BOARD, "b1")).extracting(RoomMember::memberId).containsExactly("ann/ann-client");
    assertError(bob.request("l2", "{\"type\":\"leave\",\"id\":\"l2\",\"room\":\"board:b1\"}"), "NOT_IN_ROOM");
  }

  @Test
  void eventsGoToTheOtherMembersOnlyAndArePayloadsOfTheirType() {
    WsClient ann = as("ann");
    WsClient bob = as("bob");
    WsClient cyd = as("cyd");
    join(ann, "j1", "board:b1", "Ann");
    join(bob, "j2", "board:b1", "Bob");
    join(cyd, "j3", "board:b2", "Cyd"); // another room

    JsonNode emitted = ann.request("e1", "{\"type\":\"emit\",\"id\":\"e1\",\"room\":\"board:b1\",\"event\":\"typing\","
        + "\"data\":{\"taskId\":\"t1\",\"typing\":true}}");
    assertThat(emitted.path("delivered").asInt()).as("reply %s", emitted).isEqualTo(1);
    JsonNode event = bob.next(m -> m.path("type").asText().equals("roomEvent"));
    assertThat(event.path("from").asText()).isEqualTo("ann/ann-client");
    assertThat(event.path("data").toString()).isEqualTo("{\"taskId\":\"t1\",\"typing\":true}");

    JsonNode toAll = ann.request("e2", "{\"type\":\"emit\",\"id\":\"e2\",\"room\":\"board:b1\",\"event\":\"typing\","
        + "\"toSelf\":true,\"data\":{\"taskId\":\"t2\",\"typing\":false}}");
    assertThat(toAll.path("delivered").asInt()).isEqualTo(2);
    ann.next(m -> m.path("type").asText().equals("roomEvent") && m.path("data").path("taskId").asText().equals("t2"));
    // The reply counts e2 as delivered to bob once queued for him, not once he read it.
    bob.next(m -> m.path("type").asText().equals("roomEvent") && m.path("data").path("taskId").asText().equals("t2"));

    assertError(cyd.request("e3", "{\"type\":\"emit\",\"id\":\"e3\",\"room\":\"board:b1\",\"event\":\"typing\","
        + "\"data\":{\"taskId\":\"t1\",\"typing\":true}}"), "NOT_IN_ROOM");
    JsonNode missing = ann.request("e4", "{\"type\":\"emit\",\"id\":\"e4\",\"room\":\"board:b1\",\"event\":\"typing\","
        + "\"data\":{\"taskId\":\"t1\"}}");
    assertError(missing, "MISSING_FIELD");
    assertError(ann.request("e5", "{\"type\":\"emit\",\"id\":\"e5\",\"room\":\"board:b1\",\"event\":\"wave\","
        + "\"data\":{}}"), "UNKNOWN_EVENT");
    // Only e1 and e2 reached bob, and nothing reached the other room.
    assertThat(bob.received().stream().filter(m -> m.path("type").asText().equals("roomEvent"))).hasSize(2);
    assertThat(cyd.received().stream().filter(m -> m.path("type").asText().equals("roomEvent"))).isEmpty();
  }

  @Test
  void stateChangesMergeAreValidatedAndReachEveryMember() {
    WsClient ann = as("ann");
    WsClient bob = as("bob");
    WsClient cyd = as("cyd");
    join(ann, "j1", "board:b1", "Ann");
    join(bob, "j2", "board:b1", "Bob");

    JsonNode set = ann.request("s1", "{\"type\":\"setState\",\"id\":\"s1\",\"room\":\"board:b1\",\"state\":{\"topic\":\"Launch\"}}");
    assertThat(set.path("type").asText()).as("reply %s", set).isEqualTo("stateSet");
    ann.request("s2", "{\"type\":\"setState\",\"id\":\"s2\",\"room\":\"board:b1\",\"state\":{\"pinned\":[\"t1\"]}}");
    JsonNode merged = bob.next(m -> m.path("type").asText().equals("roomState") && m.path("state").path("pinned").size() == 1);
    assertThat(merged.path("state").toString()).isEqualTo("{\"topic\":\"Launch\",\"pinned\":[\"t1\"]}");

    JsonNode wrongType = ann.request("s3", "{\"type\":\"setState\",\"id\":\"s3\",\"room\":\"board:b1\",\"state\":{\"pinned\":5}}");
    assertError(wrongType, "WRONG_TYPE");
    assertThat(wrongType.path("error").path("path").asText()).isEqualTo("state.pinned");
    assertError(ann.request("s4", "{\"type\":\"setState\",\"id\":\"s4\",\"room\":\"board:b1\",\"state\":{\"colour\":\"red\"}}"),
        "UNKNOWN_FIELD");
    assertError(ann.request("s5", "{\"type\":\"setState\",\"id\":\"s5\",\"room\":\"board:b1\",\"state\":{\"topic\":\""
        + "x".repeat(300) + "\"}}"), "LIMIT_EXCEEDED");
    assertError(cyd.request("s6", "{\"type\":\"setState\",\"id\":\"s6\",\"room\":\"board:b1\",\"state\":{\"topic\":\"mine\"}}"),
        "NOT_IN_ROOM");
    assertThat(server.rooms().state(BOARD, "b1")).as("refused changes left the state alone")
        .isEqualTo(new BoardRoomState("Launch", List.of("t1")));
    // A non-member cannot read the state either: only a join gives it.
    assertThat(cyd.received().stream().filter(m -> m.path("type").asText().equals("roomState"))).isEmpty();
  }

  @Test
  void stateWrittenByTheServerOnlyRefusesMembersAndReachesThem() {
    WsClient anonymous = track(WsClient.open(uri(), "anon"));
    JsonNode joined = join(anonymous, "j1", "news:front", "Guest");
    assertThat(joined.path("state").path("topic").asText()).isEqualTo("welcome");
    assertError(anonymous.request("s1", "{\"type\":\"setState\",\"id\":\"s1\",\"room\":\"news:front\",\"state\":"
        + "{\"topic\":\"mine\"}}"), "FORBIDDEN");

    server.rooms().setState(NEWS, "front", new BoardRoomState("Release day", List.of()));
    JsonNode state = anonymous.next(m -> m.path("type").asText().equals("roomState"));
    assertThat(state.path("state").path("topic").asText()).isEqualTo("Release day");
    assertThat(server.rooms().emit(BOARD, "b9", BoardRooms.TYPING, new Typing("t1", true)))
        .as("an event to a room without members reaches nobody").isZero();
  }

  @Test
  void anotherUserNamingTheSameClientIdIsAnotherMember() {
    WsClient ann = as("ann");
    join(ann, "j1", "board:b1", "Ann");
    WsClient mallory = track(WsClient.connect(uri(), Map.of("X-User", "mallory")));
    mallory.hello("ann-client"); // the client id ann's members list shows
    JsonNode joined = join(mallory, "j2", "board:b1", "Ann");
    assertThat(joined.path("members")).extracting(m -> m.path("member").asText())
        .containsExactly("ann/ann-client", "mallory/ann-client");
    assertThat(ann.request("p1", "{\"type\":\"setPresence\",\"id\":\"p1\",\"room\":\"board:b1\","
        + "\"presence\":{\"name\":\"Ann\",\"typing\":true}}").path("type").asText())
        .as("ann is still in the room").isEqualTo("presenceSet");
  }

  @Test
  void theRoomRuleDecidesAndAFailingRuleRefuses() {
    WsClient ann = as("ann");
    assertError(join(ann, "j1", "board:locked", "Ann"), "FORBIDDEN");
    assertError(join(ann, "j2", "board:broken", "Ann"), "FORBIDDEN");
    WsClient anonymous = track(WsClient.open(uri(), "anon"));
    assertError(join(anonymous, "j3", "board:b1", "Guest"), "FORBIDDEN");
    assertThat(join(ann, "j4", "board:b1", "Ann").path("type").asText()).isEqualTo("joined");
    assertThat(server.rooms().count()).as("refused joins create no room").isEqualTo(1);
  }

  @Test
  void roomNamesAreCheckedAndTheCapsHold() {
    WsClient ann = as("ann");
    assertError(join(ann, "n1", "nope:x", "Ann"), "UNKNOWN_ROOM_TYPE");
    assertError(join(ann, "n2", "board", "Ann"), "INVALID_VALUE");
    assertError(join(ann, "n3", "board:a b", "Ann"), "INVALID_VALUE");
    assertError(ann.request("n4", "{\"type\":\"join\",\"id\":\"n4\",\"room\":\"board:b1\"}"), "MISSING_FIELD");

    join(ann, "r1", "board:r1", "Ann");
    join(ann, "r2", "board:r2", "Ann");
    join(ann, "r3", "board:r3", "Ann");
    assertError(join(ann, "r4", "board:r4", "Ann"), "LIMIT_EXCEEDED");
    assertError(join(ann, "r5", "board:r1", "Ann"), "PROTOCOL_VIOLATION");

    join(as("bob"), "m2", "board:r1", "Bob");
    join(as("cyd"), "m3", "board:r1", "Cyd");
    assertError(join(as("dan"), "m4", "board:r1", "Dan"), "LIMIT_EXCEEDED");
  }

  @Test
  void aConnectionThatDiesLeavesItsRoomsAndEmptyRoomsGo() {
    WsClient ann = as("ann");
    WsClient bob = as("bob");
    join(ann, "j1", "board:b1", "Ann");
    join(bob, "j2", "board:b1", "Bob");
    join(bob, "j3", "board:b2", "Bob");
    bob.abort(); // no close frame
    presence(ann, "leave", "bob/bob-client");
    await().atMost(Duration.ofSeconds(10)).until(() -> server.rooms().count() == 1); // board:b2 emptied
    ann.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.rooms().count() == 0);
  }

  @Test
  void aMemberThatStopsAnsweringIsTakenOutAfterThePresenceTimeout() throws IOException {
    WsClient ann = as("ann");
    join(ann, "j1", "board:b1", "Ann");
    try (Socket bob = silentMember("bob", "board:b1")) {
      presence(ann, "join", "bob/bob-client");
      long start = System.nanoTime();
      // Bob's socket stays open but reads nothing more, so the server's pings go unanswered.
      JsonNode leave = ann.next(m -> m.path("type").asText().equals("presence") && m.path("action").asText().equals("leave"));
      assertThat(leave.path("member").path("member").asText()).isEqualTo("bob/bob-client");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("taken out by the timeout, not at once")
          .isGreaterThanOrEqualTo(1000);
    }
    // Ann, who reads, stays: the server's pings keep her in although she sends nothing.
    assertThat(server.rooms().members(BOARD, "b1")).extracting(RoomMember::memberId).containsExactly("ann/ann-client");
  }

  /**
   * A member on a raw socket: it upgrades, says hello, joins {@code room}, and then neither reads
   * nor writes, like a peer whose network went away without a reset.
   */
  private Socket silentMember(String user, String room) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(5_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nX-User: " + user + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    assertThat(status).isEqualTo("HTTP/1.1 101");
    writeText(out, "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"clientId\":\"" + user + "-client\"}");
    writeText(out, "{\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room
        + "\",\"presence\":{\"name\":\"" + user + "\",\"typing\":false}}");
    return socket;
  }

  /** One masked text frame (the mask is zero, so the payload goes as it is). */
  private static void writeText(OutputStream out, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    assertThat(payload.length).isLessThan(126);
    out.write(new byte[] {(byte) 0x81, (byte) (0x80 | payload.length), 0, 0, 0, 0});
    out.write(payload);
    out.flush();
  }

  @Test
  void aClientsWebSocketPingIsAnsweredAndTheConnectionGoesOn() {
    WsClient ann = as("ann");
    ann.sendPing();
    JsonNode pong = ann.request("p1", "{\"type\":\"ping\",\"id\":\"p1\"}");
    assertThat(pong.path("type").asText()).isEqualTo("pong");
  }

  @Test
  void theServerEmitsAndSeesMembersTyped() {
    WsClient ann = as("ann");
    join(ann, "j1", "board:b1", "Ann");
    assertThat(server.rooms().emit(BOARD, "b1", BoardRooms.TYPING, new Typing("t3", true))).isEqualTo(1);
    JsonNode event = ann.next(m -> m.path("type").asText().equals("roomEvent"));
    assertThat(event.has("from")).as("from the server: %s", event).isFalse();
    assertThat(server.rooms().members(BOARD, "b1")).containsExactly(
        new RoomMember<>("ann/ann-client", java.util.Optional.of("ann"), new Viewer("Ann", false)));
  }
}
