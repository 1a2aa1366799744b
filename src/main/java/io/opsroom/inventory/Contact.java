package io.opsroom.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A person to call about a server or an application; known by their email address. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  public String email;

  public String phone;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** A contact as the API shows it. */
  public record View(String name, String email, String phone) {
    public static View of(Contact c) {
      return new View(c.name, c.email, c.phone);
    }
  }

  public static Optional<Contact> findByEmail(String email) {
    return find("email", email).firstResultOptional();
  }
}
