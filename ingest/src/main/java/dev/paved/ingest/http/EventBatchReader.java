package dev.paved.ingest.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Splits a request body into events: one JSON object, a JSON array of objects, or NDJSON (one
 * object a line), handing each to a consumer as soon as it is read so that a batch is never held as
 * JSON trees all at once.
 *
 * <p>Malformed JSON, invalid UTF-8 or nesting deeper than the limit in an object or array body
 * fails the whole request with its line and column, because nothing after the error can be trusted;
 * in NDJSON each line stands alone, so a bad line is rejected on its own and the others are kept.
 * An event that is well-formed JSON but too large, or that repeats a field name, is rejected on its
 * own in every format.
 */
public final class EventBatchReader {

  /** One event of the batch as sent: its position and either its JSON or why it is unreadable. */
  public record Candidate(int index, JsonNode json, String problem) {
    static Candidate readable(int index, JsonNode json) {
      return new Candidate(index, json, null);
    }

    static Candidate unreadable(int index, String problem) {
      return new Candidate(index, null, problem);
    }
  }

  /** The body as a whole cannot be read; the message names line and column where it can. */
  public static final class MalformedBody extends Exception {
    private final String title;

    public MalformedBody(String title, String message) {
      super(message);
      this.title = title;
    }

    /** A short title for the answer: {@code Malformed JSON}, {@code Invalid UTF-8}, ... */
    public String title() {
      return title;
    }
  }

  /** The body holds more events than one request may carry. */
  public static final class TooManyEvents extends Exception {
    public TooManyEvents(String message) {
      super(message);
    }
  }

  private static final String MALFORMED = "Malformed JSON";
  private static final String INVALID_UTF8 = "Invalid UTF-8";
  private static final String TOO_DEEP = "JSON Nested Too Deeply";

  private final ObjectMapper mapper;
  private final int maxEventBytes;
  private final int maxEvents;
  private final int maxDepth;

  /**
   * @param mapperBuilder the event codec's mapper settings (no duplicate keys), on a factory of its
   *     own that gets this reader's limits
   * @param maxEventBytes the largest event, in bytes of JSON
   * @param maxEvents the most events in one body
   * @param maxDepth the deepest nesting of objects and arrays, the batch's array included
   * @param maxStringBytes the longest string, in bytes; kept at least {@code maxEventBytes} so that
   *     an oversized string is reported as an oversized event
   */
  public EventBatchReader(
      JsonMapper.Builder mapperBuilder,
      int maxEventBytes,
      int maxEvents,
      int maxDepth,
      int maxStringBytes) {
    // This reader checks what follows an event itself, with the event's line and column.
    this.mapper = mapperBuilder.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(Math.max(maxStringBytes, maxEventBytes))
                .maxNumberLength(100)
                .build());
    this.maxEventBytes = maxEventBytes;
    this.maxEvents = maxEvents;
    this.maxDepth = maxDepth;
  }

  /** Reads a JSON object or array body, handing each event to {@code events} in order. */
  public void readJson(byte[] body, Consumer<Candidate> events)
      throws MalformedBody, TooManyEvents {
    int invalid = Utf8.firstInvalid(body, 0, body.length);
    if (invalid >= 0) {
      int[] at = Utf8.position(body, 0, invalid);
      throw new MalformedBody(
          INVALID_UTF8,
          "line "
              + at[0]
              + ", column "
              + at[1]
              + ": "
              + Utf8.describe(body, invalid)
              + "; the body must be UTF-8");
    }
    JsonParser parser = null;
    try {
      parser = mapper.getFactory().createParser(body);
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        events.accept(element(0, parser));
      } else if (first == JsonToken.START_ARRAY) {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (index == maxEvents) {
            throw new TooManyEvents(tooMany());
          }
          if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            events.accept(Candidate.unreadable(index, "event must be a JSON object"));
          } else {
            events.accept(element(index, parser));
          }
          index++;
        }
      } else {
        throw new MalformedBody(
            MALFORMED,
            first == null
                ? "the body is empty: send a JSON object, a JSON array of objects, or NDJSON"
                : "the body must be a JSON object or an array of objects");
      }
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new MalformedBody(
            MALFORMED,
            "line "
                + at.getLineNr()
                + ", column "
                + at.getColumnNr()
                + ": unexpected content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      throw malformed(e, parser);
    } catch (IOException e) {
      throw new MalformedBody(MALFORMED, "the body could not be read: " + e.getMessage());
    } finally {
      closeQuietly(parser);
    }
  }

  /**
   * Reads an NDJSON body, handing each non-blank line to {@code events} as one event: a line that
   * is not a readable JSON object is rejected alone, naming its line and column.
   */
  public void readNdjson(byte[] body, Consumer<Candidate> events)
      throws MalformedBody, TooManyEvents {
    int lineStart = 0;
    int lineNumber = 0;
    int index = 0;
    while (lineStart < body.length) {
      int lineEnd = lineStart;
      while (lineEnd < body.length && body[lineEnd] != '\n') {
        lineEnd++;
      }
      lineNumber++;
      if (!blank(body, lineStart, lineEnd)) {
        if (index == maxEvents) {
          throw new TooManyEvents(tooMany());
        }
        events.accept(readLine(index, lineNumber, body, lineStart, lineEnd - lineStart));
        index++;
      }
      lineStart = lineEnd + 1;
    }
    if (index == 0) {
      throw new MalformedBody(
          MALFORMED, "the body is empty: send one JSON object a line (application/x-ndjson)");
    }
  }

  private Candidate readLine(int index, int lineNumber, byte[] body, int offset, int length) {
    String line = "line " + lineNumber;
    if (length > maxEventBytes) {
      return Candidate.unreadable(index, line + ": " + tooLarge(length));
    }
    int invalid = Utf8.firstInvalid(body, offset, offset + length);
    if (invalid >= 0) {
      return Candidate.unreadable(
          index,
          line
              + ", column "
              + Utf8.position(body, offset, invalid)[1]
              + ": "
              + Utf8.describe(body, invalid));
    }
    JsonParser parser = null;
    try {
      parser = mapper.getFactory().createParser(body, offset, length);
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Candidate.unreadable(index, line + ": event must be a JSON object");
      }
      Candidate candidate = element(index, parser);
      if (candidate.problem() != null) {
        return Candidate.unreadable(index, line + ", " + candidate.problem());
      }
      if (parser.nextToken() != null) {
        return Candidate.unreadable(
            index,
            line
                + ", column "
                + parser.currentTokenLocation().getColumnNr()
                + ": unexpected content after the event");
      }
      return candidate;
    } catch (JsonProcessingException e) {
      return Candidate.unreadable(index, line + ", " + describeColumn(e, parser));
    } catch (IOException e) {
      return Candidate.unreadable(index, line + ": " + e.getMessage());
    } finally {
      closeQuietly(parser);
    }
  }

  /**
   * Reads the object the parser is at the start of. A field name repeated within it rejects this
   * event alone: the parser is then moved past the object, so the events after it are still read.
   * Parser errors (malformed JSON, too deep) propagate: nothing after them can be trusted.
   */
  private Candidate element(int index, JsonParser parser) throws IOException {
    JsonLocation start = parser.currentTokenLocation();
    JsonStreamContext enclosing = parser.getParsingContext().getParent();
    JsonNode node;
    try {
      node = mapper.readTree(parser);
    } catch (DatabindException e) {
      String problem = describeColumn(e, parser);
      String field = parser.currentName();
      if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
        problem =
            "column "
                + parser.currentLocation().getColumnNr()
                + ": field \""
                + field
                + "\" appears twice in the event";
      }
      while (parser.getParsingContext() != enclosing) {
        if (parser.nextToken() == null) {
          throw e;
        }
      }
      return Candidate.unreadable(index, problem);
    }
    long bytes = parser.currentLocation().getByteOffset() - start.getByteOffset();
    if (bytes > maxEventBytes) {
      return Candidate.unreadable(index, tooLarge(bytes));
    }
    return Candidate.readable(index, node);
  }

  private MalformedBody malformed(JsonProcessingException e, JsonParser parser) {
    JsonLocation at = location(e, parser);
    String line = at == null ? "?" : String.valueOf(at.getLineNr());
    String title = isTooDeep(e) ? TOO_DEEP : MALFORMED;
    return new MalformedBody(title, "line " + line + ", " + describeColumn(e, parser));
  }

  private String describeColumn(JsonProcessingException e, JsonParser parser) {
    JsonLocation at = location(e, parser);
    String column = at == null ? "?" : String.valueOf(at.getColumnNr());
    if (isTooDeep(e)) {
      return "column "
          + column
          + ": JSON nested deeper than "
          + maxDepth
          + " levels (objects and arrays); an event is at most 4 levels deep";
    }
    return "column " + column + ": malformed JSON: " + e.getOriginalMessage();
  }

  private static JsonLocation location(JsonProcessingException e, JsonParser parser) {
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      return e.getLocation();
    }
    return parser == null ? null : parser.currentLocation();
  }

  private static boolean isTooDeep(JsonProcessingException e) {
    return e instanceof StreamConstraintsException
        && e.getOriginalMessage() != null
        && e.getOriginalMessage().contains("nesting depth");
  }

  private String tooLarge(long bytes) {
    return "event is " + bytes + " bytes; one event may be at most " + maxEventBytes + " bytes";
  }

  private String tooMany() {
    return "a request may carry at most " + maxEvents + " events; split the batch";
  }

  private static boolean blank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      if (body[i] != ' ' && body[i] != '\t' && body[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private static void closeQuietly(JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // A parser over a byte array holds nothing to release.
      }
    }
  }
}
