package io.opsroom.platform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.html.UrlSanitizer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Turns markdown that users write (notes, event bodies, alert descriptions) into HTML that is safe
 * to show to everyone, and into short plain-text excerpts for lists and mail.
 *
 * <p>Rendering happens in two independent layers. Commonmark escapes raw HTML, so what a user types
 * between angle brackets appears as text, and it blanks links whose address is not allowed. The
 * OWASP sanitizer then keeps only a fixed list of elements and attributes, so a mistake or a future
 * change in the first layer still cannot put a script, an event handler, an image or a dangerous
 * link on the page. All state is immutable, so every method may be called from any thread.
 */
public final class Markdown {

  /** The {@code rel} every link gets: no search-engine credit, no access to the opener window. */
  static final String LINK_REL = "nofollow noopener noreferrer";

  private static final List<Extension> EXTENSIONS =
      List.of(TablesExtension.create(), AutolinkExtension.create());

  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

  // Raw HTML is escaped rather than dropped: a user who writes "<hostname>" or pastes an XML
  // snippet sees exactly what they typed instead of a silently shortened note.
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder()
          .extensions(EXTENSIONS)
          .escapeHtml(true)
          .sanitizeUrls(true)
          .urlSanitizer(new AllowedLinks())
          .nodeRendererFactory(ImageAsLink::new)
          .build();

  private static final Pattern CODE_LANGUAGE = Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}");
  private static final Pattern LIST_START = Pattern.compile("[0-9]{1,9}");
  private static final Pattern CELL_ALIGN = Pattern.compile("(?i)left|center|right");

  private static final PolicyFactory POLICY =
      new HtmlPolicyBuilder()
          .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6")
          .allowElements("em", "strong", "del", "s", "code", "pre", "blockquote")
          .allowElements("ul", "ol", "li")
          .allowElements("table", "thead", "tbody", "tr", "th", "td")
          .allowElements("a")
          .allowAttributes("start")
          .matching(LIST_START)
          .onElements("ol")
          .allowAttributes("align")
          .matching(CELL_ALIGN)
          .onElements("th", "td")
          .allowAttributes("class")
          .matching(CODE_LANGUAGE)
          .onElements("code")
          .allowUrlProtocols("http", "https", "mailto")
          .allowAttributes("href")
          .matching((element, attribute, value) -> isAllowedLink(value) ? value : null)
          .onElements("a")
          .allowAttributes("title")
          .onElements("a")
          .requireRelsOnLinks(LINK_REL.split(" "))
          .toFactory();

  private Markdown() {}

  /**
   * Renders {@code markdown} as sanitized HTML, or returns an empty string for null or blank input.
   */
  public static String toHtml(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return sanitize(render(markdown));
  }

  /**
   * Returns the text of {@code markdown} without markup, with all whitespace collapsed to single
   * spaces, cut to at most {@code maxChars} characters with a trailing ellipsis when it is longer.
   * The result is plain text and must still be escaped wherever it is put into HTML.
   */
  public static String toPlainText(String markdown, int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be at least 1, not " + maxChars);
    }
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    String text = collapseWhitespace(textOf(PARSER.parse(markdown)));
    return shorten(text, maxChars);
  }

  /** The first layer: commonmark with raw HTML escaped and disallowed links blanked. */
  static String render(String markdown) {
    return RENDERER.render(PARSER.parse(markdown));
  }

  /** The second layer: whatever HTML comes in, only the allowed elements and attributes remain. */
  static String sanitize(String html) {
    return POLICY.sanitize(html);
  }

  /**
   * Whether a link may point to {@code url}: web and mail addresses, and paths within Opsroom.
   * Everything else is refused, and so is any address with a space or a control character in it,
   * because browsers drop some of those (tabs and line breaks anywhere) and would read {@code
   * "java\tscript:"} as {@code "javascript:"}.
   */
  static boolean isAllowedLink(String url) {
    if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return false;
    }
    if (url.startsWith("/")) {
      // Browsers read "//host" and "/\host" as addresses on another server, so only a single
      // slash followed by a path counts as a page of this Opsroom.
      return !url.startsWith("//") && !url.startsWith("/\\");
    }
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://")
        || lower.startsWith("https://")
        || lower.startsWith("mailto:");
  }

  private static String textOf(Node document) {
    StringBuilder text = new StringBuilder();
    // An explicit stack instead of recursion, so a deeply nested input cannot exhaust the stack.
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(document);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (node instanceof Text t) {
        text.append(t.getLiteral());
      } else if (node instanceof Code c) {
        text.append(c.getLiteral());
      } else if (node instanceof HtmlInline h) {
        // toHtml shows raw HTML as typed, so the excerpt does too.
        text.append(h.getLiteral());
      } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
        text.append(' ');
      } else if (node instanceof FencedCodeBlock f) {
        text.append(' ').append(f.getLiteral()).append(' ');
      } else if (node instanceof IndentedCodeBlock i) {
        text.append(' ').append(i.getLiteral()).append(' ');
      } else if (node instanceof HtmlBlock h) {
        text.append(' ').append(h.getLiteral()).append(' ');
      } else {
        // Blocks and table cells end with a space so that words of neighbouring paragraphs,
        // list items and cells do not run together.
        if (node instanceof Block || node instanceof TableCell) {
          pending.push(new Text(" "));
        }
        for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
          pending.push(child);
        }
      }
    }
    return text.toString();
  }

  private static String collapseWhitespace(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String shorten(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int cut = maxChars - 1;
    int space = text.lastIndexOf(' ', cut);
    // Cut at a word boundary unless that would throw away more than half of the excerpt.
    if (space > cut / 2) {
      cut = space;
    } else if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }

  /** Lets links point only to {@link #isAllowedLink allowed addresses}; others get none. */
  private static final class AllowedLinks implements UrlSanitizer {
    @Override
    public String sanitizeLinkUrl(String url) {
      return isAllowedLink(url) ? url : "";
    }

    @Override
    public String sanitizeImageUrl(String url) {
      return sanitizeLinkUrl(url);
    }
  }

  /**
   * Renders an image as a link to it, so that a note cannot load tracking pixels or huge pictures
   * into everyone's page while readers can still open the picture on purpose.
   */
  private static final class ImageAsLink implements NodeRenderer {
    private final HtmlNodeRendererContext context;

    ImageAsLink(HtmlNodeRendererContext context) {
      this.context = context;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Image.class);
    }

    @Override
    public void render(Node node) {
      Image image = (Image) node;
      HtmlWriter html = context.getWriter();
      String url = context.urlSanitizer().sanitizeImageUrl(image.getDestination());
      if (!url.isEmpty()) {
        html.tag("a", Map.of("href", context.encodeUrl(url)));
      }
      // Without a description the address is the link text; a refused address (often a long
      // data: URL) is left out entirely.
      if (image.getFirstChild() == null && !url.isEmpty()) {
        html.text(url);
      }
      for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
        context.render(child);
      }
      if (!url.isEmpty()) {
        html.tag("/a");
      }
    }
  }
}
