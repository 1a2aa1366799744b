package io.opsroom.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that was refused before anything was written: field name to message. Forms show each
 * message at its field; the API answers 400 (or 409 for a conflict with existing data) as JSON.
 */
public class InvalidInputException extends RuntimeException {

  private final int status;
  private final Map<String, String> fieldErrors;

  public InvalidInputException(int status, Map<String, String> fieldErrors) {
    super(summary(fieldErrors));
    this.status = status;
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
  }

  public static InvalidInputException field(String field, String message) {
    return new InvalidInputException(400, Map.of(field, message));
  }

  public static InvalidInputException conflict(String field, String message) {
    return new InvalidInputException(409, Map.of(field, message));
  }

  public int status() {
    return status;
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  private static String summary(Map<String, String> fieldErrors) {
    if (fieldErrors.size() == 1) {
      return fieldErrors.values().iterator().next();
    }
    return "The input has " + fieldErrors.size() + " problems.";
  }

  /** Collects every problem of one input, so the user sees them all at once. */
  public static final class Collector {
    private final Map<String, String> errors = new LinkedHashMap<>();

    /** Records {@code message} for {@code field} unless the field already has a message. */
    public Collector check(boolean ok, String field, String message) {
      if (!ok) {
        errors.putIfAbsent(field, message);
      }
      return this;
    }

    public boolean has(String field) {
      return errors.containsKey(field);
    }

    public void throwIfAny() {
      if (!errors.isEmpty()) {
        throw new InvalidInputException(400, errors);
      }
    }
  }
}
