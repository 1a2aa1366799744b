package io.opsroom.alerting;

import io.opsroom.platform.Markdown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Renders alert descriptions in templates ({@code inject:markdown}), sanitized. */
@ApplicationScoped
@Named("markdown")
public class MarkdownView {

  public String html(String markdown) {
    return Markdown.toHtml(markdown);
  }
}
