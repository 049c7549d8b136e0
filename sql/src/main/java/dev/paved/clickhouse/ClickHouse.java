package dev.paved.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.config.ClickHouseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A connection to one ClickHouse server and one database, over HTTP with client-v2.
 *
 * <p>Only what works on ClickHouse 18.16 as well as on 23+ is used: {@code execute}, {@code insert}
 * of JSONEachRow, and {@code query} with {@code FORMAT JSONEachRow} in the SQL, read with Jackson.
 * The client's typed readers ask for RowBinaryWithNamesAndTypes, which 18.16 lacks. Names are not
 * resolved against a default database: every table is written as {@link #table(String)}, so the
 * database need not exist before the migrations create it.
 */
public final class ClickHouse implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Client client;
  private final String url;
  private final String database;
  private final String serverVersion;

  private ClickHouse(Client client, String url, String database) {
    this.client = client;
    this.url = url;
    this.database = database;
    this.serverVersion = readVersion();
  }

  /**
   * Connects to the server at {@code url} (e.g. {@code http://127.0.0.1:8123}) as {@code config}'s
   * user, for {@code config}'s database, and reads the server's version.
   *
   * <p>The same client settings serve every server version. 18.16 needs compression off both ways
   * and 64-bit integers unquoted in JSON; on 23+ these are valid too, and compression could not be
   * verified there, so it stays off: Paved's batches are small and travel over a local network.
   */
  public static ClickHouse connect(ClickHouseConfig config, String url) {
    Client client =
        new Client.Builder()
            .addEndpoint(url)
            .setUsername(config.user())
            .setPassword(config.password())
            .compressServerResponse(false)
            .compressClientRequest(false)
            .serverSetting("output_format_json_quote_64bit_integers", "0")
            .build();
    try {
      return new ClickHouse(client, url, config.database());
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The version the server reports, e.g. {@code 18.16.1}. */
  public String serverVersion() {
    return serverVersion;
  }

  public String database() {
    return database;
  }

  /** {@code `database`.`name`}, after checking {@code name} is a plain identifier. */
  public String table(String name) {
    return SqlLiteral.identifier(database) + "." + SqlLiteral.identifier(name);
  }

  /** Runs one statement that returns no rows (DDL, {@code INSERT ... VALUES}, ...). */
  public void execute(String sql) {
    try (var response = await(sql, () -> client.execute(sql))) {
      // Closing releases the connection; a command's response has nothing else to read.
    } catch (QueryException e) {
      throw e;
    } catch (Exception e) {
      throw new QueryException(sql, "closing the response failed: " + e, e);
    }
  }

  /**
   * Streams the rows of one {@code SELECT} to {@code row}, one JSON object per row. {@code FORMAT
   * JSONEachRow} is appended here: leave the FORMAT clause out of {@code sql}. UInt64 and Int64
   * arrive as JSON numbers, DateTime as {@code "YYYY-MM-DD hh:mm:ss"} in the column's zone.
   */
  public void query(String sql, Consumer<JsonNode> row) {
    String formatted = sql + "\nFORMAT JSONEachRow";
    try (QueryResponse response = await(formatted, () -> client.query(formatted));
        BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
      // One row per line: ClickHouse escapes line breaks inside values.
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isEmpty()) {
          row.accept(parseRow(formatted, line, lines));
        }
      }
    } catch (IOException e) {
      throw new QueryException(formatted, "reading the rows from " + url + " failed: " + e, e);
    } catch (QueryException e) {
      throw e;
    } catch (Exception e) {
      throw new QueryException(formatted, "closing the response from " + url + " failed: " + e, e);
    }
  }

  /**
   * A query that fails after its first rows were sent cannot change the HTTP status any more.
   * ClickHouse 18.16 then appends its error text to the rows. Newer servers may instead send it as
   * a last row {@code {"exception": "Code: ..."}} (http_write_exception_in_output_format), which is
   * caught too, although only 18.16 could be tried here.
   */
  private JsonNode parseRow(String sql, String line, BufferedReader rest) throws IOException {
    JsonNode row;
    try {
      row = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      StringBuilder text = new StringBuilder(line);
      for (String more = rest.readLine();
          more != null && text.length() < 2000;
          more = rest.readLine()) {
        text.append(' ').append(more);
      }
      throw new QueryException(sql, failedAfterRows(text.toString().strip()), e);
    }
    if (row.size() == 1 && row.path("exception").asText().startsWith("Code:")) {
      throw new QueryException(sql, failedAfterRows(row.get("exception").asText()), null);
    }
    return row;
  }

  private String failedAfterRows(String serverMessage) {
    return "ClickHouse at " + url + " failed after sending some rows: " + serverMessage;
  }

  /** All rows of a {@code SELECT} with a small result; see {@link #query(String, Consumer)}. */
  public List<JsonNode> queryRows(String sql) {
    List<JsonNode> rows = new ArrayList<>();
    query(sql, rows::add);
    return rows;
  }

  /**
   * Inserts newline-delimited JSON objects into {@code tableName} of this database. Fields the
   * table lacks fail the insert; columns missing from a row get their type's default.
   */
  public void insertJsonEachRow(String tableName, InputStream ndjson) {
    String table = table(tableName);
    String description = "INSERT INTO " + table + " FORMAT JSONEachRow";
    await(description, () -> client.insert(table, ndjson, ClickHouseFormat.JSONEachRow)).close();
  }

  /**
   * Whether the server answers a query. A query rather than the client's ping, which does not
   * answer true against 18.16.
   */
  public boolean ping() {
    try {
      queryRows("SELECT 1 AS ok");
      return true;
    } catch (QueryException e) {
      return false;
    }
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "ClickHouse[" + url + ", database=" + database + "]";
  }

  private String readVersion() {
    List<JsonNode> rows = queryRows("SELECT version() AS version");
    if (rows.size() != 1 || !rows.get(0).path("version").isTextual()) {
      throw new QueryException(
          "SELECT version()", "unexpected answer from " + url + ": " + rows, null);
    }
    return rows.get(0).get("version").asText();
  }

  private <T> T await(String sql, Supplier<CompletableFuture<T>> request) {
    try {
      return request.get().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new QueryException(sql, "ClickHouse at " + url + " failed: " + describe(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryException(sql, "interrupted while waiting for ClickHouse at " + url, e);
    } catch (RuntimeException e) {
      throw new QueryException(sql, "ClickHouse at " + url + " failed: " + describe(e), e);
    }
  }

  /** The message, and the root cause's when it says more (e.g. "Connection refused"). */
  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(failure.getMessage());
    return root == failure || message.contains(String.valueOf(root.getMessage()))
        ? message
        : message + ": " + root.getMessage();
  }
}
