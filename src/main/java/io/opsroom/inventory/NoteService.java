package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;

/** Adds notes to servers, applications and aliases. Notes are never edited or deleted. */
@ApplicationScoped
public class NoteService {

  /** The longest note, in characters: a long runbook fits, a pasted log file does not. */
  public static final int MAX_LENGTH = 65_536;

  @Inject Clock clock;

  /** A note as typed; {@code kind} is info (the default), change or warning. */
  public record NoteInput(String body, String kind) {}

  /** Adds a note to the object of {@code type} (server, application, alias) named {@code name}. */
  @Transactional
  public Note add(String type, String name, NoteInput input, String actor) {
    Note note = new Note();
    String key = Names.canonicalHostname(name);
    switch (type) {
      case "server" ->
          note.server =
              Server.findByName(key).orElseThrow(() -> new NotFoundException("No server " + name));
      case "application" ->
          note.application =
              Application.findByName(key)
                  .orElseThrow(() -> new NotFoundException("No application " + name));
      case "alias" ->
          note.alias =
              DnsAlias.findByHostname(key)
                  .orElseThrow(() -> new NotFoundException("No alias " + name));
      default -> throw new NotFoundException("Notes are kept on servers, applications and aliases");
    }
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String body = input.body() == null ? null : input.body().strip();
    fields.check(body != null && !body.isEmpty(), "body", "Write the note first.");
    fields.check(
        body == null || body.length() <= MAX_LENGTH,
        "body",
        "A note has at most "
            + MAX_LENGTH / 1024
            + " KB of text; put long logs or files elsewhere and link to them.");
    String kind = fields.choice("kind", input.kind(), Note.KINDS, "info");
    problems.throwIfAny();
    note.body = body;
    note.kind = kind;
    note.author = actor;
    note.createdAt = clock.instant();
    note.persist();
    return note;
  }

  /** A note written by Opsroom itself, e.g. when the hostmaster confirms an alias. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Note addSystemNote(DnsAlias alias, String kind, String body, String actor) {
    Note note = new Note();
    note.alias = alias;
    note.kind = kind;
    note.body = body;
    note.author = actor;
    note.createdAt = clock.instant();
    note.persist();
    return note;
  }
}
