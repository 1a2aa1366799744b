package io.opsroom.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A physical machine, a VM on one of them, or a cloud instance. */
@Entity
@Table(name = "server")
public class Server extends PanacheEntityBase {

  public static final List<String> KINDS = List.of("physical", "virtual", "cloud");
  public static final List<String> STATUSES = List.of("active", "planned", "decommissioned");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  public String kind;

  /** The physical server this VM runs on; only virtual servers have one. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "host_id")
  public Server host;

  @OneToMany(mappedBy = "host")
  @OrderBy("name")
  public List<Server> vms = new ArrayList<>();

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "location_id")
  public Location location;

  public String environment;

  public String status;

  @Column(name = "primary_function")
  public String primaryFunction;

  public String os;

  public Integer cpus;

  @Column(name = "memory_mb")
  public Integer memoryMb;

  @Column(name = "disk_gb")
  public Integer diskGb;

  @Column(name = "graphite_prefix")
  public String graphitePrefix;

  public String description;

  @OneToMany(mappedBy = "server", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("position")
  public List<IpAddress> ipAddresses = new ArrayList<>();

  @OneToMany(mappedBy = "server", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("role, id")
  public List<ContactAssignment> contacts = new ArrayList<>();

  @OneToMany(mappedBy = "server")
  @OrderBy("role, id")
  public List<Deployment> deployments = new ArrayList<>();

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** Memory for people: "16 GB" when it is whole gigabytes, else "1536 MB"; null if unknown. */
  public String memoryLabel() {
    if (memoryMb == null) {
      return null;
    }
    return memoryMb % 1024 == 0 ? memoryMb / 1024 + " GB" : memoryMb + " MB";
  }

  /** The applications on this server, each once, in role order. */
  public List<Application> applications() {
    return deployments.stream().map(d -> d.application).distinct().toList();
  }

  public boolean isVirtual() {
    return "virtual".equals(kind);
  }

  public boolean isDecommissioned() {
    return "decommissioned".equals(status);
  }

  public static Optional<Server> findByName(String name) {
    return find("name", name).firstResultOptional();
  }
}
