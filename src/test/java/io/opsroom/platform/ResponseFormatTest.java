package io.opsroom.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResponseFormatTest {

  @Test
  void theApiAnswersJsonWhateverTheCallerAccepts() {
    assertTrue(ResponseFormat.wantsJson("/api/tokens", "text/html", false));
    assertTrue(ResponseFormat.wantsJson("/api", null, false));
  }

  @Test
  void callersWithCredentialsAreScriptsAndGetJson() {
    assertTrue(ResponseFormat.wantsJson("/admin/users", null, true));
  }

  @Test
  void browsersGetPagesAndScriptsThatAskForJsonGetJson() {
    String chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    assertFalse(ResponseFormat.wantsJson("/servers", chrome, false));
    assertFalse(ResponseFormat.wantsJson("/servers", "*/*", false));
    assertFalse(ResponseFormat.wantsJson("/servers", null, false));
    assertTrue(ResponseFormat.wantsJson("/servers", "application/json", false));
    assertTrue(ResponseFormat.wantsJson("/servers", "application/problem+json; q=1", false));
    assertFalse(ResponseFormat.wantsJson("/apiary", null, false));
  }

  @Test
  void theGraphiteAndAnthraciteEndpointsAnswerJsonToScriptsAndGrafana() {
    String chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    assertTrue(ResponseFormat.wantsJson("/events/get_data", chrome, false));
    assertTrue(ResponseFormat.wantsJson("/events/add/script", null, false));
    // POST /events/ is graphite-web's receiver, and /events the event list page for browsers.
    assertTrue(ResponseFormat.wantsJson("/events/", null, false));
    assertTrue(ResponseFormat.wantsJson("/events", "*/*", false));
    assertFalse(ResponseFormat.wantsJson("/events", chrome, false));
    assertFalse(ResponseFormat.wantsJson("/events/", chrome, false));
    assertFalse(ResponseFormat.wantsJson("/events/42", null, false));
    assertFalse(ResponseFormat.wantsJson("/events/new", "*/*", false));
  }
}
