package dev.paved.jobs.runtime;

import dev.paved.clickhouse.ClickHouse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backfill's tables: each table is written fresh into its shadow {@code <table>__backfill} (same
 * schema), and the shadows replace the live tables only once the job has succeeded. Upserting into
 * the live tables instead would leave rows the replay no longer produces (a key a logic fix
 * removed) and let a stale row beat the replay's where a {@code version} depends on arrival order.
 *
 * <p>Tables named in {@code inPlace} (the raw {@code events}, which holds events past the log's
 * retention) are written where they are: their rows are idempotent by id.
 *
 * <p>Use: hand this to the pipelines as their {@link Tables}, then run the job inside {@link
 * #replace}.
 */
public final class FreshTables implements Tables {
  public static final String SHADOW = "__backfill";
  static final String OLD = "__old";
  private static final Logger LOG = LoggerFactory.getLogger(FreshTables.class);

  private final ClickHouseTarget target;
  private final Tables written;
  private final Set<String> inPlace;
  private final Set<String> shadowed = new LinkedHashSet<>();

  /**
   * @param target the database holding the live tables
   * @param written the sinks, by table name ({@link Tables#clickHouse} in production)
   * @param inPlace tables written where they are, not shadowed
   */
  public FreshTables(ClickHouseTarget target, Tables written, Set<String> inPlace) {
    this.target = Objects.requireNonNull(target, "target");
    this.written = Objects.requireNonNull(written, "written");
    this.inPlace = Set.copyOf(inPlace);
  }

  @Override
  public <T> Sink<T> sink(String table, Class<T> rowType) {
    if (inPlace.contains(table)) {
      return written.sink(table, rowType);
    }
    shadowed.add(table);
    return written.sink(table + SHADOW, rowType);
  }

  /** The live tables whose sinks write into shadows, in the order the sinks were asked for. */
  public List<String> shadowed() {
    return List.copyOf(shadowed);
  }

  /**
   * Creates an empty shadow of every shadowed table (replacing one a crashed run left), runs {@code
   * job} (not if a shadow cannot be created), then swaps each shadow in: {@code RENAME TABLE t TO
   * t__old, t__backfill TO t} (one statement, so readers see the old table or the new one, never
   * none) and drops the old table. If {@code job} fails, or was only submitted (a detached Flink
   * submission, still running), drops the shadows and leaves the live tables untouched.
   *
   * @return what {@code job} returned
   */
  public <T> T replace(Callable<T> job) throws Exception {
    T result;
    try {
      create();
      result = job.call();
      if (result instanceof DetachedJobExecutionResult) {
        throw new IllegalStateException(
            "the backfill was submitted detached: submit it attached (without -d), so that its"
                + " tables are swapped in when it has finished");
      }
    } catch (Exception | Error e) {
      discard(e);
      throw e;
    }
    swap();
    return result;
  }

  private void create() {
    try (ClickHouse clickhouse = target.connect()) {
      for (String table : shadowed) {
        clickhouse.execute("DROP TABLE IF EXISTS " + clickhouse.table(table + SHADOW));
        clickhouse.execute(
            "CREATE TABLE " + clickhouse.table(table + SHADOW) + " AS " + clickhouse.table(table));
      }
    }
  }

  private void swap() {
    try (ClickHouse clickhouse = target.connect()) {
      for (String table : shadowed) {
        String live = clickhouse.table(table);
        String old = clickhouse.table(table + OLD);
        clickhouse.execute("DROP TABLE IF EXISTS " + old);
        clickhouse.execute(
            "RENAME TABLE "
                + live
                + " TO "
                + old
                + ", "
                + clickhouse.table(table + SHADOW)
                + " TO "
                + live);
        clickhouse.execute("DROP TABLE " + old);
      }
    }
    LOG.info("Backfill swapped in fresh {}", shadowed);
  }

  private void discard(Throwable failure) {
    try (ClickHouse clickhouse = target.connect()) {
      for (String table : shadowed) {
        clickhouse.execute("DROP TABLE IF EXISTS " + clickhouse.table(table + SHADOW));
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public String toString() {
    return "FreshTables(" + target + ", in place " + inPlace + ")";
  }
}
