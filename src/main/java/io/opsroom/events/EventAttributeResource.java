package io.opsroom.events;

import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * The event settings over JSON: the extra attributes ({@code /api/event-attributes}) and the
 * suggested tags ({@code /api/event-suggested-tags}). Everyone who may read sees them (forms and
 * scripts need them); only admins change them.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventAttributeResource {

  @Inject EventSettingsService settings;

  /** An extra attribute: its key, the form's label, the rules and the form's order. */
  public record AttributeView(
      String key,
      String label,
      boolean mandatory,
      List<String> choices,
      boolean multiple,
      int position) {

    static AttributeView of(EventAttribute a) {
      return new AttributeView(
          a.key, a.label, a.mandatory, List.copyOf(a.choices), a.multiple, a.position);
    }
  }

  /** The suggested tags, in the form's order. */
  public record SuggestedTags(List<String> tags) {}

  @GET
  @Path("event-attributes")
  public List<AttributeView> list() {
    return settings.attributes().stream().map(AttributeView::of).toList();
  }

  @GET
  @Path("event-attributes/{key}")
  public AttributeView get(@PathParam("key") String key) {
    return AttributeView.of(settings.attribute(key));
  }

  @POST
  @Path("event-attributes")
  @RolesAllowed(Role.ADMIN_NAME)
  public Response create(EventSettingsService.AttributeInput input) {
    AttributeView created = AttributeView.of(settings.create(orEmpty(input)));
    return Response.created(URI.create("/api/event-attributes/" + created.key()))
        .entity(created)
        .build();
  }

  @PUT
  @Path("event-attributes/{key}")
  @RolesAllowed(Role.ADMIN_NAME)
  public AttributeView update(
      @PathParam("key") String key, EventSettingsService.AttributeInput input) {
    return AttributeView.of(settings.update(key, orEmpty(input)));
  }

  /** Deletes the attribute; the events that carry its key=value tags keep them. */
  @DELETE
  @Path("event-attributes/{key}")
  @RolesAllowed(Role.ADMIN_NAME)
  public Response delete(@PathParam("key") String key) {
    settings.delete(key);
    return Response.noContent().build();
  }

  @GET
  @Path("event-suggested-tags")
  public SuggestedTags suggestedTags() {
    return new SuggestedTags(settings.suggestedTags());
  }

  /** Replaces the whole list. */
  @PUT
  @Path("event-suggested-tags")
  @RolesAllowed(Role.ADMIN_NAME)
  public SuggestedTags replaceSuggestedTags(SuggestedTags input) {
    return new SuggestedTags(
        settings.replaceSuggestedTags(input == null ? List.of() : input.tags()));
  }

  private static EventSettingsService.AttributeInput orEmpty(
      EventSettingsService.AttributeInput input) {
    return input != null
        ? input
        : new EventSettingsService.AttributeInput(null, null, null, null, null, null);
  }
}
