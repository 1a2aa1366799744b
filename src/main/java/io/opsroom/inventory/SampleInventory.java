package io.opsroom.inventory;

import io.opsroom.inventory.AliasService.ChangeRequest;
import io.opsroom.inventory.ApplicationService.ApplicationInput;
import io.opsroom.inventory.LocationService.LocationInput;
import io.opsroom.inventory.SampleInventoryData.AliasLine;
import io.opsroom.inventory.SampleInventoryData.NoteLine;
import io.opsroom.inventory.ServerService.ServerInput;
import io.opsroom.platform.InvalidInputException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fills an empty inventory with {@link SampleInventoryData} at start when {@code
 * opsroom.sample-data} is on, which only dev mode sets: the run command then shows servers, VMs,
 * applications and aliases in every state instead of empty pages. Everything goes through the
 * services, as a person at the forms would, so every rule is checked and every object has its audit
 * entries by the actor {@value #ACTOR}. An inventory with anything in it is left alone.
 */
@ApplicationScoped
public class SampleInventory {

  static final String ACTOR = "sample-data";

  private static final Logger LOG = Logger.getLogger(SampleInventory.class);

  @Inject InventoryConfig config;
  @Inject InventoryLock lock;
  @Inject LocationService locations;
  @Inject ServerService servers;
  @Inject ApplicationService applications;
  @Inject AliasService aliases;
  @Inject NoteService notes;

  /** What one seeding created. */
  record Counts(int servers, int applications, int aliases) {}

  void onStart(@Observes StartupEvent event) {
    if (!config.sampleData()) {
      return;
    }
    try {
      seedIfEmpty()
          .ifPresentOrElse(
              c ->
                  LOG.infof(
                      "Sample inventory: %d servers, %d applications, %d aliases"
                          + " (OPSROOM_SAMPLE_DATA=true)",
                      c.servers(), c.applications(), c.aliases()),
              () -> LOG.debug("Sample inventory: not added, the inventory has data already."));
    } catch (InvalidInputException e) {
      // The transaction is rolled back, so the inventory stays empty; the application still runs.
      LOG.errorf("Sample inventory: not added, the services refused it: %s", e.fieldErrors());
    } catch (RuntimeException e) {
      LOG.errorf(e, "Sample inventory: not added: %s", e.getMessage());
    }
  }

  /**
   * Creates the sample inventory, in one transaction, if there are no locations, servers,
   * applications or aliases yet; empty if there were.
   */
  @Transactional
  Optional<Counts> seedIfEmpty() {
    // The inventory's own advisory lock, held to the end of the transaction: a second instance
    // starting at the same moment waits here and then finds this one's servers, and no first
    // edit by a person can slip in between the check and the sample.
    lock.acquire();
    if (Location.count() + Server.count() + Application.count() + DnsAlias.count() > 0) {
      return Optional.empty();
    }
    for (LocationInput location : SampleInventoryData.locations()) {
      locations.create(location, ACTOR);
    }
    int serverCount = 0;
    for (ServerInput server : SampleInventoryData.servers()) {
      servers.create(server, ACTOR);
      serverCount++;
    }
    int applicationCount = 0;
    for (ApplicationInput application : SampleInventoryData.applications()) {
      applications.create(application, ACTOR);
      applicationCount++;
    }
    int aliasCount = 0;
    for (AliasLine alias : SampleInventoryData.aliases()) {
      walk(alias);
      aliasCount++;
    }
    for (NoteLine note : SampleInventoryData.notes()) {
      notes.add(
          note.type(), note.name(), new NoteService.NoteInput(note.body(), note.kind()), ACTOR);
    }
    return Optional.of(new Counts(serverCount, applicationCount, aliasCount));
  }

  /** Takes one alias through the workflow steps that lead to its sample state. */
  private void walk(AliasLine alias) {
    String hostname = alias.hostname();
    aliases.request(alias.request(), ACTOR);
    switch (alias.fate()) {
      case REQUESTED, EXTERNAL -> {
        // A request in our domains waits for the hostmaster; one elsewhere is recorded as active.
      }
      case ACTIVE -> aliases.confirm(hostname, ACTOR);
      case CHANGE_REQUESTED -> {
        aliases.confirm(hostname, ACTOR);
        ChangeRequest change =
            new ChangeRequest(
                alias.changeTo().server(), alias.changeTo().application(), alias.reason(), null);
        aliases.requestChange(hostname, change, ACTOR);
      }
      case RETIRED -> {
        aliases.confirm(hostname, ACTOR);
        aliases.requestRetire(hostname, alias.reason(), null, ACTOR);
        aliases.confirm(hostname, ACTOR);
      }
    }
  }
}
