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

/** One address of a server, with its interface's MAC and a label such as "public" or "mgmt". */
@Entity
@Table(name = "ip_address")
public class IpAddress extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "server_id")
  public Server server;

  public String address;

  public String mac;

  public String label;

  /** The order in which the addresses were given; the first is the primary one. */
  public int position;
}
