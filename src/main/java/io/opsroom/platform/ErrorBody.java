package io.opsroom.platform;

import java.util.Map;

/**
 * The JSON body of every error answer. {@code error} is the HTTP reason phrase, {@code fields} maps
 * each refused input field to its message (empty when the problem is not about one field).
 */
public record ErrorBody(int status, String error, String message, Map<String, String> fields) {}
