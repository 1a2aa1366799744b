package io.opsroom.alerting;

import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Server-Sent Events for the status grid: one JSON event per alert change, a HELLO event at once,
 * and a HEARTBEAT event every 25 seconds so proxies keep the connection open.
 */
@Path("/alerts/stream")
public class AlertStreamResource {

  @Inject AlertStream stream;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<AlertStream.AlertUpdate> updates() {
    Multi<AlertStream.AlertUpdate> heartbeat =
        Multi.createFrom()
            .ticks()
            .every(Duration.ofSeconds(25))
            .map(tick -> new AlertStream.AlertUpdate("", "HEARTBEAT", null, null, false, null));
    // A first event at once: the browser sees the stream open without waiting for a change.
    Multi<AlertStream.AlertUpdate> hello =
        Multi.createFrom().item(new AlertStream.AlertUpdate("", "HELLO", null, null, false, null));
    return Multi.createBy()
        .concatenating()
        .streams(hello, Multi.createBy().merging().streams(stream.updates(), heartbeat));
  }
}
