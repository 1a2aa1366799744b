package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The import page: upload a CSV file or paste its lines, see what each line would do, then import.
 * The preview's Import button posts the same bytes again, so what is imported is what was previewed
 * (checked once more, as the inventory may have changed in between).
 */
@Path("/inventory/import")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.EDITOR_NAME)
public class ImportPageResource {

  @Inject CsvImporter importer;
  @Inject CurrentUser me;

  /** What the page shows: the form as it was filled in, and the report or the problem, if any. */
  public record Form(
      String type, String text, String content, ImportReport report, Map<String, String> errors) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance importPage(List<CsvType> types, Form form);
  }

  @GET
  public TemplateInstance page(@QueryParam("type") String type) {
    String t = CsvType.of(type).orElse(CsvType.SERVERS).plural();
    return Templates.importPage(List.of(CsvType.values()), new Form(t, "", null, null, Map.of()));
  }

  /**
   * Previews ({@code action=preview}) or imports ({@code action=apply}) the uploaded file, the
   * pasted text, or the base64 {@code content} that a preview hands to its Import button.
   */
  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response submit(
      @RestForm String type,
      @RestForm("file") FileUpload file,
      @RestForm String text,
      @RestForm String content,
      @RestForm String action) {
    String pasted = text == null ? "" : text;
    CsvType t = CsvType.of(type).orElse(null);
    if (t == null) {
      return page(
          400,
          new Form("servers", pasted, null, null, Map.of("type", "Choose what the file holds.")));
    }
    boolean apply = "apply".equals(action);
    try {
      byte[] bytes = bytes(file, pasted, content);
      ImportReport report = importer.run(t, bytes, apply, me.username());
      // The Import button carries the exact bytes, base64-encoded: a textarea would not do, as
      // browsers turn every line break in it into CR LF when they submit it.
      String again =
          !apply && report.counts().error() == 0 && report.counts().changes() > 0
              ? Base64.getEncoder().encodeToString(bytes)
              : null;
      int status = apply && !report.applied() ? 422 : 200;
      return page(status, new Form(t.plural(), apply ? "" : pasted, again, report, Map.of()));
    } catch (InvalidInputException e) {
      return page(e.status(), new Form(t.plural(), pasted, null, null, e.fieldErrors()));
    }
  }

  private static byte[] bytes(FileUpload file, String text, String content) {
    if (content != null && !content.isBlank()) {
      try {
        return Base64.getDecoder().decode(content.strip());
      } catch (IllegalArgumentException e) {
        throw InvalidInputException.field("file", "The form was damaged: preview the file again.");
      }
    }
    if (file != null && file.size() > 0) {
      CsvTable.checkSize(file.size());
      try {
        return Files.readAllBytes(file.uploadedFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!text.isBlank()) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    throw InvalidInputException.field("file", "Choose a CSV file, or paste its lines below.");
  }

  private static Response page(int status, Form form) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(Templates.importPage(List.of(CsvType.values()), form))
        .build();
  }
}
