package io.opsroom.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF token for the forms of a page ({@code inject:formToken}). It is the one the CSRF filter
 * issued for this request, or else the one the browser already holds, so that pages rendered after
 * the filter refused a request (error pages) can still show a working logout form.
 */
@RequestScoped
@Named("formToken")
public class FormToken {

  /** Where quarkus-rest-csrf leaves the token of the current request. */
  private static final String REQUEST_ATTRIBUTE = "csrf_token";

  @Inject RoutingContext context;

  @ConfigProperty(name = "quarkus.rest-csrf.form-field-name")
  String fieldName;

  @ConfigProperty(name = "quarkus.rest-csrf.cookie-name")
  String cookieName;

  public String name() {
    return fieldName;
  }

  public String value() {
    Object issued = context.get(REQUEST_ATTRIBUTE);
    if (issued != null) {
      return issued.toString();
    }
    Cookie cookie = context.request().getCookie(cookieName);
    return cookie == null ? "" : cookie.getValue();
  }
}
