package io.opsroom.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like session for REST Assured: cookies kept between requests, and the CSRF token read
 * from the pages as a browser's form would carry it.
 */
public final class WebSession {

  public static final String CSRF_FIELD = "csrf-token";
  private static final Pattern CSRF_INPUT =
      Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]*)\"");

  private final Map<String, String> cookies = new HashMap<>();
  private String csrfToken = "";

  /** A session that has opened the login page, so it holds a CSRF cookie and token. */
  public static WebSession anonymous() {
    WebSession session = new WebSession();
    session.get("/login").then().statusCode(200);
    return session;
  }

  /** Logs in through the real form; fails the test if the login does not succeed. */
  public static WebSession login(String username, String password) {
    WebSession session = anonymous();
    session
        .postForm("/login", Map.of("username", username, "password", password, "next", "/"))
        .then()
        .statusCode(303);
    return session;
  }

  public RequestSpecification request() {
    return given().redirects().follow(false).cookies(cookies);
  }

  public Response get(String path) {
    return remember(request().get(path));
  }

  /** Posts a form with this session's CSRF token, as the page's form would. */
  public Response postForm(String path, Map<String, String> fields) {
    Map<String, String> withToken = new HashMap<>(fields);
    withToken.put(CSRF_FIELD, csrfToken);
    return postFormWithoutToken(path, withToken);
  }

  /** Posts a form exactly as given: no CSRF token is added. */
  public Response postFormWithoutToken(String path, Map<String, String> fields) {
    return remember(
        request().contentType("application/x-www-form-urlencoded").formParams(fields).post(path));
  }

  public String csrfToken() {
    return csrfToken;
  }

  public Map<String, String> cookies() {
    return Map.copyOf(cookies);
  }

  private Response remember(Response response) {
    response
        .getDetailedCookies()
        .forEach(
            cookie -> {
              if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
              } else {
                cookies.put(cookie.getName(), cookie.getValue());
              }
            });
    String contentType = response.getContentType();
    if (contentType != null && contentType.startsWith("text/html")) {
      Matcher matcher = CSRF_INPUT.matcher(response.getBody().asString());
      if (matcher.find()) {
        csrfToken = matcher.group(1);
      }
    }
    return response;
  }
}
