package dev.paved.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body into events: one JSON object, a JSON array of objects, or NDJSON (one
 * object a line). Malformed JSON in an object or array body fails the whole request with its line
 * and column, because nothing after the error can be trusted; in NDJSON each line stands alone, so
 * a bad line is rejected on its own and the others are kept.
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

  /** The body as a whole is not JSON; the message names line and column. */
  public static final class MalformedBody extends Exception {
    public MalformedBody(String message) {
      super(message);
    }
  }

  /** The body holds more events than one request may carry. */
  public static final class TooManyEvents extends Exception {
    public TooManyEvents(String message) {
      super(message);
    }
  }

  private final ObjectMapper mapper;
  private final int maxEventBytes;
  private final int maxEvents;

  public EventBatchReader(ObjectMapper mapper, int maxEventBytes, int maxEvents, int maxDepth) {
    JsonFactory factory =
        mapper
            .getFactory()
            .copy()
            .setStreamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(maxEventBytes)
                    .maxNumberLength(100)
                    .build());
    this.mapper = new ObjectMapper(factory);
    this.maxEventBytes = maxEventBytes;
    this.maxEvents = maxEvents;
  }

  public List<Candidate> readJson(byte[] body) throws MalformedBody, TooManyEvents {
    List<Candidate> candidates = new ArrayList<>();
    try (JsonParser parser = mapper.getFactory().createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_OBJECT) {
        candidates.add(sized(0, parser, parser.currentTokenLocation()));
      } else if (first == JsonToken.START_ARRAY) {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (index == maxEvents) {
            throw new TooManyEvents(tooMany());
          }
          JsonLocation start = parser.currentTokenLocation();
          if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            candidates.add(Candidate.unreadable(index, "event must be a JSON object"));
          } else {
            candidates.add(sized(index, parser, start));
          }
          index++;
        }
      } else {
        throw new MalformedBody(
            first == null
                ? "the body is empty: send a JSON object, a JSON array of objects, or NDJSON"
                : "the body must be a JSON object or an array of objects");
      }
      if (parser.nextToken() != null) {
        throw new MalformedBody(
            "line "
                + parser.currentTokenLocation().getLineNr()
                + ", column "
                + parser.currentTokenLocation().getColumnNr()
                + ": unexpected content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new MalformedBody(describe(e));
    } catch (IOException e) {
      throw new MalformedBody("the body could not be read: " + e.getMessage());
    }
    return candidates;
  }

  public List<Candidate> readNdjson(byte[] body) throws TooManyEvents {
    List<Candidate> candidates = new ArrayList<>();
    int lineStart = 0;
    int lineNumber = 0;
    while (lineStart < body.length) {
      int lineEnd = lineStart;
      while (lineEnd < body.length && body[lineEnd] != '\n') {
        lineEnd++;
      }
      lineNumber++;
      int length = lineEnd - lineStart;
      if (!blank(body, lineStart, lineEnd)) {
        if (candidates.size() == maxEvents) {
          throw new TooManyEvents(tooMany());
        }
        candidates.add(readLine(candidates.size(), lineNumber, body, lineStart, length));
      }
      lineStart = lineEnd + 1;
    }
    return candidates;
  }

  private Candidate readLine(int index, int lineNumber, byte[] body, int offset, int length) {
    if (length > maxEventBytes) {
      return Candidate.unreadable(index, tooLarge(length));
    }
    try (JsonParser parser = mapper.getFactory().createParser(body, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Candidate.unreadable(index, "line " + lineNumber + ": event must be a JSON object");
      }
      JsonNode node = mapper.readTree(parser);
      if (parser.nextToken() != null) {
        return Candidate.unreadable(
            index,
            "line "
                + lineNumber
                + ", column "
                + parser.currentTokenLocation().getColumnNr()
                + ": unexpected content after the event");
      }
      return Candidate.readable(index, node);
    } catch (JsonProcessingException e) {
      return Candidate.unreadable(index, "line " + lineNumber + ", " + describeColumn(e));
    } catch (IOException e) {
      return Candidate.unreadable(index, "line " + lineNumber + ": " + e.getMessage());
    }
  }

  private Candidate sized(int index, JsonParser parser, JsonLocation start) throws IOException {
    JsonNode node = mapper.readTree(parser);
    long bytes = parser.currentLocation().getByteOffset() - start.getByteOffset();
    if (bytes > maxEventBytes) {
      return Candidate.unreadable(index, tooLarge(bytes));
    }
    return Candidate.readable(index, node);
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

  private static String describe(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String line = location == null ? "?" : String.valueOf(location.getLineNr());
    return "line " + line + ", " + describeColumn(e);
  }

  private static String describeColumn(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String column = location == null ? "?" : String.valueOf(location.getColumnNr());
    return "column " + column + ": malformed JSON: " + e.getOriginalMessage();
  }
}
