package io.opsroom.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What monitoring and API clients rely on: metrics, the OpenAPI document, static files. */
@QuarkusTest
class OperationsEndpointsTest {

  @Test
  void prometheusMetricsAreServed() {
    given().get("/api/me").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count"))
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void theOpenApiDocumentDescribesTheJsonApiWithBearerTokens() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/tokens"))
        .body("paths", not(org.hamcrest.Matchers.hasKey("/login")))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/servers"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/aliases/{hostname}/confirm"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/applications/{name}/notes"))
        .body("paths", not(org.hamcrest.Matchers.hasKey("/servers")))
        .body("paths", not(org.hamcrest.Matchers.hasKey("/aliases/request")))
        .body("paths", not(org.hamcrest.Matchers.hasKey("/locations")))
        .body("components.securitySchemes.apiToken.scheme", equalTo("bearer"));
  }

  @Test
  void stylesAndScriptsComeFromTheApplicationItself() {
    given().get("/css/opsroom.css").then().statusCode(200).body(containsString("--accent"));
    given().get("/js/opsroom.js").then().statusCode(200);
    given()
        .get("/login")
        .then()
        .body(containsString("href=\"/css/opsroom.css"))
        .body(not(containsString("https://")));
  }
}
