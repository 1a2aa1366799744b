package io.opsroom.stats;

import io.opsroom.inventory.Names;
import io.opsroom.security.ReadGrant;
import io.opsroom.security.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MultivaluedMap;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Read-only embed tokens: the token of an application opens its embed page, its panel images and
 * its stats JSON, and nothing else, when anonymous read is off. A token is the HMAC-SHA256 of the
 * application's name under a key of the installation, so nothing is stored per token; changing the
 * key ({@code OPSROOM_STATS_EMBED_KEY}, or the generated one in {@code instance_secret}) revokes
 * them all.
 */
@ApplicationScoped
public class EmbedTokens implements ReadGrant {

  /** The query parameter embeds carry their token in. */
  public static final String PARAMETER = "token";

  /** The name of the generated key in {@code instance_secret}. */
  static final String SECRET_NAME = "embed-key";

  private static final Pattern EMBED =
      Pattern.compile("/embed/applications/([^/]+)(/[^/]+\\.svg)?/?");
  private static final Pattern STATS = Pattern.compile("/api/applications/([^/]+)/stats/?");

  @Inject StatsConfig config;
  @Inject EntityManager em;

  private volatile byte[] key;

  /** The embed token of the application with this name. */
  public String token(String application) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(application));
  }

  /** Whether {@code token} is the embed token of this application; compared in constant time. */
  public boolean valid(String application, String token) {
    if (application == null || token == null || token.isBlank()) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(token.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(application), given);
  }

  /**
   * Opens an application's embed page, panel images and stats JSON to a request that carries the
   * application's token; reads only.
   */
  @Override
  public boolean grants(String method, String path, MultivaluedMap<String, String> query) {
    if (!"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method)) {
      return false;
    }
    String application = application(path);
    if (application == null) {
      return false;
    }
    // A CORS preflight carries no credentials by definition, and its answer reveals nothing.
    if ("OPTIONS".equals(method)) {
      return true;
    }
    return valid(application, query == null ? null : query.getFirst(PARAMETER));
  }

  /** The application an embed or stats path is about, or null for any other path. */
  static String application(String path) {
    if (path == null) {
      return null;
    }
    Matcher embed = EMBED.matcher(path);
    if (embed.matches()) {
      return embed.group(1);
    }
    Matcher stats = STATS.matcher(path);
    return stats.matches() ? stats.group(1) : null;
  }

  private byte[] mac(String application) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(
          ("embed:applications:" + Names.normalize(application)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  private byte[] key() {
    byte[] known = key;
    if (known == null) {
      String value =
          config.embedKey().map(String::strip).filter(k -> !k.isEmpty()).orElseGet(this::stored);
      known = value.getBytes(StandardCharsets.UTF_8);
      key = known;
    }
    return known;
  }

  /**
   * The generated key, made by the first instance that needs it: insert-if-absent, then read, so
   * that instances starting together agree on the one that won.
   */
  private String stored() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              em.createNativeQuery(
                      "insert into instance_secret (name, value) values (:name, :value)"
                          + " on conflict (name) do nothing")
                  .setParameter("name", SECRET_NAME)
                  .setParameter("value", Secrets.random(32))
                  .executeUpdate();
              return (String)
                  em.createNativeQuery("select value from instance_secret where name = :name")
                      .setParameter("name", SECRET_NAME)
                      .getSingleResult();
            });
  }
}
