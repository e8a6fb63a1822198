package dev.live.query;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Writes a {@link QuerySpec} in its wire form (see {@link QueryJson}). Members in canonical order. */
final class QueryWriter {
  private QueryWriter() {}

  static <T> void query(JsonGenerator out, QuerySpec<T> spec) throws IOException {
    out.writeStartObject();
    out.writeStringField("collection", spec.collection().name());
    if (spec.id().isPresent()) {
      out.writeFieldName("id");
      idValue(out, spec.collection().id(), spec.id().get());
    }
    if (spec.cardinality() == Cardinality.FIRST) {
      out.writeBooleanField("first", true);
    }
    if (spec.where().isPresent()) {
      out.writeFieldName("where");
      condition(out, spec.where().get());
    }
    orderBy(out, spec.orderBy());
    if (spec.limit().isPresent()) {
      out.writeNumberField("limit", spec.limit().getAsInt());
    }
    includes(out, spec.includes());
    out.writeEndObject();
  }

  @SuppressWarnings("unchecked")
  private static <T, V> void idValue(JsonGenerator out, Field<T, V> id, Object value) throws IOException {
    id.codec().write(out, (V) value);
  }

  static <T> void condition(JsonGenerator out, Condition<T> condition) throws IOException {
    out.writeStartObject();
    if (condition instanceof Comparison<T, ?> comparison) {
      out.writeStringField("op", comparison.operator().wireName());
      comparisonBody(out, comparison);
    } else if (condition instanceof In<T, ?> in) {
      out.writeStringField("op", "in");
      inBody(out, in);
    } else if (condition instanceof NullCheck<T> check) {
      out.writeStringField("op", check.isNull() ? "isNull" : "isNotNull");
      out.writeStringField("field", check.field().name());
    } else if (condition instanceof TextMatch<T> match) {
      out.writeStringField("op", match.operator().wireName());
      out.writeStringField("field", match.field().name());
      out.writeStringField("value", match.text());
    } else if (condition instanceof And<T> and) {
      out.writeStringField("op", "and");
      conditions(out, and.conditions());
    } else if (condition instanceof Or<T> or) {
      out.writeStringField("op", "or");
      conditions(out, or.conditions());
    } else if (condition instanceof Not<T> not) {
      out.writeStringField("op", "not");
      out.writeFieldName("condition");
      condition(out, not.condition());
    } else if (condition instanceof RelationMatch<T, ?> match) {
      relationBody(out, match);
    }
    out.writeEndObject();
  }

  private static <T, V> void comparisonBody(JsonGenerator out, Comparison<T, V> comparison) throws IOException {
    out.writeStringField("field", comparison.field().name());
    out.writeFieldName("value");
    comparison.field().codec().write(out, comparison.value());
  }

  private static <T, V> void inBody(JsonGenerator out, In<T, V> in) throws IOException {
    out.writeStringField("field", in.field().name());
    out.writeArrayFieldStart("values");
    for (V value : in.values()) {
      in.field().codec().write(out, value);
    }
    out.writeEndArray();
  }

  private static <T, U> void relationBody(JsonGenerator out, RelationMatch<T, U> match) throws IOException {
    out.writeStringField("op", match.quantifier().wireName());
    out.writeStringField("relation", match.relation().name());
    out.writeFieldName("where");
    condition(out, match.condition());
  }

  private static <T> void conditions(JsonGenerator out, List<Condition<T>> conditions) throws IOException {
    out.writeArrayFieldStart("conditions");
    for (Condition<T> condition : conditions) {
      condition(out, condition);
    }
    out.writeEndArray();
  }

  private static <T> void orderBy(JsonGenerator out, List<Order<T>> orders) throws IOException {
    if (orders.isEmpty()) {
      return;
    }
    out.writeArrayFieldStart("orderBy");
    for (Order<T> order : orders) {
      out.writeStartObject();
      out.writeStringField("field", order.field().name());
      out.writeStringField("direction", order.direction() == Order.Direction.DESC ? "desc" : "asc");
      out.writeStringField("nulls", order.nulls() == Order.Nulls.FIRST ? "first" : "last");
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static <T> void includes(JsonGenerator out, List<Include<T, ?>> includes) throws IOException {
    if (includes.isEmpty()) {
      return;
    }
    out.writeArrayFieldStart("include");
    for (Include<T, ?> include : includes) {
      include(out, include);
    }
    out.writeEndArray();
  }

  private static <T, U> void include(JsonGenerator out, Include<T, U> include) throws IOException {
    out.writeStartObject();
    out.writeStringField("relation", include.relation().name());
    if (include.where().isPresent()) {
      out.writeFieldName("where");
      condition(out, include.where().get());
    }
    orderBy(out, include.orderBy());
    if (include.limit().isPresent()) {
      out.writeNumberField("limit", include.limit().getAsInt());
    }
    includes(out, include.includes());
    out.writeEndObject();
  }
}
