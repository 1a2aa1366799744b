package io.opsroom.alerting;

import io.quarkus.qute.TemplateGlobal;
import java.util.List;

/** The alert levels in the order the filters offer them, available to every template. */
@TemplateGlobal
public class AlertChoices {

  static List<String> alertLevels =
      List.of("ok", "pending", "warning", "critical", "unknown", "error");
}
