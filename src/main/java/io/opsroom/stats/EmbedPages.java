package io.opsroom.stats;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's embeds: a small self-contained page for an iframe on the application's own
 * {@code /stats/} page, and each panel as an SVG image for an {@code <img>} tag. Both come from the
 * panels' cache, may be framed by the sites in {@code opsroom.stats.frame-ancestors}, and open to
 * the application's embed token when anonymous read is off.
 */
@Path("/embed/applications/{name}")
public class EmbedPages {

  static final String SVG = "image/svg+xml";

  /** Longer notes would run off the side of a panel image. */
  private static final int MESSAGE_LENGTH = 70;

  @Inject ApplicationEmbeds embeds;
  @Inject EmbedHeaders headers;
  @Inject Panels panels;

  /** A range the page offers, with the link to it (which keeps the token). */
  public record RangeLink(String word, String href, boolean current) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance page(
        ApplicationEmbeds.Snapshot stats,
        List<RangeLink> ranges,
        long refreshSeconds,
        String opsroomHref);

    static native TemplateInstance svgMessage(
        String title, String message, String second, int width, int height);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public Response page(
      @PathParam("name") String name,
      @QueryParam("range") String range,
      @QueryParam(EmbedTokens.PARAMETER) String token,
      @Context HttpHeaders request) {
    StatsRange chosen = StatsRange.parse(range);
    ApplicationEmbeds.Snapshot stats = embeds.snapshot(name, chosen);
    List<RangeLink> ranges = new ArrayList<>();
    for (StatsRange r : StatsRange.values()) {
      ranges.add(new RangeLink(r.word(), "?" + query(r, token), r == chosen));
    }
    String html =
        Templates.page(
                stats,
                ranges,
                Math.max(10, headers.maxAge()),
                "/applications/" + encode(stats.name()))
            .render();
    return headers.cached(
        Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")),
        stats.etag(),
        request,
        EmbedHeaders.PAGE_POLICY,
        false);
  }

  @GET
  @Path("{panel}.svg")
  @Produces(SVG)
  public Response svg(
      @PathParam("name") String name,
      @PathParam("panel") String panelId,
      @QueryParam("range") String range,
      @QueryParam(EmbedTokens.PARAMETER) String token,
      @Context HttpHeaders request) {
    StatsRange chosen = StatsRange.parse(range);
    Panel panel;
    try {
      panel = embeds.panel(panelId);
    } catch (NotFoundException e) {
      // An image tag shows an image, so the refusal is one too; the application must exist.
      embeds.name(name);
      return Response.status(404)
          .type(SVG)
          .entity(message("No such panel", panelId, "Panels: " + panelIds()))
          .header("Content-Security-Policy", headers.policy(EmbedHeaders.SVG_POLICY))
          .header("Vary", "Origin")
          .build();
    }
    PanelViews.View view = embeds.view(name, panel, chosen);
    String body =
        view.drawn()
            ? standalone(view.svg(), PanelViews.Size.EMBED)
            : message(panel.title() + " · " + chosen.word(), view.note(), null);
    return headers.cached(
        Response.ok(body, SVG + ";charset=UTF-8"),
        view.etag(),
        request,
        EmbedHeaders.SVG_POLICY,
        true);
  }

  @OPTIONS
  @Path("{panel}.svg")
  public Response preflight(@Context HttpHeaders request) {
    return headers.preflight(request);
  }

  /**
   * A drawn panel as an SVG document of its own: an XML declaration, the SVG namespace, and a fixed
   * size instead of the page's 100% width, which an image has nothing to be a percentage of.
   */
  static String standalone(String svg, PanelViews.Size size) {
    int open = svg.indexOf('>');
    String tag = svg.substring(0, open);
    String rest = svg.substring(open);
    tag =
        tag.replaceFirst(
            " width=\"100%\"", " width=\"" + size.width() + "\" height=\"" + size.height() + "\"");
    // JFreeSVG declares the namespace (in single quotes); a drawing from elsewhere might not.
    if (!tag.matches("(?s).*\\sxmlns=.*")) {
      tag = tag.replaceFirst("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + tag + rest;
  }

  /** A small image that says why there is no graph. */
  static String message(String title, String note, String second) {
    String text = note == null || note.isBlank() ? "Not drawn" : note;
    if (text.length() > MESSAGE_LENGTH) {
      text = text.substring(0, MESSAGE_LENGTH - 1) + "…";
    }
    String body =
        Templates.svgMessage(
                title,
                text,
                second == null ? "" : second,
                PanelViews.Size.EMBED.width(),
                PanelViews.Size.EMBED.height())
            .render();
    return body.strip();
  }

  private String panelIds() {
    return String.join(", ", panels.of(Panel.Scope.APPLICATIONS).stream().map(Panel::id).toList());
  }

  /**
   * The query of a link of the embed: the range and, when the page was opened with one, the token.
   */
  static String query(StatsRange range, String token) {
    String query = "range=" + range.word();
    if (token != null && !token.isBlank()) {
      query += "&" + EmbedTokens.PARAMETER + "=" + encode(token.strip());
    }
    return query;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
