package dev.live.examples.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The board's sign-in tokens: {@code <userId>.<signature>}, the signature an HMAC-SHA256 of the
 * user id under the server's secret, in base64url. A token proves that this server issued it for
 * that user, nothing more: it does not expire, and the demo's sign-in asks for a name only.
 * Keeping the secret in a file beside the database lets tokens survive a restart; deleting the
 * file signs everybody out.
 */
public final class SessionTokens {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int SECRET_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;

  /** Tokens signed with {@code secret}, at least 32 bytes. */
  public SessionTokens(byte[] secret) {
    if (secret.length < SECRET_BYTES) {
      throw new IllegalArgumentException("a token secret has at least " + SECRET_BYTES + " bytes, not "
          + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** Tokens under a new random secret: they stop working when the process ends. For tests. */
  public static SessionTokens random() {
    return new SessionTokens(newSecret());
  }

  /**
   * Tokens under the secret kept in {@code file}, which is made (readable by its owner only,
   * where the file system says who) with a new random secret when it does not exist yet.
   */
  public static SessionTokens fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      byte[] secret;
      try {
        secret = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw damaged(file, "it is not base64");
      }
      if (secret.length < SECRET_BYTES) {
        throw damaged(file, "it holds " + secret.length + " bytes, not " + SECRET_BYTES);
      }
      return new SessionTokens(secret);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the token secret " + file, e);
    }
  }

  /** A token for {@code userId}. */
  public String issue(String userId) {
    return userId + "." + signature(userId);
  }

  /** The user id {@code token} was issued for, if this server issued it unchanged. */
  public Optional<String> verify(String token) {
    int dot = token.lastIndexOf('.');
    if (dot <= 0 || dot == token.length() - 1) {
      return Optional.empty();
    }
    String userId = token.substring(0, dot);
    byte[] expected = signature(userId).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    // A comparison in constant time, so that timing does not reveal how much of a guess is right.
    return MessageDigest.isEqual(expected, given) ? Optional.of(userId) : Optional.empty();
  }

  private String signature(String userId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return ENCODER.encodeToString(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }

  private static void create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    byte[] text = Base64.getEncoder().encode(newSecret());
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      return; // another process made it first: use theirs
    }
    Files.write(file, text);
  }

  private static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  private static IllegalStateException damaged(Path file, String why) {
    return new IllegalStateException("the token secret " + file + " is damaged (" + why + "); delete it to make a"
        + " new one, which signs every user out");
  }
}
