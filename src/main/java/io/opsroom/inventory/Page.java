package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a filtered list, as the API returns it: the items, how many match in all, and where
 * this page is. Page numbers start at 1.
 */
public record Page<T>(long count, int page, int perPage, List<T> items) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 500;

  /** The requested page number and size, checked. */
  public record Request(int page, int perPage) {

    public static Request parse(String page, String perPage) {
      return new Request(
          number("page", page, 1, Integer.MAX_VALUE, 1),
          number("perPage", perPage, 1, MAX_SIZE, DEFAULT_SIZE));
    }

    private static int number(String field, String value, int min, int max, int fallback) {
      if (value == null || value.isBlank()) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(value.strip());
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw InvalidInputException.field(
          field,
          "Use a whole number from "
              + min
              + (max == Integer.MAX_VALUE ? " up" : " to " + max)
              + ".");
    }

    public int offset() {
      return (page - 1) * perPage;
    }
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(count, page, perPage, items.stream().map(mapper).toList());
  }

  public int pages() {
    return (int) Math.max(1, (count + perPage - 1) / perPage);
  }

  public boolean hasNext() {
    return page < pages();
  }

  public boolean hasPrevious() {
    return page > 1;
  }
}
