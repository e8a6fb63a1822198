package dev.live.query;

import dev.live.schema.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * How the database compares two non-null values of a field type, so that the live query engine
 * decides matches and positions in memory exactly as SQL would. Pick the constant of the store's
 * database:
 *
 * <pre>{@code
 * ValueOrder order = onPostgres ? ValueOrder.POSTGRESQL : ValueOrder.H2;
 * order.compare(FieldType.STRING, "ﬁ", "😀")   // U+FB01 and U+1F600: > 0 on H2, < 0 on PostgreSQL
 * }</pre>
 *
 * <p>The databases agree on everything but strings (and enums, stored as their names):
 *
 * <ul>
 *   <li>Strings: PostgreSQL's "C" collation orders UTF-8 bytes, which is code point order; H2
 *       orders UTF-16 units ({@code String.compareTo}). They differ only between supplementary
 *       characters (emoji) and U+E000–U+FFFF. Equal means equal characters on both.
 *   <li>Doubles: {@code -0.0} equals {@code 0.0}; {@code NaN} equals itself and is greater than
 *       every other value, {@code Infinity} included.
 *   <li>Decimals: by value, whatever the scale ({@code 1.0} equals {@code 1.00}).
 *   <li>Instants: to the microsecond, the precision storage keeps; finer digits are dropped, as
 *       the parameter writer drops them from query values.
 *   <li>UUIDs: as 16 unsigned bytes, which is not {@code UUID.compareTo} (signed halves).
 *   <li>Booleans: {@code false} before {@code true}. Numbers and dates: natural order.
 * </ul>
 *
 * <p>Strings are assumed to be valid UTF-16: PostgreSQL's driver writes an unpaired surrogate as
 * {@code ?}, and cannot store U+0000 at all.
 */
public enum ValueOrder {
  /** H2 2.x with its default (binary) string comparison. */
  H2 {
    @Override
    public int compareStrings(String a, String b) {
      return a.compareTo(b);
    }
  },

  /** PostgreSQL with text columns in the "C" collation, as Live creates them. */
  POSTGRESQL {
    @Override
    public int compareStrings(String a, String b) {
      return compareCodePoints(a, b);
    }
  };

  /** Compares two strings as the database's string columns do. */
  public abstract int compareStrings(String a, String b);

  /**
   * Compares non-null values {@code a} and {@code b} of a field of {@code type}: negative, zero
   * or positive as SQL's {@code <}, {@code =}, {@code >} would answer.
   *
   * @throws IllegalArgumentException for JSON values, which have no order
   */
  public int compare(FieldType type, Object a, Object b) {
    switch (type) {
      case STRING:
        return compareStrings((String) a, (String) b);
      case ENUM:
        // Stored as the constant's name, so ordered as that string.
        return a == b ? 0 : compareStrings(((Enum<?>) a).name(), ((Enum<?>) b).name());
      case BOOLEAN:
        return Boolean.compare((Boolean) a, (Boolean) b);
      case INT:
        return Integer.compare((Integer) a, (Integer) b);
      case LONG:
        return Long.compare((Long) a, (Long) b);
      case DOUBLE:
        return compareDoubles((Double) a, (Double) b);
      case DECIMAL:
        return ((BigDecimal) a).compareTo((BigDecimal) b);
      case INSTANT:
        return compareInstants((Instant) a, (Instant) b);
      case LOCAL_DATE:
        return ((LocalDate) a).compareTo((LocalDate) b);
      case UUID:
        return compareUuids((UUID) a, (UUID) b);
      default:
        throw new IllegalArgumentException("values of type " + type + " cannot be compared");
    }
  }

  /**
   * Whether non-null values {@code a} and {@code b} of a field of {@code type} are equal as SQL's
   * {@code =} decides.
   *
   * @throws IllegalArgumentException for JSON values, which have no equality in queries
   */
  public boolean equal(FieldType type, Object a, Object b) {
    switch (type) {
      case STRING:
      case ENUM:
      case BOOLEAN:
      case INT:
      case LONG:
      case LOCAL_DATE:
      case UUID:
        return a.equals(b);
      case DOUBLE:
      case DECIMAL:
      case INSTANT:
        return compare(type, a, b) == 0;
      default:
        throw new IllegalArgumentException("values of type " + type + " cannot be compared");
    }
  }

  /**
   * Code point order of two valid UTF-16 strings without decoding them: up to the first unit
   * that differs, UTF-16 order is code point order, except that surrogates (U+D800–U+DFFF,
   * which encode code points above U+FFFF) must sort after U+E000–U+FFFF. Shifting units from
   * U+D800 up by that much puts them in place.
   */
  static int compareCodePoints(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointRank(x) - codePointRank(y);
      }
    }
    return a.length() - b.length();
  }

  private static int codePointRank(char unit) {
    if (unit < 0xD800) {
      return unit;
    }
    return unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;
  }

  /** SQL's double order: {@code -0.0} is {@code 0.0}; NaN is one value, above all others. */
  private static int compareDoubles(double a, double b) {
    // Adding 0.0 turns -0.0 into 0.0 and leaves every other value as it is.
    return Double.compare(a + 0.0, b + 0.0);
  }

  /** Instants as stored: to the microsecond, the digits below dropped (towards the past). */
  private static int compareInstants(Instant a, Instant b) {
    int bySecond = Long.compare(a.getEpochSecond(), b.getEpochSecond());
    return bySecond != 0 ? bySecond : Integer.compare(a.getNano() / 1000, b.getNano() / 1000);
  }

  /** Both databases compare UUIDs as 16 unsigned bytes, most significant first. */
  private static int compareUuids(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
