package io.opsroom.charts;

/**
 * A vertical line at the moment of an event, such as a deploy that preceded an alert.
 *
 * @param epochSeconds when the event happened, in seconds since the epoch
 * @param label a short text shown at the top of the line; may be blank
 * @param kind what sort of event it was ({@code deploy}, {@code change}, {@code outage}, …); an
 *     outage is drawn in the critical colour, every other kind in grey
 */
public record EventMarker(long epochSeconds, String label, String kind) {

  public EventMarker {
    label = label == null ? "" : label;
    kind = kind == null ? "" : kind;
  }
}
