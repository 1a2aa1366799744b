package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes events for every way in (form, API, Graphite and Anthracite receivers, scripts, alert and
 * inventory hooks): one set of checks, so bad input is refused the same way everywhere and nothing
 * half-written is stored; observers of {@link EventRecorded} run in the same transaction.
 */
@ApplicationScoped
public class EventService {

  /** 256 KiB of markdown: a long deploy log fits, a pasted core dump does not. */
  public static final int MAX_BODY = 262_144;

  public static final int MAX_TITLE = 500;

  /** Events further ahead than this are typing mistakes (a wrong year), not plans. */
  static final Duration MAX_AHEAD = Duration.ofDays(366);

  /** Sources whose events are written by Opsroom itself, exempt from mandatory attributes. */
  private static final Set<EventSource> AUTOMATIC =
      Set.of(EventSource.ALERT, EventSource.INVENTORY);

  @Inject Clock clock;
  @Inject jakarta.enterprise.event.Event<EventRecorded> recorded;
  @Inject io.micrometer.core.instrument.MeterRegistry meters;
  @Inject jakarta.transaction.TransactionSynchronizationRegistry transactions;

  public Event find(long id) {
    Event event = Event.findById(id);
    if (event == null) {
      throw new NotFoundException("No event #" + id);
    }
    return event;
  }

  /** Validates and stores a new event; throws {@link InvalidInputException} with every problem. */
  @Transactional
  public Event create(EventInput input, String author, EventSource source) {
    Instant now = clock.instant();
    check(input, source, now);
    Event event = new Event();
    fill(event, input, now);
    event.source = source.word();
    event.author = author;
    event.createdAt = now;
    event.persist();
    recorded.fire(new EventRecorded(event));
    countOnCommit(source);
    return event;
  }

  /** Counts the new event once its transaction commits: an alert cycle rolled back wrote none. */
  private void countOnCommit(EventSource source) {
    io.micrometer.core.instrument.Counter ingested =
        io.micrometer.core.instrument.Counter.builder("opsroom.events.ingested")
            .description("Events written to the changelog, by the way they came in")
            .tag("source", source.word())
            .register(meters);
    if (transactions.getTransactionStatus() != jakarta.transaction.Status.STATUS_ACTIVE) {
      // A transaction already marked for rollback (an import's preview) will write nothing, and
      // accepts no synchronization either.
      return;
    }
    transactions.registerInterposedSynchronization(
        new jakarta.transaction.Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
              ingested.increment();
            }
          }
        });
  }

  /**
   * Replaces an event's time, title, body and tags; its source and author stay. Observers hear of
   * it as of a new event, so a tag added later (outage=<key>) has the same effect as one given at
   * once.
   */
  @Transactional
  public Event update(long id, EventInput input) {
    Event event = find(id);
    Instant now = clock.instant();
    check(input, EventSource.parse(event.source).orElse(EventSource.WEB), now);
    fill(event, input, now);
    recorded.fire(new EventRecorded(event));
    return event;
  }

  @Transactional
  public void delete(long id) {
    find(id).delete();
  }

  /** Every problem of this input, by field; empty when it can be stored. */
  @Transactional
  public Map<String, String> problems(EventInput input, EventSource source) {
    return problems(input, source, clock.instant());
  }

  private void check(EventInput input, EventSource source, Instant now) {
    Map<String, String> problems = problems(input, source, now);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(400, problems);
    }
  }

  private Map<String, String> problems(EventInput input, EventSource source, Instant now) {
    Map<String, String> errors = new LinkedHashMap<>();
    String title = input.title() == null ? "" : input.title().strip();
    if (title.isEmpty()) {
      errors.put("title", "An event needs a title: one line saying what happened.");
    } else if (title.length() > MAX_TITLE) {
      errors.put(
          "title",
          "A title has at most " + MAX_TITLE + " characters; put the details in the body.");
    }
    if (input.body() != null && input.body().length() > MAX_BODY) {
      errors.put(
          "body",
          "The body has "
              + input.body().length()
              + " characters; at most "
              + MAX_BODY
              + " (256 KiB). Link to long logs instead.");
    }
    if (input.at() != null) {
      if (input.at().isBefore(Instant.EPOCH)) {
        errors.put("time", "The time is before 1970.");
      } else if (input.at().isAfter(now.plus(MAX_AHEAD))) {
        errors.put("time", "The time is more than a year ahead: " + input.at() + ".");
      }
    }
    Instant at = input.at() == null ? now : input.at();
    if (input.endAt() != null && input.endAt().isBefore(at)) {
      errors.put("endTime", "The end is before the start.");
    }
    String tagProblem = Tags.problem(input.tags());
    if (tagProblem != null) {
      errors.put("tags", tagProblem);
    } else {
      attributeProblems(Tags.attributes(Tags.normalize(input.tags())), source, errors);
    }
    return errors;
  }

  /** The installation's extra attributes: mandatory ones present, choices respected. */
  private static void attributeProblems(
      Map<String, List<String>> attrs, EventSource source, Map<String, String> errors) {
    if (AUTOMATIC.contains(source)) {
      return;
    }
    for (EventAttribute attribute : EventAttribute.ordered()) {
      List<String> values = attrs.getOrDefault(attribute.key, List.of());
      String field = "attributes." + attribute.key;
      if (values.isEmpty()) {
        if (attribute.mandatory) {
          errors.put(
              field,
              attribute.label
                  + " is required: add the tag "
                  + attribute.key
                  + "=<value>"
                  + (attribute.choices.isEmpty()
                      ? "."
                      : " with one of " + String.join(", ", attribute.choices) + "."));
        }
        continue;
      }
      if (!attribute.multiple && values.size() > 1) {
        errors.put(field, attribute.label + " takes one value, not " + values.size() + ".");
        continue;
      }
      List<String> unknown = new ArrayList<>();
      for (String value : values) {
        if (!attribute.choices.isEmpty() && !attribute.choices.contains(value)) {
          unknown.add(value);
        }
      }
      if (!unknown.isEmpty()) {
        errors.put(
            field,
            attribute.label
                + ": "
                + String.join(", ", unknown)
                + " is not one of "
                + String.join(", ", attribute.choices)
                + ".");
      }
    }
  }

  private static void fill(Event event, EventInput input, Instant now) {
    List<String> tags = Tags.normalize(input.tags());
    event.at = input.at() == null ? now : input.at();
    event.endAt = input.endAt();
    event.title = input.title().strip();
    event.body = input.body() == null ? "" : input.body();
    event.tags = new ArrayList<>(tags);
    event.attrs = Tags.attributes(tags);
    event.updatedAt = now;
  }
}
