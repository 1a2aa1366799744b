package io.opsroom.inventory;

/** Small helpers shared by the resources that take notes. */
final class NoteResources {

  private NoteResources() {}

  static NoteService.NoteInput orEmpty(NoteService.NoteInput input) {
    return input != null ? input : new NoteService.NoteInput(null, null);
  }
}
