package io.opsroom.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The compact text forms of a server's addresses, an object's contacts and an application's
 * deployments, as typed into a form's text box (one item per line) or a CSV cell (items separated
 * by semicolons). Parsing never rejects: the services judge what it yields, with their messages.
 *
 * <ul>
 *   <li>addresses: {@code 10.0.0.5 aa:bb:cc:dd:ee:ff lan} — address, optional MAC, optional label
 *   <li>contacts: {@code owner: Ada Ops <ada@example.org>} — optional role, optional name, email
 *   <li>deployments: {@code web01 web} or {@code web01:web} — server, optional role
 * </ul>
 */
public final class ListSyntax {

  private static final Pattern ITEM_SEPARATOR = Pattern.compile("[\\r\\n;]+");
  private static final Pattern MAC_LIKE =
      Pattern.compile(
          "(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}");
  private static final Pattern ROLE_PREFIX = Pattern.compile("^([A-Za-z-]+)\\s*:\\s*(.*)$");
  private static final Pattern NAME_AND_EMAIL = Pattern.compile("^(.*?)\\s*<([^>]*)>\\s*$");

  private ListSyntax() {}

  static List<String> items(String text) {
    List<String> items = new ArrayList<>();
    if (text == null) {
      return items;
    }
    for (String item : ITEM_SEPARATOR.split(text)) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  public static List<ServerService.IpInput> addresses(String text) {
    List<ServerService.IpInput> result = new ArrayList<>();
    for (String item : items(text)) {
      String[] words = item.split("\\s+", 3);
      String mac = null;
      String label;
      if (words.length > 1 && MAC_LIKE.matcher(words[1]).matches()) {
        mac = words[1];
        label = words.length > 2 ? words[2] : null;
      } else {
        label = item.substring(words[0].length()).strip();
      }
      result.add(
          new ServerService.IpInput(
              words[0], mac, label == null || label.isEmpty() ? null : label));
    }
    return result;
  }

  public static List<ContactService.ContactInput> contacts(String text) {
    List<ContactService.ContactInput> result = new ArrayList<>();
    for (String item : items(text)) {
      String role = null;
      String rest = item;
      Matcher prefix = ROLE_PREFIX.matcher(item);
      if (prefix.matches() && !prefix.group(1).contains("@")) {
        role = prefix.group(1);
        rest = prefix.group(2);
      }
      Matcher named = NAME_AND_EMAIL.matcher(rest);
      if (named.matches()) {
        String name = named.group(1).strip();
        result.add(
            new ContactService.ContactInput(
                name.isEmpty() ? null : name, named.group(2).strip(), role));
      } else {
        result.add(new ContactService.ContactInput(null, rest.strip(), role));
      }
    }
    return result;
  }

  public static List<ApplicationService.DeploymentInput> deployments(String text) {
    List<ApplicationService.DeploymentInput> result = new ArrayList<>();
    for (String item : items(text)) {
      String[] words = item.split("[\\s:]+", 2);
      result.add(
          new ApplicationService.DeploymentInput(
              words[0], words.length > 1 ? words[1].strip() : null));
    }
    return result;
  }

  /** The addresses of a server, one per line (or joined by {@code separator}). */
  public static String formatAddresses(List<ServerView.IpAddressView> addresses, String separator) {
    return addresses.stream()
        .map(
            ip ->
                ip.address()
                    + (ip.mac() == null ? "" : " " + ip.mac())
                    + (ip.label() == null ? "" : " " + ip.label()))
        .collect(Collectors.joining(separator));
  }

  public static String formatContacts(List<ServerView.ContactRole> contacts, String separator) {
    return contacts.stream()
        .map(
            c -> c.role() + ": " + (c.name() == null ? "" : c.name() + " ") + "<" + c.email() + ">")
        .collect(Collectors.joining(separator));
  }

  public static String formatDeployments(
      List<ApplicationView.DeploymentView> deployments, String separator) {
    return deployments.stream()
        .map(d -> d.server() + ":" + d.role())
        .collect(Collectors.joining(separator));
  }
}
