package com.example.chat;

import dev.live.client.ClientOptions;
import dev.live.client.LiveClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

public final class ChatConsole {
  public static void main(String[] args) throws Exception {
    String user = args.length > 0 ? args[0] : "console";
    ClientOptions options = ClientOptions.builder().header("Authorization", "Bearer " + user).build();
    try (LiveClient client = LiveClient.connect(URI.create("ws://localhost:8080/live"), AppSchema.INSTANCE, options)) {
      Set<String> shown = new HashSet<>();
      client.query(MessageQuery.where(Message_.room.eq("general")).orderBy(Message_.sentAt.asc()))
          .subscribe(result -> result.rows().stream().filter(m -> shown.add(m.id()))
              .forEach(m -> System.out.println(m.author() + ": " + m.text())));
      ChatProceduresClient chat = ChatProceduresClient.of(client);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        chat.send(new Send("general", line)).join();
      }
    }
  }
}
