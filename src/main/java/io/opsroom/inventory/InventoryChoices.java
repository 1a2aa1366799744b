package io.opsroom.inventory;

import io.quarkus.qute.TemplateGlobal;
import java.util.List;

/** The fixed choices of inventory forms and filters, available to every template by name. */
@TemplateGlobal
public class InventoryChoices {

  static List<String> serverKinds = Server.KINDS;
  static List<String> serverStatuses = Server.STATUSES;
  static List<String> applicationStatuses = Application.STATUSES;
  static List<String> aliasStatuses = DnsAlias.STATUSES;
}
