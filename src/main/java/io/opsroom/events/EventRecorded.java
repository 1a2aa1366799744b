package io.opsroom.events;

/**
 * An event was written: fired synchronously inside the writing transaction, so what observers write
 * (an outage marked detected by an alert) commits or rolls back with it.
 */
public record EventRecorded(Event event) {}
