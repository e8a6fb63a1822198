package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import dev.live.json.JsonWrites;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The JSON codec of {@link Address}.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class AddressJson {
  private static final String FIELDS = "street, city, country";

  /**
   * Reads and writes {@link Address} as a JSON object.
   */
  public static final JsonCodec<Address> CODEC = new Codec();

  private static final SerializedString NAME_street = new SerializedString("street");

  private static final SerializedString NAME_city = new SerializedString("city");

  private static final SerializedString NAME_country = new SerializedString("country");

  private AddressJson() {
  }

  private static final class Codec implements JsonCodec<Address> {
    @Override
    public void write(JsonGenerator out, Address value) throws IOException {
      out.writeStartObject(value);
      out.writeFieldName(AddressJson.NAME_street);
      String street = value.street();
      if (street == null) {
        throw JsonWrites.nullInRequiredField("Address", "street");
      }
      out.writeString(street);
      out.writeFieldName(AddressJson.NAME_city);
      String city = value.city();
      if (city == null) {
        throw JsonWrites.nullInRequiredField("Address", "city");
      }
      out.writeString(city);
      out.writeFieldName(AddressJson.NAME_country);
      String country = value.country();
      if (country == null) {
        throw JsonWrites.nullInRequiredField("Address", "country");
      }
      out.writeString(country);
      out.writeEndObject();
    }

    @Override
    public Address read(JsonParser in) throws IOException {
      JsonReads.startObject(in, "");
      String street = null;
      String city = null;
      String country = null;
      long seen0 = 0L;
      for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
        in.nextToken();
        switch (name) {
          case "street":
            if ((seen0 & 0x1L) != 0) {
              throw JsonReads.duplicateField(in, "street");
            }
            seen0 |= 0x1L;
            street = JsonReads.string(in, "street");
            break;
          case "city":
            if ((seen0 & 0x2L) != 0) {
              throw JsonReads.duplicateField(in, "city");
            }
            seen0 |= 0x2L;
            city = JsonReads.string(in, "city");
            break;
          case "country":
            if ((seen0 & 0x4L) != 0) {
              throw JsonReads.duplicateField(in, "country");
            }
            seen0 |= 0x4L;
            country = JsonReads.string(in, "country");
            break;
          default:
            throw JsonReads.unknownField(in, name, AddressJson.FIELDS);
        }
      }
      if ((seen0 & 0x7L) != 0x7L) {
        List<String> missing = new ArrayList<>();
        if ((seen0 & 0x1L) == 0) {
          missing.add("street");
        }
        if ((seen0 & 0x2L) == 0) {
          missing.add("city");
        }
        if ((seen0 & 0x4L) == 0) {
          missing.add("country");
        }
        throw JsonReads.missingFields(in, missing);
      }
      return new Address(street, city, country);
    }
  }
}
