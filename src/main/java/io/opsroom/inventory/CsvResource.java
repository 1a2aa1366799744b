package io.opsroom.inventory;

import io.opsroom.platform.ErrorBody;
import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The inventory as CSV files: {@code GET /api/export/{type}.csv} writes every server, application
 * or alias; {@code POST /api/import/{type}} checks a file (a preview) or, with {@code apply=true},
 * writes it when every line is fine.
 */
@Path("/api")
public class CsvResource {

  /**
   * The body types an import accepts. Not text/plain: a page on another site can make a browser
   * post text/plain with the user's session cookie and no preflight, but not text/csv.
   */
  private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv");

  static final MediaType TEXT_CSV = new MediaType("text", "csv", "UTF-8");

  @Inject CsvImporter importer;
  @Inject CsvExporter exporter;
  @Inject CurrentUser me;

  @GET
  @Path("export/{type}.csv")
  @Produces("text/csv")
  public Response export(@PathParam("type") String type) {
    CsvType t = type(type);
    return Response.ok(exporter.export(t), TEXT_CSV)
        .header("Content-Disposition", "attachment; filename=\"" + exporter.fileName(t) + "\"")
        .build();
  }

  /**
   * Answers 200 with the report for a preview and for a file that was written, 422 with the report
   * when {@code apply=true} found errors (nothing is written), 400 with the error body when the
   * file cannot be read at all.
   */
  @POST
  @Path("import/{type}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  public Response importFile(
      @PathParam("type") String type,
      @QueryParam("apply") String apply,
      @Context HttpHeaders headers,
      byte[] body) {
    CsvType t = type(type);
    boolean write = parseApply(apply);
    MediaType mediaType = headers.getMediaType();
    String baseType =
        mediaType == null
            ? ""
            : (mediaType.getType() + "/" + mediaType.getSubtype()).toLowerCase(Locale.ROOT);
    if (!CSV_TYPES.contains(baseType)) {
      return Response.status(415)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(
              new ErrorBody(
                  415,
                  "Unsupported Media Type",
                  "Send the CSV file as the request body with Content-Type: text/csv.",
                  Map.of()))
          .build();
    }
    // A charset parameter is not trusted: the body is decoded as UTF-8, strictly, whatever it says.
    ImportReport report = importer.run(t, body == null ? new byte[0] : body, write, me.username());
    int status = write && !report.applied() ? 422 : 200;
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(report).build();
  }

  static CsvType type(String type) {
    return CsvType.of(type)
        .orElseThrow(
            () ->
                new NotFoundException("Import and export know servers, applications and aliases."));
  }

  private static boolean parseApply(String apply) {
    if (apply == null || apply.isBlank() || apply.equalsIgnoreCase("false")) {
      return false;
    }
    if (apply.equalsIgnoreCase("true")) {
      return true;
    }
    throw InvalidInputException.field(
        "apply", "Use apply=true to import, or apply=false (the default) for a preview.");
  }
}
