package io.opsroom.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Serializes writes to the inventory, across instances, until their transaction ends. Inventory
 * changes are rare and small, so one lock costs nothing and makes the rules that span rows (unique
 * names, no VM host cycles, no decommissioned host under an active VM) hold under concurrency.
 */
@ApplicationScoped
public class InventoryLock {

  private static final long KEY = 0x6f70_7372_6f6f_6d03L;

  @Inject EntityManager entityManager;

  @Transactional(Transactional.TxType.MANDATORY)
  public void acquire() {
    entityManager
        .createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, KEY)
        .getSingleResult();
  }
}
