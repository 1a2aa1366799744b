package io.opsroom.stats;

import io.opsroom.security.CurrentUser;
import io.opsroom.security.SecurityConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The "Embed" section of an application's page, as an HTML fragment the page loads into its
 * section: the iframe, image and JSON addresses to copy into the application's own {@code /stats/}
 * page, with its embed token when anonymous read is off and the viewer may see it.
 */
@Path("/applications/{name}/embed-snippet")
public class EmbedSnippetPages {

  @Inject ApplicationEmbeds embeds;
  @Inject EmbedTokens tokens;
  @Inject CurrentUser me;
  @Inject SecurityConfig security;
  @Inject Panels panels;

  @ConfigProperty(name = "opsroom.base-url", defaultValue = "http://localhost:8080")
  String baseUrl;

  /**
   * What the fragment shows.
   *
   * @param name the application
   * @param page the embed page's address
   * @param image one panel image's address
   * @param json the stats JSON's address
   * @param open whether anyone may read without a login (then no token is needed)
   * @param token the embed token when the viewer may see it and it is needed; else null
   */
  public record Snippet(
      String name, String page, String image, String json, boolean open, String token) {

    /** The line to paste: an iframe of the embed page. */
    public String iframe() {
      return "<iframe src=\""
          + page
          + "\" title=\""
          + name
          + " stats\" width=\"100%\" height=\"720\" style=\"border:0\" loading=\"lazy\"></iframe>";
    }

    /** The line to paste for one panel as an image. */
    public String img() {
      return "<img src=\""
          + image
          + "\" alt=\""
          + name
          + " requests\" width=\"480\" height=\"200\">";
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance snippet(Snippet snippet);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public String snippet(@PathParam("name") String name) {
    String app = embeds.name(name);
    boolean open = security.anonymousRead();
    String token = !open && me.canEdit() ? tokens.token(app) : null;
    String suffix = token == null ? "" : "?" + EmbedTokens.PARAMETER + "=" + token;
    String base = baseUrl.replaceAll("/+$", "");
    String encoded = EmbedPages.encode(app);
    List<Panel> all = panels.of(Panel.Scope.APPLICATIONS);
    String first = all.isEmpty() ? "requests" : all.get(0).id();
    return Templates.snippet(
            new Snippet(
                app,
                base + "/embed/applications/" + encoded + suffix,
                base + "/embed/applications/" + encoded + "/" + first + ".svg" + suffix,
                base + "/api/applications/" + encoded + "/stats" + suffix,
                open,
                token))
        .render();
  }
}
