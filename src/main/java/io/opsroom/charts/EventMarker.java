package io.opsroom.charts;

/**
 * A vertical line at the moment of an event, such as a deploy that preceded an alert.
 *
 * @param epochSeconds when the event happened, in seconds since the epoch
 * @param label a short text shown at the top of the line; may be blank. The SVG shows it whole when
 *     the pointer is over the line
 * @param kind what sort of event it was ({@code deploy}, {@code change}, {@code outage}, …); an
 *     outage is drawn in the critical colour, every other kind in grey
 * @param eventId the changelog event's id, or null: with one, the SVG's line links to {@code
 *     /events/{id}}
 */
public record EventMarker(long epochSeconds, String label, String kind, Long eventId) {

  public EventMarker {
    label = label == null ? "" : label;
    kind = kind == null ? "" : kind;
  }

  /** A marker that links nowhere. */
  public EventMarker(long epochSeconds, String label, String kind) {
    this(epochSeconds, label, kind, null);
  }
}
