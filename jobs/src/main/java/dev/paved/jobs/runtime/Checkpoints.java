package dev.paved.jobs.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints a local job left in its checkpoint directory: Flink writes {@code <dir>/<job
 * id>/chk-<n>/_metadata}, the metadata file last, so a checkpoint with one is complete. A new job
 * has a new id, so a restarted job resumes from the newest complete checkpoint of any earlier job
 * ({@link #newest}), which it then claims, and older job directories are removed ({@link
 * #removeAllBut}).
 */
public final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern CHECKPOINT = Pattern.compile("chk-[0-9]+");

  private Checkpoints() {}

  /** The local directory of a {@code file:} URI; empty for other file systems. */
  public static Optional<Path> localDirectory(String uri) {
    URI parsed = URI.create(uri);
    return "file".equals(parsed.getScheme()) ? Optional.of(Path.of(parsed)) : Optional.empty();
  }

  /** The newest complete checkpoint under {@code directory} (a {@code chk-<n>} directory). */
  public static Optional<Path> newest(Path directory) {
    return completed(directory).max(Comparator.comparing(Checkpoints::completedAt));
  }

  /**
   * Deletes every job directory under {@code directory} but the one holding {@code keep}: earlier
   * jobs' checkpoints, and jobs that never completed one.
   */
  public static void removeAllBut(Path directory, Optional<Path> keep) {
    Optional<Path> keepJob = keep.map(Path::getParent);
    for (Path job : jobDirectories(directory)) {
      if (keepJob.isEmpty() || !job.equals(keepJob.get())) {
        LOG.info("Removing the checkpoints of an earlier run: {}", job);
        deleteRecursively(job);
      }
    }
  }

  private static Stream<Path> completed(Path directory) {
    return jobDirectories(directory).stream()
        .flatMap(Checkpoints::list)
        .filter(path -> CHECKPOINT.matcher(path.getFileName().toString()).matches())
        .filter(path -> Files.isRegularFile(path.resolve("_metadata")));
  }

  private static List<Path> jobDirectories(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    return list(directory)
        .filter(Files::isDirectory)
        .filter(path -> JOB_ID.matcher(path.getFileName().toString()).matches())
        .toList();
  }

  private static FileTime completedAt(Path checkpoint) {
    try {
      return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static Stream<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("Cannot remove {}: {}", root, e.toString());
    }
  }
}
