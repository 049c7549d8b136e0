package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  private static final String OLD_JOB = "0123456789abcdef0123456789abcdef";
  private static final String NEW_JOB = "fedcba9876543210fedcba9876543210";
  private static final String FAILED_JOB = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  @TempDir Path directory;

  @Test
  void noDirectoryOrNoCompleteCheckpointMeansNone() throws IOException {
    assertEquals(Optional.empty(), Checkpoints.newest(directory.resolve("missing")));
    Files.createDirectories(directory.resolve(FAILED_JOB).resolve("chk-1"));
    assertEquals(Optional.empty(), Checkpoints.newest(directory));
  }

  @Test
  void theNewestCompleteCheckpointOfAnyJobWins() throws IOException {
    checkpoint(OLD_JOB, 7, 1_000);
    Path newest = checkpoint(NEW_JOB, 2, 2_000);
    // Started after the newest, never completed.
    Files.createDirectories(directory.resolve(NEW_JOB).resolve("chk-3"));
    assertEquals(Optional.of(newest), Checkpoints.newest(directory));
  }

  @Test
  void everyOtherJobDirectoryIsRemoved() throws IOException {
    checkpoint(OLD_JOB, 7, 1_000);
    Path newest = checkpoint(NEW_JOB, 2, 2_000);
    Files.createDirectories(directory.resolve(FAILED_JOB).resolve("shared"));
    Files.createDirectories(directory.resolve("not-a-job"));

    Checkpoints.removeAllBut(directory, Optional.of(newest));

    assertTrue(Files.exists(newest.resolve("_metadata")));
    assertFalse(Files.exists(directory.resolve(OLD_JOB)));
    assertFalse(Files.exists(directory.resolve(FAILED_JOB)));
    assertTrue(Files.exists(directory.resolve("not-a-job")), "only job directories are touched");
  }

  @Test
  void localDirectoryOnlyForFileUris() {
    assertEquals(
        Optional.of(Path.of("/var/paved/cp")), Checkpoints.localDirectory("file:///var/paved/cp"));
    assertEquals(Optional.empty(), Checkpoints.localDirectory("s3://bucket/cp"));
  }

  private Path checkpoint(String job, int number, long modified) throws IOException {
    Path checkpoint = directory.resolve(job).resolve("chk-" + number);
    Files.createDirectories(checkpoint);
    Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "x");
    Files.setLastModifiedTime(metadata, FileTime.fromMillis(modified));
    return checkpoint;
  }
}
