package io.opsroom.security;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores roles as their lower-case names, which the table's check constraint lists. */
@Converter(autoApply = true)
public class RoleConverter implements AttributeConverter<Role, String> {

  @Override
  public String convertToDatabaseColumn(Role role) {
    return role == null ? null : role.value();
  }

  @Override
  public Role convertToEntityAttribute(String value) {
    return value == null
        ? null
        : Role.parse(value).orElseThrow(() -> new IllegalStateException("Unknown role " + value));
  }
}
