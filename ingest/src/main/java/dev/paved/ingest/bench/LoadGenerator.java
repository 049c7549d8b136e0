package dev.paved.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's sender, run as a process of its own so that it does not share the server's heap
 * or JIT: posts to ingest over loopback on keep-alive connections and prints one line, {@code
 * RESULT {json}}, with what it measured.
 *
 * <ul>
 *   <li>{@code batch}: NDJSON batches of {@code --batch} events, each connection posting the next
 *       as soon as the previous was answered;
 *   <li>{@code single}: one event a request (a JSON object), the same way;
 *   <li>{@code paced}: one event a request at {@code --rate} requests/s in all, on a fixed
 *       schedule; latency counts from when a request was due, so a stalled server cannot hide its
 *       backlog.
 * </ul>
 */
public final class LoadGenerator {
  /** Printed when the measured interval starts and ends, so the parent can read its own CPU. */
  static final String MEASURE_FROM = "MEASURE_FROM";

  static final String MEASURE_TO = "MEASURE_TO";

  private LoadGenerator() {}

  /** CPU time of this whole process, all threads, in nanoseconds. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String mode = options.getOrDefault("mode", "batch");
    String[] hostPort = options.get("target").split(":");
    String token = options.get("token");
    int connections = Integer.parseInt(options.getOrDefault("connections", "8"));
    double warmup = Double.parseDouble(options.getOrDefault("warmup", "3"));
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
    int batch = Integer.parseInt(options.getOrDefault("batch", "1000"));
    double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
    String stream = options.getOrDefault("stream", mode.substring(0, 1));
    BenchEvents events =
        new BenchEvents(
            Long.parseLong(options.getOrDefault("seed", "1")),
            Integer.parseInt(options.getOrDefault("event-bytes", "300")));

    long[] cpuAtStart = new long[1];
    long[] cpuAtEnd = new long[1];
    AtomicLong sequence = new AtomicLong();
    long start = System.nanoTime() + 200_000_000L;
    long measureFrom = start + (long) (warmup * 1e9);
    long measureTo = measureFrom + (long) (seconds * 1e9);
    LongAdder acknowledgedEvents = new LongAdder();
    LongAdder requests = new LongAdder();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    List<Latencies> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Latencies mine = new Latencies();
      latencies.add(mine);
      long interval = rate > 0 ? (long) (connections * 1e9 / rate) : 0;
      long firstDue = start + (rate > 0 ? c * interval / connections : 0);
      Thread thread =
          new Thread(
              () -> {
                try (HttpConnection http =
                    new HttpConnection(hostPort[0], Integer.parseInt(hostPort[1]))) {
                  long due = firstDue;
                  while (true) {
                    long now = System.nanoTime();
                    if (interval > 0) {
                      while (now < due) {
                        long wait = due - now;
                        if (wait > 200_000) {
                          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } else {
                          Thread.onSpinWait();
                        }
                        now = System.nanoTime();
                      }
                    } else {
                      due = now;
                    }
                    if (due >= measureTo) {
                      return;
                    }
                    int count = mode.equals("batch") ? batch : 1;
                    long first = sequence.getAndAdd(count);
                    byte[] body =
                        mode.equals("batch")
                            ? events.ndjson(stream, first, count)
                            : events.single(stream, first);
                    int status =
                        http.post(
                            "/v1/events",
                            token,
                            mode.equals("batch") ? "application/x-ndjson" : "application/json",
                            body);
                    long done = System.nanoTime();
                    if (due >= measureFrom && done <= measureTo) {
                      mine.add(done - due);
                      requests.increment();
                      statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                      if (status / 100 == 2) {
                        acknowledgedEvents.add(count);
                      }
                    }
                    due += interval;
                  }
                } catch (IOException e) {
                  System.err.println("load connection failed: " + e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "load-" + c);
      threads.add(thread);
      thread.start();
    }
    Thread marks =
        new Thread(
            () -> {
              try {
                sleepUntil(measureFrom);
                System.out.println(MEASURE_FROM);
                System.out.flush();
                cpuAtStart[0] = cpuNanos();
                sleepUntil(measureTo);
                cpuAtEnd[0] = cpuNanos();
                System.out.println(MEASURE_TO);
                System.out.flush();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "marks");
    marks.start();
    for (Thread thread : threads) {
      thread.join();
    }
    marks.join();

    Latencies all = Latencies.merge(latencies);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("mode", mode);
    result.put("connections", connections);
    result.put("seconds", seconds);
    result.put("requests", requests.sum());
    result.put("events", acknowledgedEvents.sum());
    result.put("events_per_second", acknowledgedEvents.sum() / seconds);
    result.put("requests_per_second", requests.sum() / seconds);
    result.put("offered_per_second", rate);
    result.put("p50_ms", all.millis(0.50));
    result.put("p99_ms", all.millis(0.99));
    result.put("max_ms", all.millis(1.0));
    Map<String, Long> byStatus = new TreeMap<>();
    statuses.forEach((status, count) -> byStatus.put(Integer.toString(status), count.sum()));
    result.put("statuses", byStatus);
    result.put("event_bytes", events.averageBytes());
    result.put("cpu_seconds", (cpuAtEnd[0] - cpuAtStart[0]) / 1e9);
    System.out.println("RESULT " + new ObjectMapper().writeValueAsString(result));
  }
}
