package io.opsroom.inventory;

import io.opsroom.inventory.AliasService.AliasRequest;
import io.opsroom.inventory.ApplicationService.ApplicationInput;
import io.opsroom.inventory.ApplicationService.DeploymentInput;
import io.opsroom.inventory.ContactService.ContactInput;
import io.opsroom.inventory.LocationService.LocationInput;
import io.opsroom.inventory.ServerService.IpInput;
import io.opsroom.inventory.ServerService.ServerInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inventory that dev mode starts with: a small team's own datacenter, a rack at the university,
 * Linode and AWS. One line per object, in the order {@link SampleInventory} creates them (hosts
 * before their VMs, servers before the applications deployed on them).
 *
 * <p>The data is Java rather than a CSV or JSON resource because it is built from the services' own
 * input records: a renamed field breaks the build instead of the next dev start, no parser is
 * needed for data that only ever seeds, and the alias workflow (request, confirm, change, retire)
 * and the markdown notes are steps and text blocks, which a table format would have to encode.
 *
 * <p>Addresses come from private (RFC 1918) and documentation ranges (192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), names from example.org, example.net and
 * example.edu, so nothing here points at a real machine or person.
 */
final class SampleInventoryData {

  private SampleInventoryData() {}

  // --- People ----------------------------------------------------------------------------------

  private static final ContactInput MARIA_OWNER =
      new ContactInput("Maria Jensen", "maria.jensen@example.org", "owner");
  private static final ContactInput TOM = tech("Tom Becker", "tom.becker@example.org");
  private static final ContactInput AISHA = tech("Aisha Rahman", "aisha.rahman@example.org");
  private static final ContactInput KEN = tech("Ken Sato", "ken.sato@example.org");
  private static final ContactInput JONAS = tech("Jonas Weber", "jonas.weber@example.org");
  private static final ContactInput PRIYA_OWNER =
      new ContactInput("Priya Nair", "priya.nair@example.org", "owner");
  private static final ContactInput LENA_BUSINESS =
      new ContactInput("Lena Fischer", "lena.fischer@example.org", "business");
  private static final ContactInput SOFIA_BUSINESS =
      new ContactInput("Sofia Costa", "sofia.costa@example.org", "business");

  /** Who answers for what: the teams as contact lists. */
  private static final List<ContactInput> INFRA = List.of(MARIA_OWNER, TOM);

  private static final List<ContactInput> UNI = List.of(MARIA_OWNER, AISHA);
  private static final List<ContactInput> CLOUD = List.of(PRIYA_OWNER, AISHA);
  private static final List<ContactInput> DATA = List.of(MARIA_OWNER, KEN);
  private static final List<ContactInput> WEB = List.of(PRIYA_OWNER, JONAS, LENA_BUSINESS);
  private static final List<ContactInput> SERVICE = List.of(MARIA_OWNER, TOM, SOFIA_BUSINESS);

  // --- Locations -------------------------------------------------------------------------------

  static List<LocationInput> locations() {
    return List.of(
        new LocationInput(
            "dc1",
            "Own datacenter",
            "Our server room in the main building: room A (racks A1-A4) and room B (racks B1-B2,"
                + " second power feed)."),
        new LocationInput(
            "uni-it",
            "University IT",
            "Housing at the University IT department, building C, rack C7. Remote hands through"
                + " servicedesk@it.example.edu."),
        new LocationInput("linode-newark", "Linode", "Linode region us-east (Newark, NJ)."),
        new LocationInput("linode-frankfurt", "Linode", "Linode region eu-central (Frankfurt)."),
        new LocationInput(
            "aws-eu-west-1",
            "Amazon Web Services",
            "AWS region eu-west-1 (Ireland), account ops-prod, VPC 10.30.0.0/16."));
  }

  // --- Servers ---------------------------------------------------------------------------------
  // host/vm/cloud(name, os, cpus, memory GB, disk GB, function, addresses: "address [label]").

  private static final String DEBIAN = "Debian 12";
  private static final String UBUNTU = "Ubuntu 22.04 LTS";
  private static final String ROCKY = "Rocky Linux 9";
  private static final String AMAZON = "Amazon Linux 2023";

  static List<ServerInput> servers() {
    List<ServerLine> lines =
        List.of(
            host("kvm01", "dc1", INFRA, DEBIAN, 48, 256, 3840, "KVM host", "10.10.0.11 lan")
                .about("Room A, rack A3. Dell R750, two PSUs on separate feeds.")
                .ip("10.10.99.11 ipmi")
                .vms(
                    vm("ldap01", DEBIAN, 2, 4, 40, "LDAP directory (primary)", "10.10.1.11"),
                    vm("wiki01", DEBIAN, 2, 8, 80, "Team wiki", "10.10.1.12"),
                    vm("git01", DEBIAN, 4, 8, 400, "Git hosting", "10.10.1.13"),
                    vm("mx01", DEBIAN, 2, 4, 40, "Mail relay", "10.10.1.14", "192.0.2.25 public"),
                    vm("mail01", "Debian 10", 1, 2, 20, "Old mail relay", "10.10.1.19")
                        .decommissioned()
                        .about("Replaced by mx01 and mx02; kept in the inventory for history.")),
            host("kvm02", "dc1", INFRA, DEBIAN, 64, 512, 7680, "KVM host", "10.10.0.12 lan")
                .about("Room B, rack B1. Dell R760 with NVMe storage for the databases.")
                .ip("10.10.99.12 ipmi")
                .vms(
                    vm("ldap02", DEBIAN, 2, 4, 40, "LDAP directory (replica)", "10.10.2.11"),
                    vm("db01", DEBIAN, 8, 64, 1000, "PostgreSQL primary", "10.10.2.21").team(DATA),
                    vm("db02", DEBIAN, 8, 64, 1000, "PostgreSQL replica", "10.10.2.22").team(DATA),
                    vm("ci01", "Ubuntu 24.04 LTS", 8, 16, 300, "CI server", "10.10.2.31")),
            host("kvm03", "uni-it", UNI, "Debian 11", 32, 192, 16000, "KVM host", "10.20.0.11")
                .about("Rack C7, upper half. Storage-heavy: holds the backups.")
                .ip("10.20.99.11 ipmi")
                .vms(
                    vm("mon01", DEBIAN, 4, 16, 500, "Monitoring", "10.20.1.11", "2001:db8:20::11"),
                    vm("backup01", DEBIAN, 4, 8, 12000, "Backup server", "10.20.1.12"),
                    vm("tickets01", UBUNTU, 2, 8, 80, "Service desk", "10.20.1.13"),
                    vm("search01", DEBIAN, 4, 16, 200, "Intranet search", "10.20.1.14").planned()),
            host("kvm04", "uni-it", UNI, DEBIAN, 32, 256, 4000, "KVM host", "10.20.0.12")
                .about("Rack C7, lower half.")
                .ip("10.20.99.12 ipmi")
                .vms(
                    vm("sso01", ROCKY, 2, 4, 40, "Single sign-on", "10.20.2.11"),
                    vm("files01", UBUNTU, 4, 16, 2000, "File sharing", "10.20.2.12"),
                    vm("cache01", DEBIAN, 2, 8, 20, "Redis cache", "10.20.2.13").team(DATA),
                    vm("staging01", DEBIAN, 4, 8, 100, "Staging apps", "10.20.2.14")
                        .team(WEB)
                        .environment("staging")),
            cloud("web01", "linode-newark", DEBIAN, 2, 4, 80, "Web server", "203.0.113.11")
                .ip("2001:db8:a::11"),
            cloud("web02", "linode-newark", DEBIAN, 2, 4, 80, "Web server", "203.0.113.12")
                .ip("2001:db8:a::12"),
            cloud("web03", "linode-frankfurt", DEBIAN, 2, 4, 80, "Web server", "203.0.113.21")
                .ip("2001:db8:b::21"),
            cloud("web04", "linode-frankfurt", DEBIAN, 4, 8, 160, "Web server", "203.0.113.22")
                .planned()
                .about("Ordered for the shop; not serving yet."),
            cloud("mx02", "linode-frankfurt", DEBIAN, 1, 2, 50, "Mail relay", "203.0.113.25")
                .ip("2001:db8:b::25")
                .team(INFRA),
            cloud("api01", "aws-eu-west-1", AMAZON, 2, 8, 50, "API server", "10.30.1.11")
                .ip("198.51.100.11 elastic")
                .about("t3.large in eu-west-1a."),
            cloud("api02", "aws-eu-west-1", AMAZON, 2, 8, 50, "API server", "10.30.2.11")
                .ip("198.51.100.12 elastic")
                .about("t3.large in eu-west-1b."),
            cloud("worker01", "aws-eu-west-1", AMAZON, 4, 8, 100, "Job runner", "10.30.1.21")
                .about("c6i.xlarge in eu-west-1a; no public address."));
    List<ServerInput> inputs = new ArrayList<>();
    for (ServerLine line : lines) {
      inputs.add(line.input());
      line.vms.forEach(vm -> inputs.add(vm.input()));
    }
    return inputs;
  }

  // --- Applications ----------------------------------------------------------------------------
  // app(name, title, technology, repository under git.example.org, team).on("server role"...).

  static List<ApplicationInput> applications() {
    return Stream.of(
            app("wiki", "Team wiki", "DokuWiki (PHP 8.2)", "ops/wiki", SERVICE).on("wiki01 web"),
            app("tickets", "Service desk", "Request Tracker 5 (Perl)", "ops/rt-config", SERVICE)
                .on("tickets01 web", "tickets01 worker", "db01 database"),
            app("mail-relay", "Mail relay", "Postfix 3.7", "ops/postfix", INFRA)
                .on("mx01 mail", "mx02 mail"),
            app("ldap", "Directory", "OpenLDAP 2.5", "ops/ldap", INFRA)
                .on("ldap01 ldap", "ldap02 ldap"),
            app("sso", "Single sign-on", "Keycloak 24 (Java)", "ops/keycloak", INFRA)
                .on("sso01 web", "db01 database"),
            app("git", "Git hosting", "Gitea 1.21 (Go)", "ops/gitea", INFRA)
                .on("git01 web", "db01 database"),
            app("ci", "Continuous integration", "Woodpecker CI (Go)", "ops/ci", INFRA)
                .on("ci01 web", "ci01 worker"),
            app("graphite", "Metrics store", "Graphite 1.1 (Python)", "ops/graphite", INFRA)
                .on("mon01 web", "mon01 worker")
                .about("carbon-cache takes the metrics, graphite-web serves the render API."),
            app("grafana", "Dashboards", "Grafana 10", "ops/grafana", INFRA).on("mon01 web"),
            app("opsroom", "Opsroom", "Java 17, Quarkus", "ops/opsroom", INFRA)
                .on("mon01 web", "db02 database"),
            app("postgres-main", "Main PostgreSQL", "PostgreSQL 15", "ops/postgres", DATA)
                .on("db01 database", "db02 database")
                .about("Streaming replication from db01 to db02; db.example.org is the primary."),
            app("redis", "Shared cache", "Redis 7", "ops/redis", DATA).on("cache01 cache"),
            app("backup", "Backups", "BorgBackup 1.2, borgmatic", "ops/borgmatic", INFRA)
                .on("backup01 worker"),
            app("nextcloud", "File sharing", "Nextcloud 28 (PHP)", "ops/nextcloud", SERVICE)
                .on("files01 web", "cache01 cache", "db02 database"),
            app("website", "Public website", "Hugo, nginx", "web/website", WEB)
                .on("web01 web", "web02 web", "web03 web"),
            app("docs", "Developer documentation", "MkDocs Material", "web/docs", WEB)
                .on("web03 web"),
            app("status-page", "Status page", "Hugo, nginx", "web/status", WEB).on("web02 web"),
            app("public-api", "Public API", "Python 3.11, FastAPI", "web/api", CLOUD)
                .on("api01 web", "api02 web", "worker01 worker", "staging01 staging"),
            app("customer-portal", "Customer portal", "Django 4.2", "web/portal", WEB)
                .on("web01 web", "web02 web", "worker01 worker", "db01 database")
                .on("staging01 staging"),
            app("newsletter", "Newsletter", "listmonk (Go)", "web/newsletter", WEB)
                .on("worker01 web", "db02 database"),
            app("matomo", "Web analytics", "Matomo 5 (PHP)", "web/matomo", WEB)
                .on("web03 web", "db02 database"),
            app("search", "Intranet search", "OpenSearch 2", "ops/search", INFRA)
                .on("search01 search")
                .planned(),
            app("shop", "Merchandise shop", "Shopware 6 (PHP)", "web/shop", WEB)
                .on("web04 web")
                .planned(),
            app("nagios", "Old monitoring", "Nagios Core 4", "ops/nagios", INFRA)
                .decommissioned()
                .about("Replaced by Graphite alerts in Opsroom; the repository is archived."))
        .map(AppLine::input)
        .toList();
  }

  // --- DNS aliases -----------------------------------------------------------------------------
  // Each alias is requested; then, by its state, confirmed, changed or retired as a person would.

  /** What a sample alias goes through after its request. */
  enum Fate {
    /** Left waiting for the hostmaster. */
    REQUESTED,
    /** Confirmed. */
    ACTIVE,
    /** Confirmed, then a change to {@code changeTo} requested. */
    CHANGE_REQUESTED,
    /** Confirmed, then retired and the retirement confirmed. */
    RETIRED,
    /** In a domain that is not ours: recorded active with its administrative info. */
    EXTERNAL
  }

  /** A server or an application that an alias points at. */
  record Target(String server, String application) {}

  /** One alias and what happens to it. */
  record AliasLine(
      String hostname,
      Target target,
      String description,
      Fate fate,
      Target changeTo,
      String reason,
      String administrativeInfo) {

    AliasRequest request() {
      return new AliasRequest(
          hostname, target.server(), target.application(), description, administrativeInfo, null);
    }
  }

  static List<AliasLine> aliases() {
    return List.of(
        active("wiki.example.org", toApp("wiki"), "The team wiki and its runbooks."),
        active("tickets.example.org", toApp("tickets"), "Service desk for staff and students."),
        active("sso.example.org", toApp("sso"), "Login page for every internal application."),
        active("git.example.org", toApp("git"), "Git hosting; clone URLs use this name."),
        active("ci.example.org", toApp("ci"), "CI web interface and the runners' API."),
        active("grafana.example.org", toApp("grafana"), "Dashboards, also embedded in the wiki."),
        active("opsroom.example.org", toApp("opsroom"), "This intranet."),
        active("smtp.example.org", toApp("mail-relay"), "Outgoing mail for all our servers."),
        active("files.example.org", toApp("nextcloud"), "File sharing for the whole organisation."),
        active("ldap.example.org", toServer("ldap01"), "LDAP for applications that cannot do SSO."),
        active("www.example.org", toApp("website"), "The public website."),
        active("docs.example.net", toApp("docs"), "Developer documentation for the public API."),
        active("api.example.net", toApp("public-api"), "The public API."),
        active("portal.example.net", toApp("customer-portal"), "Where customers log in."),
        new AliasLine(
            "db.example.org",
            toServer("db01"),
            "The PostgreSQL primary; applications connect here, never to db01 itself.",
            Fate.CHANGE_REQUESTED,
            toServer("db02"),
            "db02 becomes the primary while db01 is upgraded to PostgreSQL 16.",
            null),
        requested("search.example.org", toApp("search"), "Intranet search, going live next month."),
        requested("status.example.net", toApp("status-page"), "Public status page for customers."),
        requested("shop.example.net", toApp("shop"), "The merchandise shop, launching in spring."),
        new AliasLine(
            "old-wiki.example.org",
            toServer("wiki01"),
            "The wiki's name before 2022, kept for links in old mails.",
            Fate.RETIRED,
            null,
            "No request in the access log for a year.",
            null),
        new AliasLine(
            "ops.it.example.edu",
            toServer("mon01"),
            "The university's monitoring reads our Graphite under this name.",
            Fate.EXTERNAL,
            null,
            null,
            "Zone it.example.edu belongs to University IT: change it through a ticket with"
                + " servicedesk@it.example.edu (created in ticket UNI-4711)."));
  }

  // --- Notes -----------------------------------------------------------------------------------

  /** A note on the server, application or alias {@code name}. */
  record NoteLine(String type, String name, String kind, String body) {}

  static List<NoteLine> notes() {
    return List.of(
        new NoteLine(
            "server",
            "kvm01",
            "warning",
            """
            Disk 3 of the RAID 10 reports **predicted failure** (SMART reallocated sectors).

            - replacement disk ordered, arrives Thursday
            - the array is still optimal; no VM needs to move
            - swap it hot, then watch the rebuild:

            ```
            perccli /c0/e32/s3 show rebuild
            ```

            Vendor case: [SR 4711](https://support.example.com/cases/4711).
            """),
        new NoteLine(
            "server",
            "mail01",
            "change",
            """
            Decommissioned after the move to **mx01** (dc1) and **mx02** (Linode Frankfurt).

            - DNS: smtp.example.org points at the mail-relay application
            - disk image archived on backup01 for 90 days
            """),
        new NoteLine(
            "server",
            "backup01",
            "info",
            """
            Restoring a single file from last night's archive:

            1. find the archive: `borg list /srv/borg/wiki01 | tail -3`
            2. extract into a scratch directory:

            ```
            cd /tmp/restore
            borg extract /srv/borg/wiki01::wiki01-2024-05-01 var/www/dokuwiki/data/pages/start.txt
            ```

            See the [borg documentation](https://borgbackup.readthedocs.io/) for patterns.
            """),
        new NoteLine(
            "application",
            "opsroom",
            "info",
            """
            Deploys are done by CI from the `main` branch. By hand, on mon01:

            ```
            sudo systemctl stop opsroom
            sudo -u opsroom cp opsroom-*.jar /opt/opsroom/
            sudo systemctl start opsroom && journalctl -u opsroom -f
            ```

            - migrations run at start; a failed one stops the service
            - health: [/q/health](https://opsroom.example.org/q/health)
            """),
        new NoteLine(
            "application",
            "postgres-main",
            "change",
            """
            Upgrade to PostgreSQL 16 planned for the next maintenance window:

            - switch db.example.org to db02 (requested from the hostmaster)
            - upgrade db01 with `pg_upgradecluster 15 main`, then make it the replica
            - switch back once replication has caught up

            ```
            SELECT client_addr, state, replay_lag FROM pg_stat_replication;
            ```

            Release notes: [PostgreSQL 16](https://www.postgresql.org/docs/16/release-16.html).
            """),
        new NoteLine(
            "application",
            "website",
            "info",
            """
            The site is static: CI builds it and copies it to all three web servers.

            ```
            hugo --minify && for h in web01 web02 web03; do rsync -a public/ $h:/srv/www/; done
            ```
            """),
        new NoteLine(
            "alias",
            "db.example.org",
            "warning",
            """
            Applications must use **db.example.org**, never db01 or db02 by name: the name moves
            during upgrades and failovers. Known offenders:

            - tickets (RT_SiteConfig.pm)
            - customer-portal staging settings
            """));
  }

  // --- The line builders -----------------------------------------------------------------------

  private static ContactInput tech(String name, String email) {
    return new ContactInput(name, email, "technical");
  }

  private static ServerLine host(
      String name,
      String location,
      List<ContactInput> team,
      String os,
      int cpus,
      int memoryGb,
      int diskGb,
      String function,
      String... ips) {
    return new ServerLine(name, "physical", os, cpus, memoryGb, diskGb, function, ips)
        .in(location)
        .team(team);
  }

  private static ServerLine vm(
      String name, String os, int cpus, int memoryGb, int diskGb, String function, String... ips) {
    return new ServerLine(name, "virtual", os, cpus, memoryGb, diskGb, function, ips);
  }

  private static ServerLine cloud(
      String name,
      String location,
      String os,
      int cpus,
      int memoryGb,
      int diskGb,
      String function,
      String... ips) {
    return new ServerLine(name, "cloud", os, cpus, memoryGb, diskGb, function, ips)
        .in(location)
        .team(CLOUD);
  }

  /** A server being described; VMs take their host's location and team unless told otherwise. */
  private static final class ServerLine {
    final String name;
    final String kind;
    final String os;
    final int cpus;
    final int memoryGb;
    final int diskGb;
    final String function;
    final List<String> ips;
    final List<ServerLine> vms = new ArrayList<>();
    String host;
    String location;
    List<ContactInput> team;
    String environment = "production";
    String status = "active";
    String description;

    ServerLine(
        String name,
        String kind,
        String os,
        int cpus,
        int memoryGb,
        int diskGb,
        String function,
        String... ips) {
      this.name = name;
      this.kind = kind;
      this.os = os;
      this.cpus = cpus;
      this.memoryGb = memoryGb;
      this.diskGb = diskGb;
      this.function = function;
      this.ips = new ArrayList<>(Arrays.asList(ips));
    }

    ServerLine in(String location) {
      this.location = location;
      return this;
    }

    ServerLine team(List<ContactInput> team) {
      this.team = team;
      return this;
    }

    ServerLine environment(String environment) {
      this.environment = environment;
      return this;
    }

    ServerLine planned() {
      this.status = "planned";
      return this;
    }

    ServerLine decommissioned() {
      this.status = "decommissioned";
      return this;
    }

    ServerLine about(String description) {
      this.description = description;
      return this;
    }

    /** Adds a further address, such as the out-of-band management port or the IPv6 address. */
    ServerLine ip(String address) {
      ips.add(address);
      return this;
    }

    ServerLine vms(ServerLine... guests) {
      for (ServerLine vm : guests) {
        vm.host = name;
        vm.location = location;
        if (vm.team == null) {
          vm.team = team;
        }
        vms.add(vm);
      }
      return this;
    }

    ServerInput input() {
      List<IpInput> addresses = new ArrayList<>();
      for (String ip : ips) {
        String[] parts = ip.split(" ", 2);
        addresses.add(new IpInput(parts[0], null, parts.length > 1 ? parts[1] : null));
      }
      return new ServerInput(
          name,
          kind,
          host,
          location,
          environment,
          status,
          function,
          os,
          String.valueOf(cpus),
          String.valueOf(memoryGb * 1024),
          String.valueOf(diskGb),
          "servers." + name,
          description,
          addresses,
          team);
    }
  }

  private static AppLine app(
      String name, String title, String technology, String repository, List<ContactInput> team) {
    return new AppLine(name, title, technology, repository, team);
  }

  /** An application being described; its runbook lives in the wiki under its name. */
  private static final class AppLine {
    final String name;
    final String title;
    final String technology;
    final String repository;
    final List<ContactInput> team;
    final List<DeploymentInput> deployments = new ArrayList<>();
    String status = "active";
    String description;

    AppLine(
        String name, String title, String technology, String repository, List<ContactInput> team) {
      this.name = name;
      this.title = title;
      this.technology = technology;
      this.repository = repository;
      this.team = team;
    }

    /** Adds deployments written as "server role". */
    AppLine on(String... serverAndRole) {
      for (String d : serverAndRole) {
        String[] parts = d.split(" ", 2);
        deployments.add(new DeploymentInput(parts[0], parts[1]));
      }
      return this;
    }

    AppLine planned() {
      this.status = "planned";
      return this;
    }

    AppLine decommissioned() {
      this.status = "decommissioned";
      return this;
    }

    AppLine about(String description) {
      this.description = description;
      return this;
    }

    ApplicationInput input() {
      return new ApplicationInput(
          name,
          title,
          technology,
          "https://git.example.org/" + repository,
          "apps." + name,
          "https://wiki.example.org/runbooks/" + name,
          status,
          description,
          deployments,
          team);
    }
  }

  private static Target toApp(String name) {
    return new Target(null, name);
  }

  private static Target toServer(String name) {
    return new Target(name, null);
  }

  private static AliasLine active(String hostname, Target target, String description) {
    return new AliasLine(hostname, target, description, Fate.ACTIVE, null, null, null);
  }

  private static AliasLine requested(String hostname, Target target, String description) {
    return new AliasLine(hostname, target, description, Fate.REQUESTED, null, null, null);
  }
}
