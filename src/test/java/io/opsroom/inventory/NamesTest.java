package io.opsroom.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wiki.example.org",
        "a.b",
        "x1-y2.example.org",
        "wiki.example.org.",
        "123.example.org"
      })
  void acceptsRfc1123AliasNames(String name) {
    assertNull(Names.aliasProblem(Names.canonicalHostname(name)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wiki", "wiki example.org", "wiki.example.org\r\nBcc: x@y", "-wiki.example.org",
        "wiki-.example.org", "wiki..example.org", ".wiki.example.org", "wiki.example.123",
        "wi_ki.example.org", "wïki.example.org", "wiki.example.org\t"
      })
  void refusesEverythingElse(String name) {
    assertNotNull(Names.aliasProblem(name), name);
  }

  @Test
  void refusesOverlongLabelsAndNames() {
    assertNotNull(Names.aliasProblem("a".repeat(64) + ".example.org"));
    assertNull(Names.aliasProblem("a".repeat(63) + ".example.org"));
    String longName = ("a".repeat(60) + ".").repeat(5) + "org";
    assertTrue(longName.length() > 253);
    assertNotNull(Names.aliasProblem(longName));
  }

  @Test
  void serverNamesMayBeShort() {
    assertNull(Names.serverNameProblem("web01"));
    assertNotNull(Names.serverNameProblem("web 01"));
    assertNotNull(Names.serverNameProblem(""));
  }

  @Test
  void domainsMatchWholeLabels() {
    assertTrue(Names.inDomain("wiki.example.org", "example.org"));
    assertTrue(Names.inDomain("example.org", "Example.org."));
    assertFalse(Names.inDomain("wiki.badexample.org", "example.org"));
  }

  @Test
  void ipAndMacAddressesAreCanonicalAndNeverLookedUp() {
    assertEquals(Optional.of("10.0.0.1"), NetworkAddresses.ip(" 10.0.0.1 "));
    assertEquals(Optional.of("2001:db8::1"), NetworkAddresses.ip("2001:DB8::1"));
    assertEquals(Optional.empty(), NetworkAddresses.ip("10.0.0.256"));
    assertEquals(Optional.empty(), NetworkAddresses.ip("010.0.0.1"));
    assertEquals(Optional.empty(), NetworkAddresses.ip("localhost"));
    assertEquals(Optional.empty(), NetworkAddresses.ip("example.org"));
    assertEquals(Optional.empty(), NetworkAddresses.ip("fe80::1%eth0"));
    assertEquals(Optional.of("aa:bb:cc:00:11:22"), NetworkAddresses.mac("AA-BB-CC-00-11-22"));
    assertEquals(Optional.of("aa:bb:cc:00:11:22"), NetworkAddresses.mac("aabb.cc00.1122"));
    assertEquals(Optional.empty(), NetworkAddresses.mac("aa:bb:cc:00:11"));
  }

  @Test
  void listSyntaxReadsTextBoxesAndCsvCells() {
    var ips =
        ListSyntax.addresses("10.0.0.5 aa:bb:cc:dd:ee:ff lan\n2001:db8::5 public uplink; 10.0.0.6");
    assertEquals(3, ips.size());
    assertEquals(new ServerService.IpInput("10.0.0.5", "aa:bb:cc:dd:ee:ff", "lan"), ips.get(0));
    assertEquals(new ServerService.IpInput("2001:db8::5", null, "public uplink"), ips.get(1));
    assertEquals(new ServerService.IpInput("10.0.0.6", null, null), ips.get(2));

    var contacts =
        ListSyntax.contacts(
            "owner: Ada Ops <ada@example.org>\nbob@example.org; business: <c@example.org>");
    assertEquals(
        new ContactService.ContactInput("Ada Ops", "ada@example.org", "owner"), contacts.get(0));
    assertEquals(new ContactService.ContactInput(null, "bob@example.org", null), contacts.get(1));
    assertEquals(
        new ContactService.ContactInput(null, "c@example.org", "business"), contacts.get(2));

    var deployments = ListSyntax.deployments("web01:web\ndb01 database; cache01");
    assertEquals(
        List.of(
            new ApplicationService.DeploymentInput("web01", "web"),
            new ApplicationService.DeploymentInput("db01", "database"),
            new ApplicationService.DeploymentInput("cache01", null)),
        deployments);
  }

  @Test
  void listSyntaxRoundTrips() {
    var ips = List.of(new ServerView.IpAddressView("10.0.0.5", "aa:bb:cc:dd:ee:ff", "lan"));
    assertEquals(
        new ServerService.IpInput("10.0.0.5", "aa:bb:cc:dd:ee:ff", "lan"),
        ListSyntax.addresses(ListSyntax.formatAddresses(ips)).get(0));
    var contacts = List.of(new ServerView.ContactRole("Ada Ops", "ada@example.org", "owner"));
    assertEquals(
        new ContactService.ContactInput("Ada Ops", "ada@example.org", "owner"),
        ListSyntax.contacts(ListSyntax.formatContacts(contacts)).get(0));
  }

  @Test
  void changedKeysCompareSnapshots() {
    assertEquals(
        List.of("cpus", "os"),
        ChangeRecorder.changedKeys(
            Map.of("os", "a", "cpus", 1, "name", "x"), Map.of("os", "b", "cpus", 2, "name", "x")));
    assertEquals(List.of(), ChangeRecorder.changedKeys(Map.of("os", "a"), Map.of("os", "a")));
  }
}
