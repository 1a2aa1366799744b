package io.opsroom.events;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.opsroom.platform.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a form body (URL-encoded, as {@code curl -d} sends it, or multipart, as {@code curl -F}
 * sends it) that reached a receiver as raw bytes. The receivers read their bodies themselves
 * because quarkus-rest-csrf would otherwise refuse a script's form for its missing CSRF token (see
 * {@link ReceiverBodies}). Netty's decoder is the one Vert.x uses for forms.
 */
final class FormFields {

  private FormFields() {}

  static boolean isForm(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    return type.startsWith("application/x-www-form-urlencoded")
        || type.startsWith("multipart/form-data");
  }

  /** The fields by name, the first value of each; a file part counts as its content. */
  static Map<String, String> decode(byte[] body, String contentType) {
    Map<String, String> fields = new LinkedHashMap<>();
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpPostRequestDecoder decoder = null;
    try {
      decoder =
          new HttpPostRequestDecoder(
              new DefaultHttpDataFactory(false, StandardCharsets.UTF_8),
              request,
              StandardCharsets.UTF_8);
      for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
        if (data instanceof FileUpload upload) {
          fields.putIfAbsent(upload.getName(), upload.getString(StandardCharsets.UTF_8));
        } else if (data instanceof Attribute attribute) {
          fields.putIfAbsent(attribute.getName(), attribute.getValue());
        }
      }
      return fields;
    } catch (HttpPostRequestDecoder.ErrorDataDecoderException
        | IllegalArgumentException
        | IOException e) {
      throw InvalidInputException.field(
          "body",
          AnthraciteForm.REFUSED
              + "the form could not be read ("
              + e.getMessage()
              + "). Send it as curl -d or curl -F sends it.");
    } finally {
      if (decoder != null) {
        decoder.destroy();
      }
      if (request.refCnt() > 0) {
        request.release();
      }
    }
  }
}
