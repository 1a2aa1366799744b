package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.Map;

/** Creates and changes locations. */
@ApplicationScoped
public class LocationService {

  @Inject Clock clock;
  @Inject ChangeRecorder changes;
  @Inject InventoryLock lock;

  /** A location as typed. */
  public record LocationInput(String name, String provider, String description) {}

  @Transactional
  public Location create(LocationInput input, String actor) {
    return save(null, input, actor);
  }

  @Transactional
  public Location update(String name, LocationInput input, String actor) {
    Location location =
        Location.findByName(Names.normalize(name))
            .orElseThrow(() -> new NotFoundException("No location " + name));
    return save(location, input, actor);
  }

  private Location save(Location existing, LocationInput in, String actor) {
    lock.acquire();
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String name = Names.normalize(in.name());
    fields.check(name != null && !name.isEmpty(), "name", "Enter a short name such as dc1.");
    fields.check(
        Names.isLocationName(name),
        "name",
        "Use 1 to 63 lower-case letters, digits, dots, dashes or underscores.");
    String provider = fields.line("provider", in.provider(), Fields.SHORT);
    String description = fields.text("description", in.description(), Fields.LONG);
    problems.throwIfAny();
    Location clash = Location.findByName(name).orElse(null);
    if (clash != null && clash != existing) {
      throw InvalidInputException.conflict("name", "A location named " + name + " exists.");
    }
    Map<String, Object> before = existing == null ? null : snapshot(existing);
    Location location = existing == null ? new Location() : existing;
    location.name = name;
    location.provider = provider;
    location.description = description;
    location.updatedAt = clock.instant();
    if (existing == null) {
      location.createdAt = location.updatedAt;
      location.persist();
    }
    location.flush();
    changes.record(actor, "location", location.id, location.name, before, snapshot(location));
    return location;
  }

  private Map<String, Object> snapshot(Location location) {
    return changes.snapshot(LocationView.of(location, 0), "servers");
  }
}
