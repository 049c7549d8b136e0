package dev.paved.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Raw setting values resolved from, in order of precedence: environment variables, an optional
 * properties file (keys as in {@link Setting#key()}), then defaults. Typed sections read from it
 * and turn bad values into a {@link ConfigException} that names the setting.
 */
public final class SettingValues {
  private final Map<String, String> environment;
  private final Map<String, String> file;

  private SettingValues(Map<String, String> environment, Map<String, String> file) {
    this.environment = Map.copyOf(environment);
    this.file = Map.copyOf(file);
  }

  public static SettingValues of(Map<String, String> environment, Map<String, String> file) {
    for (String key : file.keySet()) {
      if (Settings.ALL.stream().noneMatch(s -> s.key().equals(key))) {
        throw new ConfigException(key + ": unknown setting in the settings file");
      }
    }
    return new SettingValues(environment, file);
  }

  /** Reads {@code PAVED_CONFIG} (a properties file) when set, else only the environment. */
  public static SettingValues fromEnvironment(Map<String, String> environment) {
    String path = environment.get("PAVED_CONFIG");
    if (path == null || path.isBlank()) {
      return of(environment, Map.of());
    }
    return of(environment, readProperties(Path.of(path)));
  }

  private static Map<String, String> readProperties(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException("PAVED_CONFIG: cannot read settings file " + path + ": " + e);
    }
    Map<String, String> values = new HashMap<>();
    properties.forEach((k, v) -> values.put(k.toString().trim(), v.toString().trim()));
    return values;
  }

  public String string(Setting setting) {
    String fromEnvironment = environment.get(setting.environmentVariable());
    if (fromEnvironment != null) {
      return fromEnvironment.trim();
    }
    return file.getOrDefault(setting.key(), setting.defaultValue());
  }

  public int integer(Setting setting, int min, int max) {
    String raw = string(setting);
    try {
      int value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new ConfigException(
            describe(setting) + ": must be between " + min + " and " + max + " (got " + raw + ")");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(describe(setting) + ": must be an integer (got \"" + raw + "\")");
    }
  }

  public long longInteger(Setting setting, long min) {
    String raw = string(setting);
    try {
      long value = Long.parseLong(raw);
      if (value < min) {
        throw new ConfigException(describe(setting) + ": must be at least " + min);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(describe(setting) + ": must be an integer (got \"" + raw + "\")");
    }
  }

  static String describe(Setting setting) {
    return setting.environmentVariable() + " (" + setting.key() + ")";
  }
}
