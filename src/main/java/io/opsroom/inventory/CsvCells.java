package io.opsroom.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compact syntax of lists inside one CSV cell: entries separated by {@code ;}, and in an entry
 * {@code \;} for a semicolon and {@code \\} for a backslash. Reading never fails: whatever an entry
 * holds goes to the service, which names the entry that it cannot accept, with the same message as
 * the forms give.
 *
 * <ul>
 *   <li>ipAddresses: {@code 10.0.0.5 aa:bb:cc:dd:ee:ff lan; 2001:db8::5; 10.0.0.6 - mgmt}: the
 *       address, then the MAC or {@code -} for none, then the label.
 *   <li>contacts: {@code owner: Ada Ops <ada@example.org>; technical: bob@example.org}: the role,
 *       then the name with the address in angle brackets, or the address alone.
 *   <li>deployments: {@code web01:web; db01:database}: the server, then its role there.
 * </ul>
 */
final class CsvCells {

  private static final Pattern ROLE =
      Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s*:(.*)", Pattern.DOTALL);

  /** Tokens that a person meant as a MAC, well-formed or not: they have hex groups or colons. */
  private static final Pattern MAC_LIKE =
      Pattern.compile("(?i).*:.*|[0-9a-f]{1,4}([.-][0-9a-f]{1,4}){2,}|[0-9a-f]{12}");

  private CsvCells() {}

  /** The entries of a list cell, unescaped and trimmed; blank entries are left out. */
  static List<String> split(String cell) {
    List<String> entries = new ArrayList<>();
    if (cell == null) {
      return entries;
    }
    StringBuilder entry = new StringBuilder();
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '\\'
          && i + 1 < cell.length()
          && (cell.charAt(i + 1) == ';' || cell.charAt(i + 1) == '\\')) {
        entry.append(cell.charAt(++i));
      } else if (c == ';') {
        add(entries, entry);
      } else {
        entry.append(c);
      }
    }
    add(entries, entry);
    return entries;
  }

  private static void add(List<String> entries, StringBuilder entry) {
    String e = entry.toString().strip();
    if (!e.isEmpty()) {
      entries.add(e);
    }
    entry.setLength(0);
  }

  /** One list cell from its entries, escaped so that {@link #split} gives them back. */
  static String join(List<String> entries) {
    return join(entries, "; ");
  }

  /** The entries, escaped, joined by {@code separator} (a semicolon or a line break). */
  static String join(List<String> entries, String separator) {
    List<String> escaped = new ArrayList<>();
    for (String e : entries) {
      escaped.add(e.replace("\\", "\\\\").replace(";", "\\;"));
    }
    return String.join(separator, escaped);
  }

  static List<ServerService.IpInput> ipAddresses(String cell) {
    List<ServerService.IpInput> result = new ArrayList<>();
    for (String entry : split(cell)) {
      String[] parts = entry.split("\\s+", 2);
      String address = parts[0];
      String rest = parts.length > 1 ? parts[1] : null;
      String mac = null;
      String label = rest;
      if (rest != null) {
        String[] second = rest.split("\\s+", 2);
        if (second[0].equals("-") || MAC_LIKE.matcher(second[0]).matches()) {
          mac = second[0].equals("-") ? null : second[0];
          label = second.length > 1 ? second[1] : null;
        }
      }
      result.add(new ServerService.IpInput(address, mac, label));
    }
    return result;
  }

  static String ipAddresses(List<ServerView.IpAddressView> addresses) {
    List<String> entries = new ArrayList<>();
    for (ServerView.IpAddressView ip : addresses) {
      StringBuilder entry = new StringBuilder(ip.address() == null ? "" : ip.address());
      if (ip.mac() != null) {
        entry.append(' ').append(ip.mac());
      } else if (ip.label() != null) {
        entry.append(" -");
      }
      if (ip.label() != null) {
        entry.append(' ').append(ip.label());
      }
      entries.add(entry.toString());
    }
    return join(entries);
  }

  static List<ContactService.ContactInput> contacts(String cell) {
    List<ContactService.ContactInput> result = new ArrayList<>();
    for (String entry : split(cell)) {
      String role = null;
      String rest = entry;
      Matcher m = ROLE.matcher(entry);
      if (m.matches()) {
        role = m.group(1);
        rest = m.group(2).strip();
      }
      String name = null;
      String email = rest;
      int open = rest.lastIndexOf('<');
      if (open >= 0 && rest.endsWith(">")) {
        name = Fields.blankToNull(rest.substring(0, open));
        email = rest.substring(open + 1, rest.length() - 1).strip();
      }
      result.add(new ContactService.ContactInput(name, email, role));
    }
    return result;
  }

  static String contacts(List<ServerView.ContactRole> contacts) {
    List<String> entries = new ArrayList<>();
    for (ServerView.ContactRole c : contacts) {
      String who = c.name() == null ? c.email() : c.name() + " <" + c.email() + ">";
      entries.add(c.role() + ": " + who);
    }
    return join(entries);
  }

  static List<ApplicationService.DeploymentInput> deployments(String cell) {
    List<ApplicationService.DeploymentInput> result = new ArrayList<>();
    for (String entry : split(cell)) {
      // "web01:web", or "web01 web" as people type it into the form.
      String[] parts = entry.split("\\s*:\\s*|\\s+", 2);
      result.add(
          new ApplicationService.DeploymentInput(
              parts[0].strip(), parts.length > 1 ? parts[1].strip() : null));
    }
    return result;
  }

  static String deployments(List<ApplicationView.DeploymentView> deployments) {
    List<String> entries = new ArrayList<>();
    for (ApplicationView.DeploymentView d : deployments) {
      entries.add(d.server() + ":" + d.role());
    }
    return join(entries);
  }
}
