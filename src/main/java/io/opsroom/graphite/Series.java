package io.opsroom.graphite;

import java.util.List;
import java.util.Map;

/**
 * One series Graphite returned for a target: its name (the resolved metric path or the function
 * expression, as Graphite names it), its tags and its points in time order.
 */
public record Series(String name, Map<String, String> tags, List<DataPoint> points) {

  public Series {
    tags = Map.copyOf(tags);
    points = List.copyOf(points);
  }

  /** Whether any point holds a value; a series of nulls only has no data in its window. */
  public boolean hasData() {
    return points.stream().anyMatch(DataPoint::hasValue);
  }
}
