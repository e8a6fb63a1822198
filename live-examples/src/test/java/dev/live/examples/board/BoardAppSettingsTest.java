package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the board app reads its port, host, data file and origins. */
class BoardAppSettingsTest {
  @Test
  void defaultsToThisMachineOnPort8080WithTheDataInDataBoardApp() {
    BoardAppSettings settings = BoardAppSettings.parse(new String[0], new Properties());
    assertThat(settings.host()).isEqualTo("localhost");
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.data()).isEqualTo(Path.of("data/board-app"));
    assertThat(settings.secretFile()).isEqualTo(Path.of("data/board-app.secret"));
    assertThat(settings.url()).isEqualTo("http://localhost:8080/");
    assertThat(settings.allowedOrigins()).containsExactly("http://localhost:8080", "http://127.0.0.1:8080");
  }

  @Test
  void argumentsWinOverSystemProperties() {
    Properties properties = new Properties();
    properties.setProperty("board.port", "9000");
    properties.setProperty("board.host", "0.0.0.0");
    BoardAppSettings settings = BoardAppSettings.parse(
        new String[] {"--port", "9090", "--data", "/tmp/b", "--origin", "http://board.lan:9090"}, properties);
    assertThat(settings.port()).isEqualTo(9090);
    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.secretFile()).isEqualTo(Path.of("/tmp/b.secret"));
    assertThat(settings.allowedOrigins()).contains("http://board.lan:9090", "http://localhost:9090");
  }

  @Test
  void badArgumentsAreRefusedWithTheUsage() {
    assertThatThrownBy(() -> BoardAppSettings.parse(new String[] {"--port", "80x"}, new Properties()))
        .hasMessage("a port is a number from 1 to 65535, not '80x'");
    assertThatThrownBy(() -> BoardAppSettings.parse(new String[] {"--prot", "80"}, new Properties()))
        .hasMessage("unknown option --prot; " + BoardAppSettings.USAGE);
    assertThatThrownBy(() -> BoardAppSettings.parse(new String[] {"--port"}, new Properties()))
        .hasMessage("option --port needs a value; " + BoardAppSettings.USAGE);
  }
}
