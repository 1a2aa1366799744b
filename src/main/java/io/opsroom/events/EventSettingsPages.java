package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin page for events at {@code /admin/events}: the extra attributes events carry (add, edit,
 * delete) and the tags the event form suggests.
 */
@Path("/admin/events")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class EventSettingsPages {

  @Inject EventSettingsService settings;

  /** The attribute form as typed; choices in one text box, separated by commas. */
  public record AttributeForm(
      String key,
      String label,
      String choices,
      boolean mandatory,
      boolean multiple,
      String position) {

    static final AttributeForm EMPTY = new AttributeForm("", "", "", false, false, "");

    static AttributeForm of(EventAttribute a) {
      return new AttributeForm(
          a.key,
          a.label,
          String.join(", ", a.choices),
          a.mandatory,
          a.multiple,
          Integer.toString(a.position));
    }

    /** The input, or the position's problem added to {@code errors}. */
    EventSettingsService.AttributeInput input(Map<String, String> errors) {
      Integer at = null;
      if (position != null && !position.isBlank()) {
        try {
          at = Integer.valueOf(position.strip());
        } catch (NumberFormatException e) {
          errors.put("position", "The position is a whole number, such as 1, 2 or 10.");
        }
      }
      return new EventSettingsService.AttributeInput(
          key, label, mandatory, EventSettingsService.splitChoices(choices), multiple, at);
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance settings(
        List<EventAttribute> attributes,
        AttributeForm form,
        Map<String, String> errors,
        String tags,
        String notice);

    static native TemplateInstance attribute(
        String key, AttributeForm form, Map<String, String> errors);
  }

  @GET
  @Transactional
  public String page(@QueryParam("done") String done, @QueryParam("key") String key) {
    return settingsPage(AttributeForm.EMPTY, Map.of(), null, notice(done, key));
  }

  /**
   * The line saying what the last form did. Made from fixed words and a valid key only, so a link
   * cannot make the page say something else.
   */
  static String notice(String done, String key) {
    String k = key != null && EventSettingsService.KEY.matcher(key).matches() ? key : "";
    if (done == null) {
      return null;
    }
    return switch (done) {
      case "added" -> "Added the attribute " + k + ".";
      case "saved" -> "Saved the attribute " + k + ".";
      case "deleted" -> "Deleted the attribute " + k + ". Events keep their " + k + "= tags.";
      case "tags" -> "Saved the suggested tags.";
      default -> null;
    };
  }

  @POST
  @Path("attributes")
  public Response create(
      @FormParam("key") String key,
      @FormParam("label") String label,
      @FormParam("choices") String choices,
      @FormParam("mandatory") String mandatory,
      @FormParam("multiple") String multiple,
      @FormParam("position") String position) {
    AttributeForm form =
        new AttributeForm(key, label, choices, checked(mandatory), checked(multiple), position);
    Map<String, String> errors = new LinkedHashMap<>();
    EventSettingsService.AttributeInput input = form.input(errors);
    try {
      if (!errors.isEmpty()) {
        // The position did not parse: show the other fields' problems with it.
        EventSettingsService.problems(input).forEach(errors::putIfAbsent);
        throw new InvalidInputException(400, errors);
      }
      EventAttribute created = settings.create(input);
      return done("added", created.key);
    } catch (InvalidInputException e) {
      Map<String, String> all = new LinkedHashMap<>(errors);
      e.fieldErrors().forEach(all::putIfAbsent);
      return Response.status(e.status())
          .entity(QuarkusTransaction.requiringNew().call(() -> settingsPage(form, all, null, null)))
          .build();
    }
  }

  @GET
  @Path("attributes/{key}")
  @Transactional
  public String edit(@PathParam("key") String key) {
    EventAttribute attribute = settings.attribute(key);
    return Templates.attribute(attribute.key, AttributeForm.of(attribute), Map.of()).render();
  }

  @POST
  @Path("attributes/{key}")
  public Response update(
      @PathParam("key") String key,
      @FormParam("label") String label,
      @FormParam("choices") String choices,
      @FormParam("mandatory") String mandatory,
      @FormParam("multiple") String multiple,
      @FormParam("position") String position) {
    String stored = settings.attribute(key).key;
    AttributeForm form =
        new AttributeForm(stored, label, choices, checked(mandatory), checked(multiple), position);
    Map<String, String> errors = new LinkedHashMap<>();
    EventSettingsService.AttributeInput input = form.input(errors);
    try {
      if (!errors.isEmpty()) {
        // The position did not parse: show the other fields' problems with it.
        EventSettingsService.problems(input).forEach(errors::putIfAbsent);
        throw new InvalidInputException(400, errors);
      }
      settings.update(stored, input);
      return done("saved", stored);
    } catch (InvalidInputException e) {
      Map<String, String> all = new LinkedHashMap<>(errors);
      e.fieldErrors().forEach(all::putIfAbsent);
      return Response.status(e.status())
          .entity(Templates.attribute(stored, form, all).render())
          .build();
    }
  }

  /** Deletes the attribute; the events that carry its tags keep them. */
  @POST
  @Path("attributes/{key}/delete")
  public Response delete(@PathParam("key") String key) {
    String stored = settings.attribute(key).key;
    settings.delete(stored);
    return done("deleted", stored);
  }

  /** Replaces the suggested tags with the text box's words, one per line. */
  @POST
  @Path("suggested-tags")
  public Response suggestedTags(@FormParam("tags") String tags) {
    try {
      settings.replaceSuggestedTags(lines(tags));
      return done("tags", null);
    } catch (InvalidInputException e) {
      return Response.status(e.status())
          .entity(
              QuarkusTransaction.requiringNew()
                  .call(
                      () ->
                          settingsPage(
                              AttributeForm.EMPTY,
                              e.fieldErrors(),
                              tags == null ? "" : tags,
                              null)))
          .build();
    }
  }

  private String settingsPage(
      AttributeForm form, Map<String, String> errors, String tags, String notice) {
    String text = tags != null ? tags : String.join("\n", settings.suggestedTags());
    return Templates.settings(settings.attributes(), form, errors, text, notice).render();
  }

  /** Back to the page, which says what happened. */
  private static Response done(String what, String key) {
    String query =
        "done="
            + what
            + (key == null ? "" : "&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    return Response.seeOther(URI.create("/admin/events?" + query)).build();
  }

  private static boolean checked(String value) {
    return value != null && !value.isBlank() && !"false".equalsIgnoreCase(value.strip());
  }

  /**
   * One tag per line (or comma); a line with a space in it stays one, so it is refused with the
   * reason instead of becoming two tags nobody meant.
   */
  static List<String> lines(String text) {
    List<String> tags = new java.util.ArrayList<>();
    if (text != null) {
      for (String line : text.split("[\\r\\n,]+")) {
        if (!line.isBlank()) {
          tags.add(line.strip());
        }
      }
    }
    return tags;
  }
}
