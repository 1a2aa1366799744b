package io.opsroom.events;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin page for extra attributes and suggested tags, through its forms. */
@QuarkusTest
class EventSettingsPagesTest {

  WebSession admin;
  final List<String> made = new ArrayList<>();
  List<String> suggestedBefore;

  @BeforeEach
  void logIn() {
    admin = WebSession.login(Api.newUser("admin"), Api.PASSWORD);
    suggestedBefore = EventSuggestedTag.ordered();
  }

  @AfterEach
  void cleanUp() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              made.forEach(k -> EventAttribute.deleteById(k));
              EventSuggestedTag.deleteAll();
              int i = 1;
              for (String tag : suggestedBefore) {
                EventSuggestedTag t = new EventSuggestedTag();
                t.tag = tag;
                t.position = i++;
                t.persist();
              }
            });
  }

  static EventAttribute stored(String key) {
    return QuarkusTransaction.requiringNew().call(() -> EventAttribute.findById(key));
  }

  @Test
  void theUsersPageLinksHereAndOnlyAdminsGetIn() {
    admin.get("/admin/users").then().body(containsString("href=\"/admin/events\""));
    admin.get("/admin/events").then().statusCode(200).body(containsString("Suggested tags"));
    WebSession.login(Api.newUser("editor"), Api.PASSWORD)
        .get("/admin/events")
        .then()
        .statusCode(403);
  }

  @Test
  void anAttributeIsAddedEditedAndDeletedThroughTheForms() {
    String key = Api.unique("form").replace("-", "_");
    made.add(key);
    admin
        .postForm(
            "/admin/events/attributes",
            Map.of(
                "key",
                key,
                "label",
                "Environment",
                "choices",
                "production, staging",
                "mandatory",
                "true",
                "position",
                "3"))
        .then()
        .statusCode(303);
    EventAttribute added = stored(key);
    assertEquals("Environment", added.label);
    assertEquals(List.of("production", "staging"), added.choices);
    assertTrue(added.mandatory);
    assertTrue(!added.multiple);
    assertEquals(3, added.position);
    admin
        .get("/admin/events?done=added&key=" + key)
        .then()
        .body(containsString("Added the attribute " + key + "."))
        .body(containsString("data-attribute=\"" + key + "\""));

    admin
        .get("/admin/events/attributes/" + key)
        .then()
        .statusCode(200)
        .body(containsString("production, staging"));
    admin
        .postForm(
            "/admin/events/attributes/" + key,
            Map.of("label", "Env", "choices", "production", "multiple", "true", "position", "3"))
        .then()
        .statusCode(303);
    EventAttribute edited = stored(key);
    assertEquals("Env", edited.label);
    assertEquals(List.of("production"), edited.choices);
    assertTrue(!edited.mandatory, "an unticked box is false");
    assertTrue(edited.multiple);

    admin.postForm("/admin/events/attributes/" + key + "/delete", Map.of()).then().statusCode(303);
    assertEquals(null, stored(key));
  }

  @Test
  void fieldErrorsAreShownAtTheirFieldsAndNothingIsSaved() {
    String key = Api.unique("dup").replace("-", "_");
    made.add(key);
    admin
        .postForm(
            "/admin/events/attributes",
            Map.of("key", "Bad Key", "label", "", "choices", "a, b c", "position", "first"))
        .then()
        .statusCode(400)
        .body(containsString("id=\"key-error\""))
        .body(containsString("A label is required"))
        .body(containsString("The choice &quot;b c&quot; cannot be a tag value"))
        .body(containsString("The position is a whole number"))
        .body(containsString("value=\"Bad Key\""));

    admin
        .postForm("/admin/events/attributes", Map.of("key", key, "label", "One"))
        .then()
        .statusCode(303);
    admin
        .postForm("/admin/events/attributes", Map.of("key", key, "label", "Two"))
        .then()
        .statusCode(409)
        .body(containsString("exists already"));
    admin
        .postForm("/admin/events/attributes/" + key, Map.of("label", " "))
        .then()
        .statusCode(400)
        .body(containsString("A label is required"));
    assertEquals("One", stored(key).label);
  }

  @Test
  void theSuggestedTagsAreOnePerLine() {
    admin
        .postForm("/admin/events/suggested-tags", Map.of("tags", "deploy\nConfig\n\nenv=prod\n"))
        .then()
        .statusCode(303);
    assertEquals(List.of("deploy", "config", "env=prod"), EventSuggestedTag.ordered());

    admin
        .postForm("/admin/events/suggested-tags", Map.of("tags", "deploy\nnot one"))
        .then()
        .statusCode(400)
        .body(containsString("id=\"tags-error\""))
        .body(containsString("deploy\nnot one</textarea>"))
        .body(not(containsString("data-notice")));
    assertEquals(List.of("deploy", "config", "env=prod"), EventSuggestedTag.ordered());
  }
}
