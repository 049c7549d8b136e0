package dev.paved.api.http;

/** One bad query parameter: which, and why, as RFC 9457's {@code invalid_params} lists them. */
public record InvalidParam(String name, String reason) {}
