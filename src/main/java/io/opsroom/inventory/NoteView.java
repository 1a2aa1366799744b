package io.opsroom.inventory;

import io.opsroom.platform.Markdown;
import java.time.Instant;

/** A note as shown: the markdown as written and its sanitized HTML. */
public record NoteView(
    long id, String kind, String body, String html, String author, Instant createdAt) {

  public static NoteView of(Note n) {
    return new NoteView(n.id, n.kind, n.body, Markdown.toHtml(n.body), n.author, n.createdAt);
  }
}
