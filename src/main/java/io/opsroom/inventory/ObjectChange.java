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
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of the audit trail: who changed which inventory object, when, from what to what. */
@Entity
@Table(name = "object_change")
public class ObjectChange extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public Instant at;

  public String actor;

  @Column(name = "object_type")
  public String objectType;

  @Column(name = "object_id")
  public Long objectId;

  @Column(name = "object_name")
  public String objectName;

  /** create, update or delete. */
  public String action;

  /** One line for lists: "changed os, cpus". */
  public String summary;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "before_data")
  public Map<String, Object> before;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "after_data")
  public Map<String, Object> after;

  public static List<ObjectChange> history(String objectType, long objectId, int limit) {
    return find("objectType = ?1 and objectId = ?2 order by at desc, id desc", objectType, objectId)
        .page(0, limit)
        .list();
  }
}
