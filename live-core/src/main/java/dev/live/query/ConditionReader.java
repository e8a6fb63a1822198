package dev.live.query;

import com.fasterxml.jackson.core.JsonParser;
import dev.live.error.ErrorCode;
import dev.live.json.DecodeException;
import dev.live.json.JsonReads;
import dev.live.json.MemberReader;
import dev.live.json.Suggestions;
import dev.live.schema.CollectionSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The members of one condition object, checked against its operator when the object ends. */
final class ConditionReader<T> implements MemberReader.Handler {
  /** Each operator with the members its condition takes. */
  private static final Map<String, List<String>> MEMBERS = Map.ofEntries(
      Map.entry("eq", List.of("op", "field", "value")),
      Map.entry("ne", List.of("op", "field", "value")),
      Map.entry("gt", List.of("op", "field", "value")),
      Map.entry("gte", List.of("op", "field", "value")),
      Map.entry("lt", List.of("op", "field", "value")),
      Map.entry("lte", List.of("op", "field", "value")),
      Map.entry("in", List.of("op", "field", "values")),
      Map.entry("isNull", List.of("op", "field")),
      Map.entry("isNotNull", List.of("op", "field")),
      Map.entry("startsWith", List.of("op", "field", "value")),
      Map.entry("contains", List.of("op", "field", "value")),
      Map.entry("and", List.of("op", "conditions")),
      Map.entry("or", List.of("op", "conditions")),
      Map.entry("not", List.of("op", "condition")),
      Map.entry("is", List.of("op", "relation", "where")),
      Map.entry("some", List.of("op", "relation", "where")),
      Map.entry("none", List.of("op", "relation", "where")),
      Map.entry("every", List.of("op", "relation", "where")));

  private static final List<String> OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte", "in",
      "isNull", "isNotNull", "startsWith", "contains", "and", "or", "not", "is", "some", "none", "every");

  private final QueryReader reader;
  private final CollectionSchema<T> collection;
  private final int depth;
  private final Set<String> members = new LinkedHashSet<>();
  private String op;
  private Field<T, ?> field;
  private Relation<T, ?> relation;
  private Object value;
  private List<Object> values;
  private List<Condition<T>> conditions;
  private Condition<T> condition;
  private Condition<?> where;

  ConditionReader(QueryReader reader, CollectionSchema<T> collection, int depth) {
    this.reader = reader;
    this.collection = collection;
    this.depth = depth;
  }

  @Override
  public boolean accept(String name, JsonParser in, boolean last) throws IOException {
    switch (name) {
      case "op":
        op = operator(in);
        break;
      case "field":
        field = reader.field(collection, in);
        break;
      case "relation":
        relation = reader.relation(collection, in);
        break;
      case "value":
        if (field == null && !last) {
          return false;
        }
        value = fieldValue(in, requireField(in, name));
        break;
      case "values":
        if (field == null && !last) {
          return false;
        }
        Field<T, ?> target = requireField(in, name);
        values = reader.array(in, reader.limits().maxInValues(), "values in one 'in'",
            element -> fieldValue(element, target));
        break;
      case "conditions":
        conditions = reader.array(in, reader.limits().maxNodes(), "conditions",
            element -> reader.condition(collection, element, depth + 1));
        break;
      case "condition":
        condition = reader.condition(collection, in, depth + 1);
        break;
      case "where":
        if (relation == null && !last) {
          return false;
        }
        if (relation == null) {
          throw notTaken(in, name);
        }
        where = reader.condition(relation.target(), in, depth + 1);
        break;
      default:
        throw QueryReader.unknownMember(in, "a condition", "op, field, value, values, relation, where,"
            + " conditions, condition");
    }
    members.add(name);
    return true;
  }

  private String operator(JsonParser in) throws IOException {
    String name = JsonReads.string(in, "");
    if (!MEMBERS.containsKey(name)) {
      throw JsonReads.at(in, ErrorCode.UNKNOWN_OPERATOR, "", "unknown operator '"
          + JsonReads.shortened(name) + "'" + Suggestions.didYouMean(name, OPERATORS)
          + "; operators: " + String.join(", ", OPERATORS));
    }
    return name;
  }

  /** The field a value member needs; without one, the member is either missing or misplaced. */
  private Field<T, ?> requireField(JsonParser in, String member) {
    if (field == null) {
      throw notTaken(in, member);
    }
    return field;
  }

  /** A member present while a member it depends on is absent. */
  private DecodeException notTaken(JsonParser in, String member) {
    List<String> taken = MEMBERS.get(op);
    if (taken.contains(member)) {
      String needed = member.equals("where") ? "relation" : "field";
      return JsonReads.at(in, ErrorCode.MISSING_FIELD, "", "'" + member + "' needs '" + needed
          + "', which is missing");
    }
    return misplaced(in, member);
  }

  private DecodeException misplaced(JsonParser in, String member) {
    return JsonReads.at(in, ErrorCode.UNKNOWN_FIELD, "", "not a member of an '" + op
        + "' condition, which takes: " + String.join(", ", MEMBERS.get(op)));
  }

  private static Object fieldValue(JsonParser in, Field<?, ?> field) throws IOException {
    if (JsonReads.isNull(in)) {
      throw JsonReads.at(in, ErrorCode.NULL_NOT_ALLOWED, "",
          "a condition cannot compare with null; use the operators isNull and isNotNull");
    }
    return JsonReads.nested(in, "", field.codec());
  }

  @Override
  public void checkRequired(JsonParser end) {
    if (op == null) {
      throw JsonReads.missingFields(end, List.of("op"));
    }
  }

  Condition<T> build(JsonParser end) {
    List<String> taken = MEMBERS.get(op);
    for (String member : members) {
      if (!taken.contains(member)) {
        throw misplaced(end, member).within(member);
      }
    }
    List<String> missing = new ArrayList<>(taken);
    missing.removeAll(members);
    if (!missing.isEmpty()) {
      throw JsonReads.missingFields(end, missing);
    }
    switch (op) {
      case "eq":
      case "ne":
      case "gt":
      case "gte":
      case "lt":
      case "lte":
        Comparison.Operator operator = Comparison.Operator.fromWireName(op);
        if (operator.isOrdering() ? !(field instanceof ComparableField) : !(field instanceof ValueField)) {
          throw notAllowed(end);
        }
        return comparison((ValueField<T, ?>) field, operator, value);
      case "in":
        if (!(field instanceof ValueField)) {
          throw notAllowed(end);
        }
        return in((ValueField<T, ?>) field, values);
      case "isNull":
      case "isNotNull":
        if (!field.isNullable()) {
          throw notAllowed(end);
        }
        return new NullCheck<>(field, op.equals("isNull"));
      case "startsWith":
      case "contains":
        if (!(field instanceof StringField)) {
          throw notAllowed(end);
        }
        return new TextMatch<>(stringField(field), TextMatch.Operator.fromWireName(op), (String) value);
      case "and":
      case "or":
        if (conditions.isEmpty()) {
          throw JsonReads.at(end, ErrorCode.INVALID_QUERY, "conditions",
              "'" + op + "' needs at least one condition");
        }
        return op.equals("and") ? new And<>(conditions) : new Or<>(conditions);
      case "not":
        return new Not<>(condition);
      default:
        return relationMatch(end);
    }
  }

  private Condition<T> relationMatch(JsonParser end) {
    RelationMatch.Quantifier quantifier = RelationMatch.Quantifier.fromWireName(op);
    if ((quantifier == RelationMatch.Quantifier.IS) != (relation instanceof ToOne)) {
      String allowed = relation instanceof ToOne ? "is" : "some, none, every";
      throw JsonReads.at(end, ErrorCode.OPERATOR_NOT_ALLOWED, "", "operator '" + op
          + "' does not apply to " + relation.kindName() + " relation '" + relation.name()
          + "'; it takes: " + allowed);
    }
    return relationMatch(relation, quantifier, where);
  }

  private DecodeException notAllowed(JsonParser end) {
    List<String> allowed = operatorsFor(field);
    return JsonReads.at(end, ErrorCode.OPERATOR_NOT_ALLOWED, "", "operator '" + op
        + "' does not apply to field '" + field.name() + "' (" + field.type()
        + (field.isNullable() ? ", nullable" : "") + ")"
        + (allowed.isEmpty() ? "; no operator applies to it" : "; it takes: " + String.join(", ", allowed)));
  }

  /** The operators a field's type allows, as the typed metamodel offers them. */
  static List<String> operatorsFor(Field<?, ?> field) {
    List<String> operators = new ArrayList<>();
    if (field instanceof ValueField) {
      operators.addAll(List.of("eq", "ne", "in"));
    }
    if (field instanceof ComparableField) {
      operators.addAll(List.of("gt", "gte", "lt", "lte"));
    }
    if (field instanceof StringField) {
      operators.addAll(List.of("startsWith", "contains"));
    }
    if (field.isNullable()) {
      operators.addAll(List.of("isNull", "isNotNull"));
    }
    return operators;
  }

  @SuppressWarnings("unchecked")
  private static <T> StringField<T> stringField(Field<T, ?> field) {
    return (StringField<T>) field;
  }

  @SuppressWarnings("unchecked")
  private static <T, V> Condition<T> comparison(ValueField<T, V> field, Comparison.Operator operator, Object value) {
    return new Comparison<>(field, operator, (V) value);
  }

  @SuppressWarnings("unchecked")
  private static <T, V> Condition<T> in(ValueField<T, V> field, List<Object> values) {
    return new In<>(field, (List<V>) values);
  }

  @SuppressWarnings("unchecked")
  private static <T, U> Condition<T> relationMatch(Relation<T, U> relation,
      RelationMatch.Quantifier quantifier, Condition<?> where) {
    return new RelationMatch<>(relation, quantifier, (Condition<U>) where);
  }
}
