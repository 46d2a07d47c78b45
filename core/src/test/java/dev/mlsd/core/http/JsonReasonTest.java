package dev.mlsd.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 400's reason for a body that does not bind names the field, in the client's terms. */
class JsonReasonTest {
  enum Mode {
    FAST,
    EXACT
  }

  record Inner(boolean on) {}

  record Body(int movieId, float rating, String title, List<Integer> tags, Mode mode, Inner inner) {
    Body {
      if (rating > 5) {
        throw new IllegalArgumentException("rating must be at most 5, got " + rating);
      }
    }
  }

  private static final String OK =
      "\"movieId\":1,\"rating\":4.5,\"title\":\"t\",\"tags\":[1],\"mode\":\"FAST\",\"inner\":{\"on\":true}";

  private static String reason(String json) {
    JsonProcessingException e =
        assertThrows(
            JsonProcessingException.class, () -> Json.mapper().readValue(json, Body.class));
    return Json.reason(e);
  }

  @Test
  void theFixtureItselfBinds() throws Exception {
    assertEquals(1, Json.mapper().readValue("{" + OK + "}", Body.class).movieId());
  }

  @Test
  void aMissingFieldIsNamed() {
    assertEquals(
        "bad request body: missing field 'rating'",
        reason(
            "{\"movieId\":1,\"title\":\"t\",\"tags\":[],\"mode\":\"FAST\",\"inner\":{\"on\":true}}"));
  }

  @Test
  void anUnknownFieldIsNamed() {
    assertEquals("bad request body: unknown field 'admin'", reason("{" + OK + ",\"admin\":true}"));
  }

  @Test
  void aWrongTypeNamesTheFieldAndTheExpectedKind() {
    assertEquals(
        "bad request body: field 'movieId' must be an integer",
        reason("{" + OK.replace("\"movieId\":1", "\"movieId\":\"x\"") + "}"));
    assertEquals(
        "bad request body: field 'movieId' must be an integer",
        reason("{" + OK.replace("\"movieId\":1", "\"movieId\":null") + "}"));
    assertEquals(
        "bad request body: field 'rating' must be a number",
        reason("{" + OK.replace("\"rating\":4.5", "\"rating\":\"high\"") + "}"));
    assertEquals(
        "bad request body: field 'tags' must be an array",
        reason("{" + OK.replace("\"tags\":[1]", "\"tags\":{}") + "}"));
    assertEquals(
        "bad request body: field 'tags[0]' must be an integer",
        reason("{" + OK.replace("\"tags\":[1]", "\"tags\":[\"a\"]") + "}"));
    assertEquals(
        "bad request body: field 'inner.on' must be true or false",
        reason("{" + OK.replace("{\"on\":true}", "{\"on\":3}") + "}"));
    String mode = reason("{" + OK.replace("\"FAST\"", "\"SLOW\"") + "}");
    assertTrue(mode.contains("field 'mode' must be one of [FAST, EXACT]"), mode);
  }

  @Test
  void aBodyOfTheWrongShapeSaysWhatWasExpected() {
    assertEquals("bad request body: the body must be a JSON object", reason("[1]"));
  }

  @Test
  void aConstructorsOwnCheckKeepsItsMessage() {
    assertEquals(
        "bad request body: rating must be at most 5, got 9.0",
        reason("{" + OK.replace("\"rating\":4.5", "\"rating\":9") + "}"));
  }

  @Test
  void noReasonEchoesJacksonsSwitchesOrJavaTypes() {
    for (String json :
        List.of(
            "{\"movieId\":1}",
            "{" + OK + ",\"x\":1}",
            "{" + OK.replace("\"movieId\":1", "\"movieId\":\"x\"") + "}",
            "[1]")) {
      String r = reason(json);
      assertTrue(!r.contains("DeserializationFeature") && !r.contains("dev.mlsd"), r);
    }
  }
}
