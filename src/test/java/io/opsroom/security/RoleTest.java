package io.opsroom.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void eachRoleGrantsItselfAndTheRolesBelow() {
    assertEquals(Set.of("viewer"), Role.VIEWER.grantedRoles());
    assertEquals(Set.of("viewer", "editor"), Role.EDITOR.grantedRoles());
    assertEquals(Set.of("viewer", "editor", "admin"), Role.ADMIN.grantedRoles());
    assertTrue(Role.ADMIN.includes(Role.EDITOR));
    assertFalse(Role.VIEWER.includes(Role.EDITOR));
  }

  @Test
  void parsesNamesLeniently() {
    assertEquals(Optional.of(Role.EDITOR), Role.parse(" Editor "));
    assertEquals(Optional.empty(), Role.parse("root"));
    assertEquals(Optional.empty(), Role.parse(null));
  }

  @Test
  void loginRedirectsStayOnThisSite() {
    assertEquals("/servers/web1", LoginResource.safeNext("/servers/web1"));
    assertEquals("/", LoginResource.safeNext("https://evil.example/"));
    assertEquals("/", LoginResource.safeNext("//evil.example/"));
    assertEquals("/", LoginResource.safeNext("/\\evil.example"));
    assertEquals("/", LoginResource.safeNext(null));
  }
}
