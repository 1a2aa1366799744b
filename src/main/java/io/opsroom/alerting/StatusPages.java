package io.opsroom.alerting;

import io.opsroom.graphite.GraphiteClient;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.util.List;
import java.util.Optional;

/** The status grid at {@code /}, one page per alert, and the list of alert file problems. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StatusPages {

  @Inject AlertBoard board;
  @Inject AlertRegistry registry;
  @Inject AlertEvaluator evaluator;
  @Inject AlertGraphs graphs;
  @Inject GraphiteClient graphite;
  @Inject CurrentUser me;
  @Inject Acknowledgements acknowledgements;

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
        List<AlertTransition> transitions,
        List<AlertGraphs.Graph> graphs);

    static native TemplateInstance problems(
        List<AlertProblem> problems, List<AlertRegistry.FileState> files, String directory);
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
            registry.problems().size())
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
    return Templates.alert(
            alert, AlertState.findById(id), AlertTransition.newestFirst(id, 50), drawn)
        .render();
  }

  @GET
  @Path("alerts/problems")
  public String problems() {
    var snapshot = registry.snapshot();
    return Templates.problems(
            registry.problems(), snapshot.files(), registry.directory().toString())
        .render();
  }

  /**
   * Someone is on it: the alert is marked on the grid and its page until it recovers (or the mark
   * is taken back). It keeps its level.
   */
  @POST
  @Path("alerts/{id}/acknowledge")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response acknowledge(@PathParam("id") String id) {
    acknowledgements.acknowledge(id, me.username());
    return Response.seeOther(URI.create("/alerts/" + id)).build();
  }

  @POST
  @Path("alerts/{id}/unacknowledge")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response unacknowledge(@PathParam("id") String id) {
    acknowledgements.unacknowledge(id);
    return Response.seeOther(URI.create("/alerts/" + id)).build();
  }

  /** Re-reads the alert files now, instead of at the next check for changes. */
  @POST
  @Path("alerts/reload")
  @RolesAllowed(Role.ADMIN_NAME)
  public Response reload() {
    registry.reload();
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
