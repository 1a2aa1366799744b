package io.opsroom.alerting;

import io.opsroom.graphite.GraphiteClient;
import io.opsroom.notify.NotifyLog;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The status grid at {@code /}, one page per alert (with its history), acknowledging, the
 * acknowledge link of notification emails, and the list of alert file problems.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StatusPages {

  @Inject AlertBoard board;
  @Inject AlertRegistry registry;
  @Inject io.opsroom.notify.RoutesRegistry routes;
  @Inject AlertEvaluator evaluator;
  @Inject AlertGraphs graphs;
  @Inject GraphiteClient graphite;
  @Inject CurrentUser me;
  @Inject Acknowledgements acknowledgements;
  @Inject Silences silences;
  @Inject Clock clock;

  /** How many entries of each kind the alert page's history reads. */
  static final int HISTORY = 50;

  private static final DateTimeFormatter HISTORY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /**
   * One line of an alert's history: a transition ({@code from} and {@code to} set), something
   * someone did ({@code kind} of alert_activity), or a notification sent ({@code notified}).
   */
  public record HistoryEntry(
      Instant at,
      String when,
      String kind,
      String actor,
      String text,
      Level from,
      Level to,
      Double value) {

    public boolean transition() {
      return to != null;
    }
  }

  /** What the alert page says about silences and acknowledgements, and what it offers. */
  public record Marks(
      boolean acknowledged,
      String acknowledgedBy,
      String acknowledgedAt,
      String acknowledgedUntil,
      Long silenceId,
      String silenceUntil,
      String silenceAuthor,
      String silenceComment,
      List<String> durations,
      String defaultDuration) {

    public boolean silenced() {
      return silenceId != null;
    }
  }

  /** The page behind an email's acknowledge link: what it would do, or why it cannot. */
  public record LinkPage(
      String outcome,
      String message,
      String token,
      String since,
      String until,
      String actor,
      List<String> durations,
      String defaultDuration) {

    public boolean confirm() {
      return "confirm".equals(outcome);
    }

    public boolean done() {
      return "done".equals(outcome);
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance grid(
        AlertBoard.Board board,
        String groupBy,
        String level,
        String label,
        String banner,
        int problems);

    static native TemplateInstance alert(
        AlertDefinition alert,
        AlertState state,
        List<HistoryEntry> history,
        List<AlertGraphs.Graph> graphs,
        Marks marks,
        String addEvent);

    static native TemplateInstance ackLink(AlertDefinition alert, AlertState state, LinkPage link);

    static native TemplateInstance problems(
        List<AlertProblem> problems,
        List<AlertRegistry.FileState> files,
        String directory,
        List<io.opsroom.notify.RoutesProblem> routeProblems);
  }

  @GET
  @Transactional
  public String grid(
      @QueryParam("group") String group,
      @QueryParam("level") String level,
      @QueryParam("label") String label) {
    String groupBy = group == null || group.isBlank() ? "team" : group.strip();
    return Templates.grid(
            board.board(groupBy, level, label),
            groupBy,
            level,
            label,
            banner().orElse(null),
            registry.problems().size() + routes.problems().size())
        .render();
  }

  @GET
  @Path("alerts/{id}")
  @Transactional
  public String alert(@PathParam("id") String id) {
    AlertDefinition alert =
        registry.definition(id).orElseThrow(() -> new NotFoundException("No alert " + id));
    List<AlertGraphs.Graph> drawn =
        alert.isComposite()
            ? List.of()
            : alert.graph().stream().map(r -> graphs.svg(alert, r)).toList();
    AlertState state = AlertState.findById(id);
    return Templates.alert(
            alert, state, history(id), drawn, marks(alert, state), addEventUrl(alert))
        .render();
  }

  @GET
  @Path("alerts/problems")
  public String problems() {
    var snapshot = registry.snapshot();
    return Templates.problems(
            registry.problems(),
            snapshot.files(),
            registry.directory().toString(),
            routes.problems())
        .render();
  }

  /**
   * Someone is on it: the alert is marked on the grid and its page until it recovers (or the mark
   * is taken back). It keeps its level.
   */
  @POST
  @Path("alerts/{id}/acknowledge")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response acknowledge(
      @PathParam("id") String id,
      @FormParam("duration") String duration,
      @FormParam("comment") String comment) {
    acknowledgements.acknowledge(id, me.username(), duration, comment);
    return Response.seeOther(URI.create("/alerts/" + id)).build();
  }

  @POST
  @Path("alerts/{id}/unacknowledge")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response unacknowledge(@PathParam("id") String id) {
    acknowledgements.unacknowledge(id, me.username());
    return Response.seeOther(URI.create("/alerts/" + id)).build();
  }

  /**
   * The acknowledge link of a notification email. It only shows what the button would do: mail
   * scanners open links before people do, so a GET must change nothing.
   */
  @GET
  @Path("alerts/{id}/ack")
  @PermitAll
  @Transactional
  public Response ackLink(@PathParam("id") String id, @QueryParam("token") String token) {
    AlertDefinition alert = acknowledgements.definition(id);
    AlertState state = AlertState.findById(id);
    if (!Acknowledgements.linkValid(state, token)) {
      return stale(alert, state);
    }
    LinkPage page =
        new LinkPage(
            "confirm",
            null,
            token,
            silences.format(state.since),
            state.acknowledged(clock.instant()) ? silences.format(state.acknowledgedUntil) : null,
            state.acknowledged(clock.instant()) ? state.acknowledgedBy : null,
            acknowledgements.choices(),
            acknowledgements.defaultChoice());
    return Response.ok(Templates.ackLink(alert, state, page).render()).build();
  }

  /**
   * The button of the link's page: the token is the permission, so it works without a login (the
   * page carried the CSRF token like every form). A token that is not the alert's current one
   * changes nothing and says why.
   */
  @POST
  @Path("alerts/{id}/ack")
  @PermitAll
  public Response ackByLink(
      @PathParam("id") String id,
      @FormParam("token") String token,
      @FormParam("duration") String duration) {
    String who = me.isAnonymous() ? null : me.username();
    try {
      acknowledgements.acknowledgeByLink(id, token, who, duration);
    } catch (Acknowledgements.StaleLinkException e) {
      return QuarkusTransaction.requiringNew()
          .call(() -> stale(e.alert(), AlertState.findById(id)));
    }
    String html =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  AlertDefinition alert = acknowledgements.definition(id);
                  AlertState state = AlertState.findById(id);
                  LinkPage page =
                      new LinkPage(
                          "done",
                          null,
                          null,
                          silences.format(state.since),
                          silences.format(state.acknowledgedUntil),
                          state.acknowledgedBy,
                          List.of(),
                          null);
                  return Templates.ackLink(alert, state, page).render();
                });
    return Response.ok(html).build();
  }

  /** 410 Gone: the problem the link was mailed for is over, or another one has begun. */
  private Response stale(AlertDefinition alert, AlertState state) {
    String start = "This link is for an earlier problem of " + alert.name() + "; ";
    String message;
    if (state == null || state.level == Level.OK) {
      message = start + "it is OK now.";
    } else if (state.ackToken != null) {
      message =
          start
              + "it has a new problem: "
              + state.level
              + " since "
              + silences.format(state.since)
              + ". The emails about that one have their own link, or open the alert page.";
    } else {
      message = start + "it is " + state.level + " now. Open the alert page.";
    }
    LinkPage page =
        new LinkPage(
            "stale",
            message,
            null,
            state == null ? null : silences.format(state.since),
            null,
            null,
            List.of(),
            null);
    return Response.status(Response.Status.GONE)
        .entity(Templates.ackLink(alert, state, page).render())
        .build();
  }

  /** Transitions, what people did, and the notifications sent: one list, newest first. */
  List<HistoryEntry> history(String id) {
    List<HistoryEntry> entries = new ArrayList<>();
    for (AlertTransition t : AlertTransition.newestFirst(id, HISTORY)) {
      entries.add(
          new HistoryEntry(t.at, when(t.at), "transition", null, t.message, t.from, t.to, t.value));
    }
    for (AlertActivity a : AlertActivity.newestFirst(id, HISTORY)) {
      entries.add(new HistoryEntry(a.at, when(a.at), a.kind, a.actor, a.detail, null, null, null));
    }
    for (NotifyLog n : NotifyLog.forAlert(id, HISTORY)) {
      StringBuilder text = new StringBuilder();
      text.append(n.level).append(" via ").append(String.join(", ", n.channels));
      if (!"firing".equals(n.kind)) {
        text.append(" (").append(n.kind).append(')');
      }
      if (n.storm) {
        text.append(", in a storm summary");
      }
      entries.add(
          new HistoryEntry(
              n.at, when(n.at), "notified", "route " + n.route, text.toString(), null, null, null));
    }
    entries.sort(Comparator.comparing(HistoryEntry::at).reversed());
    return entries.size() > 2 * HISTORY ? entries.subList(0, 2 * HISTORY) : entries;
  }

  /**
   * The event form with the alert's application and server as tags; the graph's click handler adds
   * {@code at=<epoch seconds>} for the clicked time.
   */
  static String addEventUrl(AlertDefinition alert) {
    List<String> tags = AlertEvents.linkTags(alert);
    return tags.isEmpty()
        ? "/events/new"
        : "/events/new?tags=" + URLEncoder.encode(String.join(" ", tags), StandardCharsets.UTF_8);
  }

  private Marks marks(AlertDefinition alert, AlertState state) {
    Instant now = clock.instant();
    boolean acknowledged = state != null && state.acknowledged(now);
    Optional<Silences.Entry> silence = silences.active(now).match(Silences.matchLabels(alert));
    return new Marks(
        acknowledged,
        acknowledged ? state.acknowledgedBy : null,
        acknowledged ? silences.format(state.acknowledgedAt) : null,
        acknowledged ? silences.format(state.acknowledgedUntil) : null,
        silence.map(Silences.Entry::id).orElse(null),
        silence.map(e -> silences.format(e.until())).orElse(null),
        silence.map(Silences.Entry::author).orElse(null),
        silence.map(Silences.Entry::comment).orElse(null),
        acknowledgements.choices(),
        acknowledgements.defaultChoice());
  }

  private String when(Instant at) {
    return HISTORY_TIME.format(at.atZone(silences.zone()));
  }

  /** Re-reads the alert files and routes.yaml now, instead of at the next check for changes. */
  @POST
  @Path("alerts/reload")
  @RolesAllowed(Role.ADMIN_NAME)
  public Response reload() {
    registry.reload();
    routes.reload();
    return Response.seeOther(URI.create("/alerts/problems")).build();
  }

  /** What is wrong with Graphite, said once at the top of the grid. */
  private Optional<String> banner() {
    if (!graphite.configured()) {
      return Optional.of(
          "No Graphite is configured (OPSROOM_GRAPHITE_URL): alerts cannot be checked.");
    }
    return evaluator
        .lastCycle()
        .flatMap(AlertEvaluator.CycleReport::graphiteProblem)
        .map(problem -> "Alerts cannot be checked: " + problem);
  }
}
