package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI scripts in {@code deploy/} run for real, with bash and curl, against the running
 * application: {@code opsroom-event} from arguments, from standard input and through an editor, and
 * {@code opsroom-git-event} on a git repository made here. The stored events are then read back
 * from the database.
 */
@QuarkusTest
class EventScriptsTest {

  private static final Path EVENT = Path.of("deploy/opsroom-event").toAbsolutePath();
  private static final Path GIT_EVENT = Path.of("deploy/opsroom-git-event").toAbsolutePath();

  private static String editor;

  @TestHTTPResource("/")
  URL base;

  @TempDir Path tmp;

  /** One run of a script: its exit status and what it printed. */
  record Run(int status, String out, String err) {
    long eventId(String base) {
      Matcher m = Pattern.compile(Pattern.quote(base) + "/events/(\\d+)\\n").matcher(out);
      assertTrue(m.matches(), "prints the event's address, not: " + out + " / " + err);
      return Long.parseLong(m.group(1));
    }
  }

  @BeforeEach
  void token() {
    if (editor == null) {
      editor = Api.newToken("editor");
    }
  }

  private String url() {
    String text = base.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private Run run(Path script, Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(k -> k.startsWith("OPSROOM_") || k.equals("EDITOR") || k.equals("VISUAL"));
    environment.put("OPSROOM_URL", url());
    environment.put("OPSROOM_TOKEN", editor);
    environment.put("TZ", "UTC");
    environment.putAll(env);
    Process process = builder.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    process.getOutputStream().close();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script finished");
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static Event stored(long id) {
    return QuarkusTransaction.requiringNew().call(() -> Event.<Event>findById(id));
  }

  @Test
  void anEventFromArguments() throws Exception {
    String tag = Api.unique("cli").toLowerCase();
    Run run =
        run(
            EVENT,
            Map.of(),
            null,
            "-t",
            "deploy app=web",
            "-t",
            tag,
            "-w",
            "1760004000",
            "Deployed web 1.2",
            "Rolled",
            "out");
    assertEquals(0, run.status(), run.err());
    Event event = stored(run.eventId(url()));
    assertEquals("Deployed web 1.2", event.title);
    assertEquals("Rolled out", event.body);
    assertEquals(List.of("deploy", "app=web", tag), event.tags);
    assertEquals(Instant.ofEpochSecond(1_760_004_000), event.at);
    assertEquals("cli", event.source);
    assertTrue(event.author.startsWith("token:"), event.author);
  }

  @Test
  void everyCharacterSurvivesTheTripFromStandardInput() throws Exception {
    String title = "Quotes \" backslash \\ tab\tend — ü 日本";
    String body = "line 1\n\tindented \"quoted\" \\n literal\nbell \u0007 unit \u001f\r\nlast ✓";
    Run run =
        run(EVENT, Map.of("OPSROOM_URL", url() + "/"), body + "\n", "-t", "manual", title, "-");
    assertEquals(0, run.status(), run.err());
    Event event = stored(run.eventId(url()));
    assertEquals(title, event.title);
    assertEquals(body, event.body);
  }

  @Test
  void anEventComposedInTheEditor() throws Exception {
    Path fake =
        script(
            "editor.sh",
            "#!/bin/bash\n"
                + "grep -q '^Tags: preset app=db$' \"$1\" || exit 9\n"
                + "printf '\\nRestarted the database\\n\\nBecause of the\\n# a comment line\\nlock storm.\\n\\n"
                + "Tags: preset app=db outage=db-9 detected\\n' > \"$1\"\n");
    Run run = run(EVENT, Map.of("EDITOR", fake.toString()), null, "-t", "preset,app=db");
    assertEquals(0, run.status(), run.err());
    Event event = stored(run.eventId(url()));
    assertEquals("Restarted the database", event.title);
    assertEquals("Because of the\nlock storm.", event.body);
    assertEquals(List.of("preset", "app=db", "outage=db-9", "detected"), event.tags);
    assertEquals("cli", event.source);

    // VISUAL when EDITOR is unset; an editor that only types a title keeps the prefilled tags.
    Path titleOnly = script("title.sh", "#!/bin/bash\nsed -i '1s/^/Only a title/' \"$1\"\n");
    Run visual = run(EVENT, Map.of("VISUAL", titleOnly.toString()), null, "-t", "kept");
    assertEquals(0, visual.status(), visual.err());
    Event second = stored(visual.eventId(url()));
    assertEquals("Only a title", second.title);
    assertEquals("", second.body);
    assertEquals(List.of("kept"), second.tags);
  }

  @Test
  void anEmptyTitleInTheEditorAbortsAndSendsNothing() throws Exception {
    Path untouched = script("untouched.sh", "#!/bin/bash\nexit 0\n");
    Run run = run(EVENT, Map.of("EDITOR", untouched.toString()), null);
    assertEquals(2, run.status());
    assertTrue(run.err().contains("no title: the event was not sent"), run.err());
    assertEquals("", run.out());
    Path failing = script("failing.sh", "#!/bin/bash\nexit 1\n");
    Run failed = run(EVENT, Map.of("EDITOR", failing.toString()), null);
    assertEquals(2, failed.status());
    assertTrue(failed.err().contains("the editor"), failed.err());
  }

  @Test
  void refusalsExitNonZeroWithOpsroomsMessage() throws Exception {
    Run badTag = run(EVENT, Map.of(), null, "-t", "deploy app=", "Deployed");
    assertEquals(1, badTag.status());
    assertTrue(badTag.err().contains("Opsroom refused the event (400)"), badTag.err());
    assertTrue(badTag.err().contains("Tag \"app=\" has no value after ="), badTag.err());
    Run noTitle = run(EVENT, Map.of(), null, " ");
    assertEquals(2, noTitle.status());
    Run noToken = run(EVENT, Map.of("OPSROOM_TOKEN", ""), null, "Deployed");
    assertEquals(1, noToken.status());
    assertTrue(
        noToken.err().contains("(401)") && noToken.err().contains("API token"), noToken.err());
    Run viewer = run(EVENT, Map.of(), null, "-k", Api.newToken("viewer"), "Deployed");
    assertEquals(1, viewer.status());
    assertTrue(viewer.err().contains("(403)"), viewer.err());
    Run badTime = run(EVENT, Map.of(), null, "-w", "the day after", "Deployed");
    assertEquals(2, badTime.status());
    assertTrue(badTime.err().contains("cannot read the time"), badTime.err());
    Run nobody = run(EVENT, Map.of("OPSROOM_URL", "http://127.0.0.1:9"), null, "Deployed");
    assertEquals(3, nobody.status());
  }

  @Test
  void aDeployAnnouncedFromAGitRange() throws Exception {
    Path repo = tmp.resolve("shop-web");
    git(tmp, "init", "-q", "shop-web");
    git(repo, "config", "user.email", "dev@example.org");
    git(repo, "config", "user.name", "Initial Author");
    commit(repo, "f0", "Initial import", "Initial Author");
    git(repo, "tag", "v1.0");
    commit(repo, "f1", "Fix the login form", "Alice Example");
    commit(repo, "f2", "Add `health` endpoint", "Bob Exämple");
    commit(repo, "f3", "Bump version to 1.1", "Alice Example");
    String sha = git(repo, "rev-parse", "HEAD").strip();
    String shortSha = git(repo, "rev-parse", "--short", "HEAD").strip();
    String tag = Api.unique("git").toLowerCase();

    Run run =
        run(
            GIT_EVENT,
            Map.of(),
            null,
            "-C",
            repo.toString(),
            "-t",
            "deploy app=web " + tag,
            "v1.0..HEAD");
    assertEquals(0, run.status(), run.err());
    Event event = stored(run.eventId(url()));
    assertEquals("Deployed shop-web " + shortSha + ": 3 commits", event.title);
    assertEquals(List.of("deploy", "app=web", tag, "commit=" + sha), event.tags);
    assertEquals("git", event.source);
    String[] lines = event.body.split("\n");
    assertEquals("Commits in `v1.0..HEAD` (3):", lines[0]);
    assertTrue(lines[2].matches("- `[0-9a-f]{7,}` Bump version to 1.1 — Alice Example"), lines[2]);
    assertTrue(lines[3].matches("- `[0-9a-f]{7,}` Add `health` endpoint — Bob Exämple"), lines[3]);
    assertTrue(lines[4].matches("- `[0-9a-f]{7,}` Fix the login form — Alice Example"), lines[4]);
    assertEquals(5, lines.length, event.body);

    Run titled =
        run(
            GIT_EVENT,
            Map.of(),
            null,
            "-C",
            repo.toString(),
            "-T",
            "Release 1.1",
            "-w",
            "1760005000",
            "HEAD~1..HEAD");
    assertEquals(0, titled.status(), titled.err());
    Event second = stored(titled.eventId(url()));
    assertEquals("Release 1.1", second.title);
    assertEquals(Instant.ofEpochSecond(1_760_005_000), second.at);

    Run empty = run(GIT_EVENT, Map.of(), null, "-C", repo.toString(), "HEAD..HEAD");
    assertEquals(2, empty.status());
    assertTrue(empty.err().contains("no commits"), empty.err());
  }

  private Path script(String name, String text) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static void commit(Path repo, String file, String subject, String author)
      throws IOException, InterruptedException {
    Files.writeString(repo.resolve(file), subject);
    git(repo, "add", file);
    git(repo, "-c", "user.name=" + author, "commit", "-q", "-m", subject);
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", dir.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), "git " + String.join(" ", args) + ": " + out);
    return out;
  }
}
