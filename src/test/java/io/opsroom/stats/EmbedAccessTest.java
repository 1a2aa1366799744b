package io.opsroom.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With OPSROOM_ANONYMOUS_READ=false an application's embed token opens exactly its embed page,
 * panel images and stats JSON, read-only, and nothing else; without it the embeds need a login.
 */
@QuarkusTest
@TestProfile(EmbedGraphiteResource.Closed.class)
class EmbedAccessTest {

  static final String APP = EmbedGraphiteResource.APP;

  @Inject EmbedTokens tokens;
  @Inject Panels panels;
  @Inject PanelViews panelViews;
  @Inject EntityManager em;

  String token;

  @BeforeEach
  void shop() {
    EmbedFixtures.shop(panels);
    EmbedFixtures.application("embother", "Another app", "apps.embother");
    panelViews.clear();
    token = tokens.token(APP);
  }

  @Test
  void withoutTokenTheEmbedsNeedALogin() {
    given()
        .redirects()
        .follow(false)
        .accept("text/html")
        .get("/embed/applications/" + APP)
        .then()
        .statusCode(303)
        .header("Location", containsString("/login?next="));
    given().get("/api/applications/" + APP + "/stats").then().statusCode(401);
    given()
        .redirects()
        .follow(false)
        .get("/embed/applications/" + APP + "/requests.svg")
        .then()
        .statusCode(303);
  }

  @Test
  void theTokenOpensTheApplicationsEmbedsAndTheyKeepItInTheirLinks() {
    given()
        .get("/embed/applications/" + APP + "?token=" + token)
        .then()
        .statusCode(200)
        .header("Cache-Control", "private, max-age=60")
        .body(containsString("requests/min"))
        .body(containsString("href=\"?range=7d&amp;token=" + token + "\""));
    given()
        .get("/embed/applications/" + APP + "/requests.svg?range=7d&token=" + token)
        .then()
        .statusCode(200)
        .contentType(startsWith("image/svg+xml"));
    given()
        .get("/api/applications/" + APP + "/stats?token=" + token)
        .then()
        .statusCode(200)
        .header("Cache-Control", "private, max-age=60")
        .body("application", equalTo(APP));
    // A preflight carries no token and reveals nothing, so it is answered.
    given()
        .header("Origin", "http://127.0.0.1:" + EmbedGraphiteResource.otherSitePort())
        .header("Access-Control-Request-Method", "GET")
        .options("/api/applications/" + APP + "/stats")
        .then()
        .statusCode(204);
  }

  @Test
  void theTokenOpensNothingElse() {
    String other = tokens.token("embother");
    given()
        .redirects()
        .follow(false)
        .get("/embed/applications/" + APP + "?token=" + other)
        .then()
        .statusCode(303);
    given().get("/api/applications/" + APP + "/stats?token=" + other).then().statusCode(401);
    given().get("/api/applications/embother/stats?token=" + other).then().statusCode(200);
    for (String path :
        List.of("/servers", "/applications/" + APP, "/applications/" + APP + "/embed-snippet")) {
      given()
          .redirects()
          .follow(false)
          .accept("text/html")
          .get(path + "?token=" + token)
          .then()
          .statusCode(303);
    }
    given().get("/api/applications/" + APP + "?token=" + token).then().statusCode(401);
    given().get("/api/servers?token=" + token).then().statusCode(401);
    // Writes are never opened by it.
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/applications/" + APP + "/notes?token=" + token)
        .then()
        .statusCode(401);
    // Something like the token is not the token.
    String forged = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
    given().get("/api/applications/" + APP + "/stats?token=" + forged).then().statusCode(401);
    given().get("/api/applications/" + APP + "/stats?token=%25%25").then().statusCode(401);
  }

  @Test
  void theKeyIsGeneratedOnceAndKeptInTheDatabase() {
    String stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (String)
                        em.createNativeQuery(
                                "select value from instance_secret where name = 'embed-key'")
                            .getSingleResult());
    assertTrue(stored.length() >= 40, stored);
    assertEquals(token, tokens.token(APP));
    assertTrue(tokens.valid(APP, token));
    assertFalse(tokens.valid("embother", token));
    assertFalse(tokens.valid(APP, null));
  }

  @Test
  void editorsSeeTheTokenInTheSnippetViewersDoNot() {
    Api.withToken(Api.newToken("editor"))
        .accept("text/html")
        .get("/applications/" + APP + "/embed-snippet")
        .then()
        .statusCode(200)
        .body(containsString("/embed/applications/" + APP + "?token=" + token))
        .body(containsString("/api/applications/" + APP + "/stats?token=" + token))
        .body(containsString("only opens this application"));
    Api.withToken(Api.newToken("viewer"))
        .accept("text/html")
        .get("/applications/" + APP + "/embed-snippet")
        .then()
        .statusCode(200)
        .body(not(containsString(token)))
        .body(containsString("An editor sees it here"));
  }
}
