package io.opsroom.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.List;

/** A contact's role (owner, technical, business) on one server or one application. */
@Entity
@Table(name = "contact_assignment")
public class ContactAssignment extends PanacheEntityBase {

  public static final List<String> ROLES = List.of("owner", "technical", "business");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "contact_id")
  public Contact contact;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "server_id")
  public Server server;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "application_id")
  public Application application;

  public String role;
}
