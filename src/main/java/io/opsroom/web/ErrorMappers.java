package io.opsroom.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.opsroom.platform.InvalidInputException;
import io.opsroom.platform.ResponseFormat;
import io.opsroom.security.OpsroomAuthenticationMechanism;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as a tidy page or a JSON body; an unexpected one is logged with an incident id
 * that the answer repeats, and the answer says nothing about the code that failed.
 */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @Inject ErrorPages pages;

  @ServerExceptionMapper
  public Response invalidInput(InvalidInputException e, UriInfo uri, HttpHeaders headers) {
    return pages.response(e.status(), e.getMessage(), e.fieldErrors(), json(uri, headers));
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e, UriInfo uri, HttpHeaders headers) {
    return pages.response(
        404, "There is nothing at " + uri.getPath() + ".", Map.of(), json(uri, headers));
  }

  /**
   * An anonymous caller asked for something that needs a login: browsers go to the login page and
   * come back afterwards, scripts get 401 JSON that says what to send.
   */
  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
    if (json(uri, headers)) {
      return Response.fromResponse(
              pages.response(
                  401, OpsroomAuthenticationMechanism.UNAUTHORIZED_MESSAGE, Map.of(), true))
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .build();
    }
    String next = uri.getRequestUri().getRawPath();
    if (uri.getRequestUri().getRawQuery() != null) {
      next += "?" + uri.getRequestUri().getRawQuery();
    }
    return Response.seeOther(
            URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
        .build();
  }

  /** A JSON body that does not parse, or a value of the wrong type, such as a bad date. */
  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      String type =
          mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
              ? mismatch.getTargetType().getSimpleName()
              : "value";
      fields.put(field, "Not a valid " + type + expectedFormat(type) + ".");
    }
    var location = e.getLocation();
    String where =
        location == null
            ? ""
            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    String message;
    if (!fields.isEmpty()) {
      message = "A field of the body has the wrong type" + where + ".";
    } else if (e instanceof JsonMappingException) {
      message = "The body is JSON of the wrong shape" + where + ": send one JSON object.";
    } else {
      message = "The body is not valid JSON" + where + ".";
    }
    return pages.response(400, message, fields, true);
  }

  /** Registered on its own: Quarkus maps this exact type itself, without a JSON body. */
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
    return unreadableJson(e, uri, headers);
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
    return pages.response(
        403, "Your role does not allow this. Ask an admin.", Map.of(), json(uri, headers));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadableJson(unreadable, uri, headers);
    }
    // 502-504 say that something behind Opsroom (Graphite, say) failed: their message tells what.
    if (status >= 500 && (status < 502 || status > 504)) {
      return unexpected(e, uri, headers);
    }
    String message =
        switch (status) {
          case 400 -> "The request could not be read. Check its syntax and field types.";
          case 405 -> "This address does not accept " + "that method.";
          case 406 -> "This address cannot answer in the requested format.";
          case 415 -> "Send this request as JSON (Content-Type: application/json) or as a form.";
          default -> e.getMessage();
        };
    return pages.response(status, message, Map.of(), json(uri, headers));
  }

  /**
   * A database constraint refused a write that passed the checks in Java: another change got there
   * first. Nothing was written; the caller may reload and try again.
   */
  @ServerExceptionMapper
  public Response constraintViolation(
      org.hibernate.exception.ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
    LOG.infof("Refused by constraint %s on %s", e.getConstraintName(), uri.getPath());
    return pages.response(
        409,
        "This conflicts with data already stored ("
            + e.getConstraintName()
            + "). Nothing was"
            + " changed; reload and try again.",
        Map.of(),
        json(uri, headers));
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
    String incident = UUID.randomUUID().toString().substring(0, 8);
    LOG.errorf(e, "Unexpected error on %s (incident %s)", uri.getPath(), incident);
    return pages.response(
        500,
        "Something went wrong on our side (incident " + incident + "). It has been logged.",
        Map.of(),
        json(uri, headers));
  }

  private static String expectedFormat(String type) {
    return switch (type) {
      case "Instant" -> ": use an ISO-8601 UTC time such as 2026-01-31T12:00:00Z";
      case "LocalDate" -> ": use a date such as 2026-01-31";
      default -> "";
    };
  }

  private static boolean json(UriInfo uri, HttpHeaders headers) {
    return ResponseFormat.wantsJson(
        uri.getPath(),
        headers.getHeaderString(HttpHeaders.ACCEPT),
        headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null);
  }
}
