package io.opsroom.events;

import io.opsroom.platform.Markdown;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A search of the changelog as an Atom feed (subscribe to {@code deploy app=web}) and as a CSV
 * file, with the list page's filters.
 */
@Path("/events")
public class EventFeeds {

  /** Entries in a feed: the newest ones. */
  static final int FEED_SIZE = 50;

  /** Rows in one CSV file at most: a spreadsheet's worth; narrow the search for more. */
  static final int CSV_LIMIT = 100_000;

  static final String ATOM = "http://www.w3.org/2005/Atom";

  /** The year in the feed's tag: URIs; fixed, so the ids stay the same forever. */
  static final String TAG_DATE = "2026";

  static final List<String> CSV_COLUMNS =
      List.of("id", "time", "end_time", "title", "tags", "source", "author", "body");

  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  @Inject EventSearch search;
  @Inject EventTimes times;
  @Inject Clock clock;

  @ConfigProperty(name = "opsroom.base-url", defaultValue = "http://localhost:8080")
  String baseUrl;

  /** The newest 50 events of a search, as Atom 1.0. */
  @GET
  @Path("feed.atom")
  @Produces("application/atom+xml")
  @Transactional
  public Response atom(
      @QueryParam("q") String q,
      @QueryParam("tags") String tags,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("source") String source) {
    EventQuery query =
        EventQuery.read(q, tags, from, until, source, null, null, times.zone())
            .orThrow()
            .page(1, FEED_SIZE);
    EventSearch.Result result = search.search(query, false);
    EventPages.Filters filters = new EventPages.Filters(q, tags, from, until, source);
    String xml = feed(filters, query, result.events());
    return Response.ok(xml, "application/atom+xml;charset=UTF-8").build();
  }

  /** Every event of a search (at most 100,000), newest first, as CSV (RFC 4180). */
  @GET
  @Path("export.csv")
  @Produces("text/csv")
  public Response csv(
      @QueryParam("q") String q,
      @QueryParam("tags") String tags,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("source") String source) {
    // Bad filters are refused before the first byte goes out.
    EventQuery query =
        EventQuery.read(q, tags, from, until, source, null, null, times.zone()).orThrow();
    StreamingOutput body =
        out -> {
          Writer writer =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 65_536);
          CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
          printer.printRecord(CSV_COLUMNS);
          try {
            QuarkusTransaction.requiringNew()
                .timeout(600)
                .run(() -> search.forEach(query, CSV_LIMIT, row -> print(printer, row)));
          } catch (UncheckedIOException e) {
            throw e.getCause();
          }
          printer.flush();
        };
    String file = "opsroom-events-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv";
    return Response.ok(body, "text/csv;charset=UTF-8")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
        .build();
  }

  private static void print(CSVPrinter printer, EventSearch.Row row) {
    List<Object> cells = new ArrayList<>();
    cells.add(row.id());
    cells.add(row.at());
    cells.add(row.endAt() == null ? "" : row.endAt());
    cells.add(row.title());
    cells.add(row.tags());
    cells.add(row.source());
    cells.add(row.author() == null ? "" : row.author());
    cells.add(row.body());
    try {
      printer.printRecord(cells);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Atom document: feed metadata, then one entry per event, newest first. */
  String feed(EventPages.Filters filters, EventQuery query, List<Event> events) {
    String base = EventResource.stripSlash(baseUrl);
    String host = host(base);
    String search = filters.query();
    Instant updated =
        events.stream().map(e -> e.updatedAt).max(Instant::compareTo).orElse(clock.instant());
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XML.createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(ATOM);
      xml.writeStartElement(ATOM, "feed");
      xml.writeDefaultNamespace(ATOM);
      element(
          xml,
          "id",
          "tag:" + host + "," + TAG_DATE + ":events" + (search.isEmpty() ? "" : "?" + search));
      element(xml, "title", title(query));
      element(xml, "updated", updated.toString());
      link(xml, "self", "application/atom+xml", base + filters.atom());
      link(
          xml, "alternate", "text/html", base + "/events" + (search.isEmpty() ? "" : "?" + search));
      xml.writeStartElement(ATOM, "author");
      element(xml, "name", "Opsroom");
      xml.writeEndElement();
      element(xml, "generator", "Opsroom");
      for (Event e : events) {
        xml.writeStartElement(ATOM, "entry");
        element(xml, "id", "tag:" + host + "," + TAG_DATE + ":event/" + e.id);
        xml.writeStartElement(ATOM, "title");
        xml.writeAttribute("type", "text");
        xml.writeCharacters(clean(e.title));
        xml.writeEndElement();
        element(xml, "published", e.at.toString());
        element(xml, "updated", e.updatedAt.toString());
        link(xml, "alternate", "text/html", base + "/events/" + e.id);
        xml.writeStartElement(ATOM, "author");
        element(xml, "name", e.author == null || e.author.isBlank() ? e.source : e.author);
        xml.writeEndElement();
        for (String tag : e.tags) {
          xml.writeEmptyElement(ATOM, "category");
          xml.writeAttribute("term", clean(tag));
        }
        xml.writeStartElement(ATOM, "content");
        xml.writeAttribute("type", "html");
        xml.writeCharacters(clean(content(e)));
        xml.writeEndElement();
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("Writing the Atom feed failed", e);
    }
    return text.toString();
  }

  /** The entry's content: when it happened (and ended), then the rendered description. */
  private String content(Event e) {
    String when =
        "<p>"
            + EventSearch.escape(times.format(e.at))
            + (e.endAt == null ? "" : " – " + EventSearch.escape(times.format(e.endAt)))
            + " · "
            + EventSearch.escape(e.source)
            + "</p>";
    return when + Markdown.toHtml(e.body);
  }

  private static String title(EventQuery query) {
    List<String> parts = new ArrayList<>();
    if (query.q() != null) {
      parts.add(query.q());
    }
    parts.addAll(query.tags());
    if (query.source() != null) {
      parts.add("source " + query.source().word());
    }
    return parts.isEmpty() ? "Opsroom events" : "Opsroom events: " + String.join(" ", parts);
  }

  private static void element(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeStartElement(ATOM, name);
    xml.writeCharacters(clean(value));
    xml.writeEndElement();
  }

  private static void link(XMLStreamWriter xml, String rel, String type, String href)
      throws XMLStreamException {
    xml.writeEmptyElement(ATOM, "link");
    xml.writeAttribute("rel", rel);
    xml.writeAttribute("type", type);
    xml.writeAttribute("href", href);
  }

  private static String host(String base) {
    try {
      String host = URI.create(base).getHost();
      return host == null ? "opsroom" : host;
    } catch (IllegalArgumentException e) {
      return "opsroom";
    }
  }

  /**
   * Leaves out the characters XML 1.0 cannot hold (most control characters, lone surrogates), which
   * a script may well have put into a title; the writer escapes everything else.
   */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok =
            c == '\t'
                || c == '\n'
                || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD);
      }
      if (!ok && out == null) {
        out = new StringBuilder(text.length());
        out.append(text, 0, i);
      } else if (ok && out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
