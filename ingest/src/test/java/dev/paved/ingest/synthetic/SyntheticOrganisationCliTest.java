package dev.paved.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticOrganisationCliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void writesTheChosenShapeAndSaysHowMuch(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("tiny.ndjson");
    int status = run("--shape", "tiny", "--seed", "9", "--out", file.toString());
    assertEquals(0, status, text(err));
    long lines = Files.readAllLines(file).size();
    String report = text(out);
    assertTrue(
        report.startsWith("wrote " + lines + " events, " + Files.size(file) + " bytes"), report);
  }

  @Test
  void refusesUnknownShapesAndMissingOutput() throws IOException {
    assertEquals(2, run("--shape", "huge", "--out", "x.ndjson"));
    assertTrue(text(err).contains("unknown shape huge"), text(err));
    assertEquals(2, run("--shape", "tiny"));
    assertEquals(2, run("--seed"));
  }

  private int run(String... args) throws IOException {
    return SyntheticOrganisationCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
