package io.opsroom.notify;

import jakarta.enterprise.context.ApplicationScoped;

/** TEMPORARY stand-in until the outbox branch lands. */
@ApplicationScoped
public class NotificationOutbox {
  public boolean enqueue(String dedupeKey, EmailMessage message) {
    return true;
  }
}
