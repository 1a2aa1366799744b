package io.opsroom.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP and MAC addresses into one canonical spelling, without ever asking DNS. */
public final class NetworkAddresses {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
  private static final Pattern MAC =
      Pattern.compile("[0-9a-f]{2}([:-][0-9a-f]{2}){5}|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}");

  private NetworkAddresses() {}

  /** The canonical form of an IPv4 or IPv6 address, or empty if {@code value} is not one. */
  public static Optional<String> ip(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    if (IPV4.matcher(v).matches()) {
      return Optional.of(v);
    }
    // Only a literal with a colon is handed to InetAddress: anything else would be a DNS lookup.
    if (v.contains(":") && IPV6_CHARS.matcher(v).matches()) {
      try {
        InetAddress.getByName(v);
        // Kept as written (lower-cased): "::1" reads better than Java's "0:0:0:0:0:0:0:1".
        return Optional.of(v.toLowerCase(Locale.ROOT));
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The canonical form of a MAC address (lower-case, colon-separated), or empty. */
  public static Optional<String> mac(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!MAC.matcher(v).matches()) {
      return Optional.empty();
    }
    String hex = v.replaceAll("[:.-]", "");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return Optional.of(out.toString());
  }
}
