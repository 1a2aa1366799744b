package io.opsroom.web;

import io.opsroom.platform.ErrorBody;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Error answers in the caller's language: a page for browsers, JSON {@code {status, error, message,
 * fields}} for {@code /api} and for scripts that ask for JSON.
 */
@ApplicationScoped
public class ErrorPages {

  @CheckedTemplate(basePath = "web")
  static class Templates {
    static native TemplateInstance error(int status, String title, String message, boolean bare);
  }

  public Response response(int status, String message, Map<String, String> fields, boolean json) {
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "Error " + status : known.getReasonPhrase();
    if (json) {
      return Response.status(status)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ErrorBody(status, title, message, fields == null ? Map.of() : fields))
          .build();
    }
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(html(status, title, withFields(message, fields)))
        .build();
  }

  public String html(int status, String title, String message) {
    return Templates.error(status, title, message, false).render();
  }

  /** A page without the account menu, for answers given outside a REST request. */
  public String bareHtml(int status, String title, String message) {
    return Templates.error(status, title, message, true).render();
  }

  private static String withFields(String message, Map<String, String> fields) {
    if (fields == null || fields.size() < 2) {
      return message;
    }
    StringBuilder text = new StringBuilder(message);
    fields.forEach((field, problem) -> text.append(' ').append(field).append(": ").append(problem));
    return text.toString();
  }
}
