package io.opsroom.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

  @Test
  void splitsOnSemicolonsAndUnescapes() {
    assertEquals(List.of("a;b", "c\\", "d"), CsvCells.split("a\\;b; c\\\\; ;d;"));
    assertEquals(List.of("C:\\path"), CsvCells.split("C:\\path"));
    assertEquals(List.of(), CsvCells.split("  "));
    assertEquals(List.of(), CsvCells.split(null));
    List<String> awkward = List.of("a;b", "back\\slash", "end\\");
    assertEquals(awkward, CsvCells.split(CsvCells.join(awkward)));
  }

  @Test
  void readsAddressesWithOptionalMacAndLabel() {
    assertEquals(
        List.of(
            new ServerService.IpInput("10.0.0.5", "aa:bb:cc:dd:ee:ff", "lan"),
            new ServerService.IpInput("2001:db8::5", null, null),
            new ServerService.IpInput("10.0.0.6", null, "mgmt net"),
            new ServerService.IpInput("10.0.0.7", null, "backup"),
            new ServerService.IpInput("10.0.0.8", "AA-BB-CC", null)),
        CsvCells.ipAddresses(
            "10.0.0.5 aa:bb:cc:dd:ee:ff lan; 2001:db8::5;10.0.0.6 - mgmt net; 10.0.0.7 backup;"
                + " 10.0.0.8 AA-BB-CC"));
  }

  @Test
  void writesAddressesThatReadBackTheSame() {
    List<ServerView.IpAddressView> addresses =
        List.of(
            new ServerView.IpAddressView("10.0.0.5", "aa:bb:cc:dd:ee:ff", "lan"),
            new ServerView.IpAddressView("10.0.0.6", null, "aa:bb; odd label"),
            new ServerView.IpAddressView("2001:db8::5", null, null));
    String cell = CsvCells.ipAddresses(addresses);
    assertEquals(
        "10.0.0.5 aa:bb:cc:dd:ee:ff lan; 10.0.0.6 - aa:bb\\; odd label; 2001:db8::5", cell);
    assertEquals(
        addresses.stream()
            .map(ip -> new ServerService.IpInput(ip.address(), ip.mac(), ip.label()))
            .toList(),
        CsvCells.ipAddresses(cell));
  }

  @Test
  void readsContactsWithRoleNameAndEmail() {
    assertEquals(
        List.of(
            new ContactService.ContactInput("Ada Ops", "ada@example.org", "owner"),
            new ContactService.ContactInput(null, "bob@example.org", "technical"),
            new ContactService.ContactInput("Carol", "carol@example.org", null),
            new ContactService.ContactInput(null, "Dave <dave@example", null)),
        CsvCells.contacts(
            "owner: Ada Ops <ada@example.org>; technical:bob@example.org; Carol"
                + " <carol@example.org>; Dave <dave@example"));
  }

  @Test
  void writesContactsThatReadBackTheSame() {
    List<ServerView.ContactRole> contacts =
        List.of(
            new ServerView.ContactRole("Dr. No: <Evil>; Inc", "no@example.org", "business"),
            new ServerView.ContactRole(null, "ops@example.org", "technical"));
    String cell = CsvCells.contacts(contacts);
    assertEquals(
        "business: Dr. No: <Evil>\\; Inc <no@example.org>; technical: ops@example.org", cell);
    assertEquals(
        contacts.stream()
            .map(c -> new ContactService.ContactInput(c.name(), c.email(), c.role()))
            .toList(),
        CsvCells.contacts(cell));
  }

  @Test
  void readsAndWritesDeployments() {
    assertEquals(
        List.of(
            new ApplicationService.DeploymentInput("web01", "web"),
            new ApplicationService.DeploymentInput("db01", "database"),
            new ApplicationService.DeploymentInput("cache01", null)),
        CsvCells.deployments("web01:web; db01 : database; cache01"));
    assertEquals(
        "web01:web; db01:database",
        CsvCells.deployments(
            List.of(
                new ApplicationView.DeploymentView("web01", "web"),
                new ApplicationView.DeploymentView("db01", "database"))));
  }
}
