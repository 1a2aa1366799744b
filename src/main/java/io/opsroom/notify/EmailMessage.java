package io.opsroom.notify;

import java.util.List;

/** TEMPORARY stand-in until the outbox branch lands. */
public record EmailMessage(List<String> to, String subject, String html, String text) {}
