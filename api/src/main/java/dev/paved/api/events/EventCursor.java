package dev.paved.api.events;

import dev.paved.api.http.Problem;
import dev.paved.clickhouse.SqlLiteral;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of events ended: the last event's time (to the millisecond) and id, the order {@code
 * /events} sorts by. Opaque to clients: base64url of {@code e1:<epoch millis>:<id>}. The next page
 * holds the events strictly after it in that order, so equal times neither repeat nor skip an
 * event, and events arriving meanwhile do not shift the pages.
 */
public record EventCursor(long epochMillis, String id) {
  private static final String VERSION = "e1:";

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + epochMillis + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a client sent back, or a 400 naming {@code cursor}. */
  public static EventCursor decode(String cursor) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor)))
              .toString();
      int colon = text.indexOf(':', VERSION.length());
      if (!text.startsWith(VERSION) || colon < 0) {
        throw invalid();
      }
      String millis = text.substring(VERSION.length(), colon);
      String id = text.substring(colon + 1);
      if (!millis.matches("[0-9]{1,15}") || id.isEmpty() || id.length() > 512) {
        throw invalid();
      }
      SqlLiteral.string(id); // refuses what cannot be a literal (unpaired surrogates)
      return new EventCursor(Long.parseLong(millis), id);
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw invalid();
    }
  }

  /** The events after this cursor in newest-first order. */
  String sqlCondition() {
    String millis = EventsEndpoint.MILLIS;
    return "("
        + millis
        + " < "
        + SqlLiteral.integer(epochMillis)
        + " OR ("
        + millis
        + " = "
        + SqlLiteral.integer(epochMillis)
        + " AND id < "
        + SqlLiteral.string(id)
        + "))";
  }

  private static Problem invalid() {
    return Problem.invalidParam("cursor", "not a cursor this API gave out");
  }
}
