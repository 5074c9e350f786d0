package dev.turnout.sample.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** JSON reading and writing for the API, kept here so Jackson stays out of every other class. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private Json() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write JSON for " + value.getClass().getName(), e);
    }
  }

  /** A JSON object as a map; {@code null} when the body is not a JSON object. */
  static Map<String, Object> readObject(byte[] body) {
    try {
      return MAPPER.readValue(body, OBJECT);
    } catch (IOException e) {
      return null;
    }
  }
}
