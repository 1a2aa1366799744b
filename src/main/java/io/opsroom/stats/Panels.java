package io.opsroom.stats;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The panel sets in use: {@code OPSROOM_STATS_PANELS_FILE} when set and valid, else the ones
 * shipped in the jar. Read once at start. A broken file does not stop Opsroom: the shipped panels
 * are shown instead, and the problem is logged and shown on {@code /stats}.
 */
@Startup
@ApplicationScoped
public class Panels {

  private static final Logger LOG = Logger.getLogger(Panels.class);

  /** The panels shipped in the jar. */
  static final String BUILT_IN = "stats/panels.yaml";

  @Inject StatsConfig config;

  private PanelSet set;
  private List<String> problems = List.of();

  @PostConstruct
  void load() {
    PanelSet builtIn = builtIn();
    set = builtIn;
    Optional<String> file = config.panelsFile().map(String::strip).filter(f -> !f.isEmpty());
    if (file.isEmpty()) {
      return;
    }
    try {
      set = PanelFile.parse(Files.readAllBytes(Path.of(file.get())), file.get());
      LOG.infof(
          "Panels from %s: %d for servers, %d for applications",
          file.get(), set.servers().size(), set.applications().size());
    } catch (IOException e) {
      problems = List.of("Cannot read " + file.get() + ": " + e.getMessage());
      LOG.errorf("%s; the built-in panels are shown instead", problems.get(0));
    } catch (PanelFile.InvalidException e) {
      problems = e.problems().stream().map(p -> file.get() + ": " + p).toList();
      LOG.errorf("%s; the built-in panels are shown instead", e.getMessage());
    }
  }

  /** The panels shipped in the jar; a broken one is a bug of the build. */
  static PanelSet builtIn() {
    try (InputStream in = Panels.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException(BUILT_IN + " is missing from the jar");
      }
      return PanelFile.parse(in.readAllBytes(), BUILT_IN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (PanelFile.InvalidException e) {
      throw new IllegalStateException("The built-in panels are broken: " + e.getMessage(), e);
    }
  }

  public PanelSet set() {
    return set;
  }

  /** The panels of one scope, in order. */
  public List<Panel> of(Panel.Scope scope) {
    return set.of(scope);
  }

  /** The panel with this id in the scope. */
  public Optional<Panel> find(Panel.Scope scope, String id) {
    return set.find(scope, id);
  }

  /** Why the configured file is not in use, one line per problem; empty when it is. */
  public List<String> problems() {
    return problems;
  }
}
