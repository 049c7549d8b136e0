package dev.paved.api.http;

import java.util.Locale;

/**
 * JSON or CSV: {@code format=csv} (or {@code json}) decides; without it, an {@code Accept} header
 * naming {@code text/csv} before (or without) any JSON type picks CSV. Errors are JSON whatever was
 * asked.
 */
public enum Representation {
  JSON,
  CSV;

  public static Representation choose(String format, String accept) {
    if (format != null) {
      return format.equals("csv") ? CSV : JSON;
    }
    if (accept == null) {
      return JSON;
    }
    String lower = accept.toLowerCase(Locale.ROOT);
    int csv = lower.indexOf("text/csv");
    if (csv < 0) {
      return JSON;
    }
    int json = lower.indexOf("json");
    return json < 0 || csv < json ? CSV : JSON;
  }
}
