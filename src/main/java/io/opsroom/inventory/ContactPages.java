package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The contacts page: who to call, for what, and their phone numbers. */
@Path("/contacts")
@Produces(MediaType.TEXT_HTML)
public class ContactPages {

  @Inject ContactService contacts;
  @Inject CurrentUser me;

  /** A contact and the servers and applications they answer for. */
  public record ContactRow(Contact contact, List<ContactAssignment> assignments) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance contacts(List<ContactRow> rows, Map<String, String> errors);
  }

  @GET
  @Transactional
  public String list() {
    return page(Map.of());
  }

  @POST
  @Path("{email}")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response update(
      @PathParam("email") String email,
      @FormParam("name") String name,
      @FormParam("phone") String phone) {
    try {
      contacts.update(email, new ContactService.ContactFields(name, null, phone), me.username());
      return Response.seeOther(URI.create("/contacts")).build();
    } catch (InvalidInputException e) {
      String problems = String.join(" ", e.fieldErrors().values());
      Map<String, String> errors = Map.of("row", email + ": " + problems);
      return Response.status(e.status())
          .entity(QuarkusTransaction.requiringNew().call(() -> page(errors)))
          .build();
    }
  }

  private String page(Map<String, String> errors) {
    List<Contact> all = Contact.list("order by name, email");
    Map<Long, List<ContactAssignment>> byContact =
        ContactAssignment.<ContactAssignment>list("order by role, id").stream()
            .collect(java.util.stream.Collectors.groupingBy(a -> a.contact.id));
    List<ContactRow> rows =
        all.stream().map(c -> new ContactRow(c, byContact.getOrDefault(c.id, List.of()))).toList();
    return Templates.contacts(rows, errors).render();
  }
}
