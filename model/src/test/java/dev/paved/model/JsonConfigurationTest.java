package dev.paved.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonConfigurationTest {

  private final ObjectMapper mapper = EventCodec.mapper();

  @Test
  void aDuplicateKeyIsMalformed() {
    assertThrows(
        JsonProcessingException.class, () -> mapper.readTree("{\"id\":\"a\",\"id\":\"b\"}"));
  }

  @Test
  void contentAfterTheValueIsMalformed() {
    assertThrows(JsonProcessingException.class, () -> mapper.readTree("{\"id\":\"a\"} {}"));
  }

  @Test
  void deepNestingIsRefused() throws JsonProcessingException {
    assertEquals(1, mapper.readTree("[".repeat(32) + "1" + "]".repeat(32)).size());
    assertThrows(
        JsonProcessingException.class,
        () -> mapper.readTree("[".repeat(33) + "1" + "]".repeat(33)));
  }

  @Test
  void otherModulesBuildOnTheSameConfiguration() {
    ObjectMapper own = EventCodec.mapperBuilder().build();
    assertThrows(JsonProcessingException.class, () -> own.readTree("{\"a\":1,\"a\":2}"));
  }
}
