package io.opsroom.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A markdown note on a server, application or alias; added, never edited. */
@Entity
@Table(name = "note")
public class Note extends PanacheEntityBase {

  public static final List<String> KINDS = List.of("info", "change", "warning");

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "server_id")
  public Server server;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "application_id")
  public Application application;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "alias_id")
  public DnsAlias alias;

  public String kind;

  public String body;

  public String author;

  @Column(name = "created_at")
  public Instant createdAt;

  public static List<Note> newestFirst(Server server) {
    return list("server = ?1 order by createdAt desc, id desc", server);
  }

  public static List<Note> newestFirst(Application application) {
    return list("application = ?1 order by createdAt desc, id desc", application);
  }

  public static List<Note> newestFirst(DnsAlias alias) {
    return list("alias = ?1 order by createdAt desc, id desc", alias);
  }
}
