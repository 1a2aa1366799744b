package io.opsroom.inventory;

/** A location as the API shows it, with how many servers it holds. */
public record LocationView(String name, String provider, String description, long servers) {

  public static LocationView of(Location l, long servers) {
    return new LocationView(l.name, l.provider, l.description, servers);
  }
}
