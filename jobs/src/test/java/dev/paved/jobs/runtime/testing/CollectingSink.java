package dev.paved.jobs.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps every row in memory, for jobs run on a MiniCluster in the test's JVM. The rows
 * live in a static map under the sink's own id (the sink itself is serialized into the job), so
 * read them with {@link #rows()} after the job ran.
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final Map<String, Queue<Object>> ROWS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    ROWS.put(id, new ConcurrentLinkedQueue<>());
  }

  /** Every row written so far, in no particular order across parallel writers. */
  @SuppressWarnings("unchecked")
  public List<T> rows() {
    List<T> rows = new ArrayList<>();
    ROWS.get(id).forEach(row -> rows.add((T) row));
    return rows;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> rows = ROWS.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T row, Context context) {
        rows.add(row);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
