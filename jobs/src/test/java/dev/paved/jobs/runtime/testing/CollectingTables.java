package dev.paved.jobs.runtime.testing;

import dev.paved.jobs.runtime.Tables;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;

/** {@link Tables} whose sinks collect rows in memory: hand it to pipelines under test. */
public final class CollectingTables implements Tables {
  private final Map<String, CollectingSink<?>> sinks = new ConcurrentHashMap<>();

  @Override
  public <T> Sink<T> sink(String table, Class<T> rowType) {
    return sinkOf(table);
  }

  /** The rows written into {@code table}. */
  public <T> List<T> rows(String table, Class<T> rowType) {
    return this.<T>sinkOf(table).rows();
  }

  @SuppressWarnings("unchecked")
  private <T> CollectingSink<T> sinkOf(String table) {
    return (CollectingSink<T>) sinks.computeIfAbsent(table, name -> new CollectingSink<>());
  }
}
