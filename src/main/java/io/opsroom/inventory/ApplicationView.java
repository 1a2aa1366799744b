package io.opsroom.inventory;

import java.time.Instant;
import java.util.List;

/** An application as the API shows it; field names are a contract with scripts (DESIGN §6). */
public record ApplicationView(
    String name,
    String title,
    String technology,
    String repositoryUrl,
    String graphitePrefix,
    String runbookUrl,
    String status,
    String description,
    List<DeploymentView> deployments,
    List<ServerView.ContactRole> contacts,
    Instant createdAt,
    Instant updatedAt) {

  static final String[] DERIVED = {"createdAt", "updatedAt"};

  /** A server this application runs on, and its role there. */
  public record DeploymentView(String server, String role) {}

  public static ApplicationView of(Application a) {
    return new ApplicationView(
        a.name,
        a.title,
        a.technology,
        a.repositoryUrl,
        a.graphitePrefix,
        a.runbookUrl,
        a.status,
        a.description,
        a.deployments.stream().map(d -> new DeploymentView(d.server.name, d.role)).toList(),
        ServerView.ContactRole.of(a.contacts),
        a.createdAt,
        a.updatedAt);
  }
}
