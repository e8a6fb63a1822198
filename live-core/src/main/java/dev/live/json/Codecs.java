package dev.live.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Codecs of the built-in types, and of lists of any codec's type. */
public final class Codecs {
  private Codecs() {}

  public static final JsonCodec<String> STRING = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, String value) throws IOException {
      out.writeString(value);
    }

    @Override
    public String read(JsonParser in) throws IOException {
      return JsonReads.string(in, "");
    }
  };

  public static final JsonCodec<Boolean> BOOLEAN = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, Boolean value) throws IOException {
      out.writeBoolean(value);
    }

    @Override
    public Boolean read(JsonParser in) throws IOException {
      return JsonReads.bool(in, "");
    }
  };

  public static final JsonCodec<Integer> INT = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, Integer value) throws IOException {
      out.writeNumber(value);
    }

    @Override
    public Integer read(JsonParser in) throws IOException {
      return JsonReads.intValue(in, "");
    }
  };

  public static final JsonCodec<Long> LONG = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, Long value) throws IOException {
      out.writeNumber(value);
    }

    @Override
    public Long read(JsonParser in) throws IOException {
      return JsonReads.longValue(in, "");
    }
  };

  public static final JsonCodec<Double> DOUBLE = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, Double value) throws IOException {
      out.writeNumber(value);
    }

    @Override
    public Double read(JsonParser in) throws IOException {
      return JsonReads.doubleValue(in, "");
    }
  };

  public static final JsonCodec<BigDecimal> DECIMAL = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, BigDecimal value) throws IOException {
      JsonWrites.decimal(out, value);
    }

    @Override
    public BigDecimal read(JsonParser in) throws IOException {
      return JsonReads.decimal(in, "");
    }
  };

  public static final JsonCodec<Instant> INSTANT = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, Instant value) throws IOException {
      JsonWrites.instant(out, value);
    }

    @Override
    public Instant read(JsonParser in) throws IOException {
      return JsonReads.instant(in, "");
    }
  };

  public static final JsonCodec<LocalDate> LOCAL_DATE = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, LocalDate value) throws IOException {
      JsonWrites.localDate(out, value);
    }

    @Override
    public LocalDate read(JsonParser in) throws IOException {
      return JsonReads.localDate(in, "");
    }
  };

  public static final JsonCodec<UUID> UUID = new JsonCodec<>() {
    @Override
    public void write(JsonGenerator out, java.util.UUID value) throws IOException {
      JsonWrites.uuid(out, value);
    }

    @Override
    public java.util.UUID read(JsonParser in) throws IOException {
      return JsonReads.uuid(in, "");
    }
  };

  /** A codec of lists whose elements {@code element} reads and writes; elements are never null. */
  public static <E> JsonCodec<List<E>> list(JsonCodec<E> element) {
    return new ListCodec<>(element);
  }
}
