package io.opsroom.platform;

/** Whole numbers from query strings (page, perPage), refused by name when they make no sense. */
public final class QueryNumbers {

  private QueryNumbers() {}

  /**
   * The number in {@code value}, from 1 to {@code max}; {@code fallback} when it is absent or
   * blank. Anything else is refused with an {@link InvalidInputException} naming {@code field}.
   */
  public static int positive(String field, String value, int fallback, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInputException.field(
        field,
        "Use a whole number from 1" + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ".");
  }
}
