package io.opsroom.inventory;

import java.util.List;

/**
 * The list text boxes of the server and application forms: one entry per line, each entry in the
 * same syntax as in a CSV cell ({@link CsvCells}), so a line copied from an export works in the
 * form and the other way round. Semicolons separate entries too.
 */
final class ListSyntax {

  private ListSyntax() {}

  static List<ServerService.IpInput> addresses(String text) {
    return CsvCells.ipAddresses(asCell(text));
  }

  static List<ContactService.ContactInput> contacts(String text) {
    return CsvCells.contacts(asCell(text));
  }

  static List<ApplicationService.DeploymentInput> deployments(String text) {
    return CsvCells.deployments(asCell(text));
  }

  static String formatAddresses(List<ServerView.IpAddressView> addresses) {
    return asLines(CsvCells.ipAddresses(addresses));
  }

  static String formatContacts(List<ServerView.ContactRole> contacts) {
    return asLines(CsvCells.contacts(contacts));
  }

  static String formatDeployments(List<ApplicationView.DeploymentView> deployments) {
    return asLines(CsvCells.deployments(deployments));
  }

  /** Line breaks separate entries just as semicolons do in a cell. */
  private static String asCell(String text) {
    return text == null ? null : text.replaceAll("\\r\\n|\\r|\\n", ";");
  }

  private static String asLines(String cell) {
    return CsvCells.join(CsvCells.split(cell), "\n");
  }
}
