package io.opsroom.security;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * A permission to read one address without a login while anonymous read is off, carried by the
 * request itself (a token in the query, say). {@link ReadAccessFilter} asks every bean that
 * implements it, so features can open their own addresses without this package knowing them.
 */
public interface ReadGrant {

  /**
   * Whether this request may be answered without a login.
   *
   * @param method the HTTP method; only reads (GET, HEAD, OPTIONS) should ever be granted
   * @param path the decoded path, such as {@code /embed/applications/shop}
   * @param query the decoded query parameters
   */
  boolean grants(String method, String path, MultivaluedMap<String, String> query);
}
