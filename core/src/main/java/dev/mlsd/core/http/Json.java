package dev.mlsd.core.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strict Jackson mapper of the HTTP edge, and the one-line reasons it gives for bad input.
 *
 * <p>Strict means: unknown fields, missing fields, {@code null} for primitives, trailing tokens,
 * strings where numbers are expected (and the reverse), floats where ints are expected, duplicate
 * keys and {@code NaN} are all refused. Every field of a request record is required (a module that
 * wants an optional field makes it nullable and sends {@code null} explicitly). Nesting depth,
 * string length and number length are bounded so that a hostile body cannot make parsing expensive.
 *
 * <p>Thread safety: the mapper is immutable after construction and shared.
 */
public final class Json {
  private static final ObjectMapper STRICT = build();

  private Json() {}

  /** The shared strict mapper. */
  public static ObjectMapper mapper() {
    return STRICT;
  }

  private static ObjectMapper build() {
    JsonMapper m =
        JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(64)
                .maxStringLength(64 * 1024)
                .maxNameLength(256)
                .build());
    m.getFactory().disable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
    m.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    for (LogicalType t :
        new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return m;
  }

  /**
   * The one-line reason for a parse or binding failure, without the input echoed back. Validation
   * failures in a record's constructor give the constructor's own message.
   */
  public static String reason(JsonProcessingException e) {
    Throwable cause = e instanceof ValueInstantiationException ? e.getCause() : null;
    String msg =
        cause instanceof IllegalArgumentException && cause.getMessage() != null
            ? cause.getMessage()
            : e instanceof MismatchedInputException m ? bindingReason(m) : e.getOriginalMessage();
    return "bad request body: " + oneLine(msg);
  }

  private static final Pattern MISSING =
      Pattern.compile("^Missing (?:required )?creator property '([^']+)'");

  /**
   * A binding failure in the client's terms: which field is missing, unknown or of the wrong type.
   * Jackson's own wording names its switches and Java types, which mean nothing to a client; any
   * failure not recognised here keeps that wording.
   */
  private static String bindingReason(MismatchedInputException m) {
    String msg = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
    if (m instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'";
    }
    Matcher missing = MISSING.matcher(msg);
    if (missing.find()) {
      return "missing field '" + missing.group(1) + "'";
    }
    boolean wrongType =
        msg.startsWith("Cannot deserialize")
            || msg.startsWith("Cannot coerce")
            || msg.startsWith("Cannot map `null`");
    Class<?> target = m.getTargetType();
    if (!wrongType || target == null) {
      return msg;
    }
    String field = fieldPath(m.getPath());
    return (field.isEmpty() ? "the body" : "field '" + field + "'") + " must be " + kind(target);
  }

  private static String fieldPath(List<JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String kind(Class<?> c) {
    if (c == int.class
        || c == long.class
        || c == short.class
        || c == byte.class
        || c == Integer.class
        || c == Long.class
        || c == Short.class
        || c == Byte.class) {
      return "an integer";
    }
    if (c == float.class || c == double.class || c == Float.class || c == Double.class) {
      return "a number";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "true or false";
    }
    if (CharSequence.class.isAssignableFrom(c)) {
      return "a string";
    }
    if (c.isEnum()) {
      return "one of " + Arrays.toString(c.getEnumConstants());
    }
    if (c.isArray() || Collection.class.isAssignableFrom(c)) {
      return "an array";
    }
    return "a JSON object";
  }

  /** Collapses line breaks and caps the length at 300 characters. */
  public static String oneLine(String s) {
    if (s == null) {
      return "(no detail)";
    }
    String t = s.replaceAll("[\\r\\n\\t]+", " ").trim();
    return t.length() <= 300 ? t : t.substring(0, 300) + "...";
  }
}
