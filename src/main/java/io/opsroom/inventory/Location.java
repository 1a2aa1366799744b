package io.opsroom.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where servers live: a datacenter, a university IT department, a cloud region. */
@Entity
@Table(name = "location")
public class Location extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  /** Who runs it: "Own datacenter", "University IT", "Linode", "AWS". */
  public String provider;

  public String description;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public static Optional<Location> findByName(String name) {
    return find("name", name).firstResultOptional();
  }

  public static List<Location> listByName() {
    return list("order by name");
  }
}
