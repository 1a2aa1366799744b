package io.opsroom.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The home page: the status grid of every alert, which the alert engine fills in. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance home();
  }

  @GET
  public TemplateInstance home() {
    return Templates.home();
  }
}
