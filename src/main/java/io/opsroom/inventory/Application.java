package io.opsroom.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Something the team runs for its users, deployed on one or more servers. */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

  public static final List<String> STATUSES = List.of("active", "planned", "decommissioned");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The slug used in URLs, alert labels and Graphite paths. */
  public String name;

  public String title;

  public String technology;

  @Column(name = "repository_url")
  public String repositoryUrl;

  @Column(name = "graphite_prefix")
  public String graphitePrefix;

  @Column(name = "runbook_url")
  public String runbookUrl;

  public String status;

  public String description;

  @OneToMany(mappedBy = "application", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("role, id")
  public List<Deployment> deployments = new ArrayList<>();

  @OneToMany(mappedBy = "application", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("role, id")
  public List<ContactAssignment> contacts = new ArrayList<>();

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public boolean isDecommissioned() {
    return "decommissioned".equals(status);
  }

  public static Optional<Application> findByName(String name) {
    return find("name", name).firstResultOptional();
  }
}
