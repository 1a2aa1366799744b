package io.opsroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {

  private static final String REL = "rel=\"nofollow noopener noreferrer\"";

  /** Commonmark as it comes, to show that the attacks below are real without our two layers. */
  private static String plainCommonmark(String markdown) {
    return HtmlRenderer.builder().build().render(Parser.builder().build().parse(markdown));
  }

  @Test
  void nullAndBlankRenderAsNothing() {
    assertEquals("", Markdown.toHtml(null));
    assertEquals("", Markdown.toHtml(" \n\t "));
    assertEquals("", Markdown.toPlainText(null, 10));
    assertEquals("", Markdown.toPlainText("\n\n", 10));
  }

  @Test
  void headingsEmphasisAndListsRender() {
    assertEquals(
        "<h2>Disk swap</h2>\n"
            + "<p>Done <em>today</em>, <strong>reboot</strong> with <code>systemctl reboot</code>.</p>\n"
            + "<ul><li>sda</li><li>sdb</li></ul>\n"
            + "<ol start=\"3\"><li>three</li><li>four</li></ol>\n"
            + "<blockquote>\n<p>quoted</p>\n</blockquote>\n"
            + "<hr />\n",
        Markdown.toHtml(
            "## Disk swap\n\n"
                + "Done *today*, **reboot** with `systemctl reboot`.\n\n"
                + "- sda\n- sdb\n\n"
                + "3. three\n4. four\n\n"
                + "> quoted\n\n"
                + "---\n"));
  }

  @Test
  void codeBlocksKeepTheirLanguageAndTheirText() {
    assertEquals(
        "<pre><code class=\"language-sh\">test 1 -lt 2 &amp;&amp; echo &lt;ok&gt;\n</code></pre>\n",
        Markdown.toHtml("```sh\ntest 1 -lt 2 && echo <ok>\n```\n"));
  }

  @Test
  void tablesRenderWithAlignment() {
    assertEquals(
        "<table><thead><tr><th align=\"left\">host</th><th align=\"right\">cpus</th></tr></thead>"
            + "<tbody><tr><td align=\"left\">web1</td><td align=\"right\">8</td></tr></tbody></table>\n",
        Markdown.toHtml("| host | cpus |\n|:--|--:|\n| web1 | 8 |\n"));
  }

  @Test
  void scriptTagsAreShownAsTextNeverRun() {
    String block = "<script>alert(1)</script>";
    String inline = "before <script>alert(1)</script> after";
    assertTrue(plainCommonmark(block).contains("<script>"));
    assertTrue(plainCommonmark(inline).contains("<script>"));

    assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n", Markdown.toHtml(block));
    assertEquals(
        "<p>before &lt;script&gt;alert(1)&lt;/script&gt; after</p>\n", Markdown.toHtml(inline));
    assertFalse(Markdown.toHtml("<SCRIPT src=//evil.example/x.js></SCRIPT>").contains("<SCRIPT"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](javascript&#58;alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](//evil.example/login)",
        "[x](/\\evil.example/login)",
        "[x](servers/web1)",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
      })
  void linksToOtherSchemesOrPlacesKeepTheirTextButLoseTheirAddress(String markdown) {
    assertEquals("<p>x</p>\n", Markdown.toHtml(markdown));
  }

  @Test
  void theDangerousLinkWouldSurviveWithoutOurRules() {
    assertTrue(plainCommonmark("[x](javascript&#58;alert(1))").contains("href=\"javascript:"));
  }

  @Test
  void eventHandlersInRawHtmlAreShownAsText() {
    String image = "<img src=x onerror=alert(1)>";
    String link = "<a href=\"x\" onclick=\"alert(1)\">y</a>";
    assertTrue(plainCommonmark(image).contains("<img src=x onerror"));
    assertTrue(plainCommonmark(link).contains("<a href=\"x\" onclick"));

    assertEquals("<p>&lt;img src&#61;x onerror&#61;alert(1)&gt;</p>\n", Markdown.toHtml(image));
    assertEquals(
        "<p>&lt;a href&#61;&#34;x&#34; onclick&#61;&#34;alert(1)&#34;&gt;y&lt;/a&gt;</p>\n",
        Markdown.toHtml(link));
  }

  @Test
  void theSanitizerAloneRemovesWhatTheFirstLayerMightLetThrough() {
    assertEquals(
        "<p>x<a href=\"/servers\" " + REL + ">y</a>s</p>",
        Markdown.sanitize(
            "<p><a href=\"javascript:alert(1)\" onclick=\"alert(1)\">x</a>"
                + "<img src=x onerror=alert(1)><script>alert(1)</script>"
                + "<a href=\"/servers\" onmouseover=\"alert(1)\" target=\"_blank\" rel=\"opener\">y</a>"
                + "<span style=\"color:red\" class=\"big\">s</span>"
                + "<iframe src=\"https://evil.example\"></iframe></p>"));
    assertEquals(
        "text",
        Markdown.sanitize("<form action=\"/x\"><input name=\"a\"><button>text</button></form>"));
    assertEquals(
        "<code class=\"language-java\">a</code><code>b</code>",
        Markdown.sanitize(
            "<code class=\"language-java\">a</code><code class=\"x\" style=\"color:red\">b</code>"));
    assertEquals("<ol><li>a</li></ol>", Markdown.sanitize("<ol start=\"1;x\"><li>a</li></ol>"));
  }

  @Test
  void bareAddressesBecomeLinksThatDoNotPassCreditOrTheWindow() {
    assertEquals(
        "<p>see <a href=\"https://example.org\" " + REL + ">https://example.org</a> now</p>\n",
        Markdown.toHtml("see https://example.org now"));
    assertEquals(
        "<p><a href=\"http://www.example.org\" " + REL + ">www.example.org</a></p>\n",
        Markdown.toHtml("www.example.org"));
  }

  @Test
  void webMailAndOpsroomLinksAreKept() {
    assertEquals(
        "<p><a href=\"https://wiki.example.org/runbook?id&#61;1\" title=\"Runbook\" "
            + REL
            + ">runbook</a></p>\n",
        Markdown.toHtml("[runbook](https://wiki.example.org/runbook?id=1 \"Runbook\")"));
    assertEquals(
        "<p><a href=\"mailto:ops&#64;example.org\" " + REL + ">mail us</a></p>\n",
        Markdown.toHtml("[mail us](mailto:ops@example.org)"));
    assertEquals(
        "<p><a href=\"mailto:ops&#64;example.org\" " + REL + ">ops&#64;example.org</a></p>\n",
        Markdown.toHtml("ops@example.org"));
    assertEquals(
        "<p><a href=\"/servers/web1\" " + REL + ">web1</a></p>\n",
        Markdown.toHtml("[web1](/servers/web1)"));
  }

  @Test
  void imagesBecomeLinksSoNothingLoadsByItself() {
    assertTrue(plainCommonmark("![graph](https://t.example/p.gif)").contains("<img"));

    assertEquals(
        "<p><a href=\"https://t.example/p.gif\" " + REL + ">graph</a></p>\n",
        Markdown.toHtml("![graph](https://t.example/p.gif)"));
    assertEquals("<p>graph</p>\n", Markdown.toHtml("![graph](data:image/png;base64,iVBORw0KGgo=)"));
    assertFalse(Markdown.toHtml("![](data:image/png;base64,iVBORw0KGgo=)").contains("data:"));
  }

  @Test
  void aLargeNoteRendersQuickly() {
    StringBuilder note = new StringBuilder();
    while (note.length() < 200_000) {
      note.append("## Step\n\nRun `make` on **web1**, see https://example.org and <b>this</b>.\n\n")
          .append("- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n");
    }
    String html =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Markdown.toHtml(note.toString()));
    assertTrue(html.startsWith("<h2>Step</h2>"));
    assertFalse(html.contains("<b>"));
  }

  @Test
  void deeplyNestedInputDoesNotExhaustTheStack() {
    String quotes = ">".repeat(200_000) + " deep";
    String lists = "- ".repeat(100_000) + "deep";
    String brackets = "[".repeat(200_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertTrue(Markdown.toHtml(quotes).contains("deep"));
          assertTrue(Markdown.toHtml(lists).contains("deep"));
          assertTrue(Markdown.toHtml(brackets).startsWith("<p>[[["));
          assertTrue(Markdown.toPlainText(quotes, 20).endsWith("…"));
        });
  }

  @Test
  void plainTextDropsMarkupAndKeepsWordsApart() {
    assertEquals(
        "Disk swap Done today, see the runbook. sda sdb host cpus web1 8 make all <b>raw</b>",
        Markdown.toPlainText(
            "## Disk swap\n\nDone *today*,\nsee [the runbook](https://x.example).\n\n"
                + "- sda\n- sdb\n\n| host | cpus |\n|--|--|\n| web1 | 8 |\n\n"
                + "```\nmake   all\n```\n<b>raw</b>\n",
            500));
  }

  @Test
  void plainTextIsCutAtAWordWithAnEllipsis() {
    String text = "The quick brown fox jumps over the lazy dog";
    assertEquals(text, Markdown.toPlainText(text, text.length()));
    assertEquals("The quick brown fox…", Markdown.toPlainText(text, 20));
    assertEquals("Thequickb…", Markdown.toPlainText("Thequickbrownfoxjumps", 10));
    assertEquals("…", Markdown.toPlainText("Thequickbrownfoxjumps", 1));
    assertThrows(IllegalArgumentException.class, () -> Markdown.toPlainText(text, 0));
  }
}
