package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Contacts: found by email, created on first mention, assigned to servers and applications. */
@ApplicationScoped
public class ContactService {

  @Inject Clock clock;
  @Inject ChangeRecorder changes;
  @Inject InventoryLock lock;

  /** A contact in a role, as typed into a server or application. */
  public record ContactInput(String name, String email, String role) {}

  /** A contact's own fields. */
  public record ContactFields(String name, String email, String phone) {}

  /** What a contact list resolves to before anything is written. */
  record Resolved(String name, String email, String role) {}

  /** Checks a list of contacts in roles; every problem is recorded under {@code field}. */
  List<Resolved> check(List<ContactInput> input, Fields fields, String field) {
    List<Resolved> resolved = new ArrayList<>();
    if (input == null) {
      return resolved;
    }
    Set<String> seen = new HashSet<>();
    int position = 0;
    for (ContactInput c : input) {
      position++;
      if (c == null) {
        continue;
      }
      String where = "contact " + position + ": ";
      String email = Fields.blankToNull(c.email());
      String emailProblem = emailProblem(email);
      fields.check(emailProblem == null, field, where + emailProblem);
      String name = Fields.blankToNull(c.name());
      fields.check(
          name == null || (name.length() <= Fields.SHORT && !Names.hasControl(name)),
          field,
          where + "use a name of one line, at most " + Fields.SHORT + " characters.");
      String role =
          c.role() == null || c.role().isBlank() ? "technical" : Names.normalize(c.role());
      fields.check(
          ContactAssignment.ROLES.contains(role),
          field,
          where + "the role is one of " + String.join(", ", ContactAssignment.ROLES) + ".");
      if (emailProblem == null) {
        email = email.toLowerCase(java.util.Locale.ROOT);
        fields.check(
            name != null || Contact.findByEmail(email).isPresent(),
            field,
            where + "give the name of " + email + ", who is not a contact yet.");
        fields.check(seen.add(email + " " + role), field, where + email + " is listed twice.");
      }
      resolved.add(new Resolved(name, email, role));
    }
    return resolved;
  }

  /** The contact with this email, created (and recorded) when new. */
  Contact findOrCreate(Resolved r, String actor) {
    return Contact.findByEmail(r.email())
        .orElseGet(
            () -> {
              Contact contact = new Contact();
              contact.name = r.name();
              contact.email = r.email();
              contact.createdAt = clock.instant();
              contact.updatedAt = contact.createdAt;
              contact.persist();
              contact.flush();
              changes.record(actor, "contact", contact.id, contact.email, null, snapshot(contact));
              return contact;
            });
  }

  @Transactional
  public Contact update(String email, ContactFields input, String actor) {
    lock.acquire();
    Contact contact =
        Contact.findByEmail(Names.normalize(email))
            .orElseThrow(() -> new NotFoundException("No contact " + email));
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String name = fields.line("name", input.name(), Fields.SHORT);
    fields.check(name != null, "name", "Enter a name.");
    String newEmail = input.email() == null ? contact.email : fields.email("email", input.email());
    fields.check(newEmail != null, "email", "Enter an email address like name@example.org.");
    String phone = fields.line("phone", input.phone(), 50);
    problems.throwIfAny();
    if (!newEmail.equals(contact.email) && Contact.findByEmail(newEmail).isPresent()) {
      throw InvalidInputException.conflict("email", newEmail + " belongs to another contact.");
    }
    var before = snapshot(contact);
    contact.name = name;
    contact.email = newEmail;
    contact.phone = phone;
    contact.updatedAt = clock.instant();
    changes.record(actor, "contact", contact.id, contact.email, before, snapshot(contact));
    return contact;
  }

  private java.util.Map<String, Object> snapshot(Contact c) {
    return changes.snapshot(Contact.View.of(c));
  }

  private static String emailProblem(String email) {
    if (email == null) {
      return "enter the contact's email address.";
    }
    if (Names.hasControlOrSpace(email) || !email.matches("[^@]+@[^@]+\\.[^@]+")) {
      return "\"" + email.replaceAll("\\p{Cntrl}", "") + "\" is not an email address.";
    }
    return null;
  }
}
