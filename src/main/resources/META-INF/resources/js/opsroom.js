// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Ask before destructive buttons (revoke, deactivate) that carry data-confirm.
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });
});

// The status grid: squares change colour as alerts change, without a reload (Server-Sent Events).
document.addEventListener("DOMContentLoaded", () => {
  const grid = document.querySelector("[data-live]");
  if (!grid || !window.EventSource) {
    return;
  }
  const levels = ["OK", "PENDING", "WARNING", "CRITICAL", "UNKNOWN", "ERROR"];
  const recount = () => {
    levels.forEach((level) => {
      const counter = document.querySelector(`[data-count="${level}"]`);
      if (counter) {
        counter.textContent = grid.querySelectorAll(`.square.level-${level.toLowerCase()}`).length;
      }
    });
  };
  const source = new EventSource(grid.dataset.live);
  source.onmessage = (message) => {
    const update = JSON.parse(message.data);
    if (!update.id) {
      return; // heartbeat
    }
    const square = grid.querySelector(`[data-alert="${CSS.escape(update.id)}"]`);
    if (!square) {
      window.location.reload(); // an alert this page does not know yet
      return;
    }
    levels.forEach((level) => square.classList.remove(`level-${level.toLowerCase()}`));
    square.classList.add(`level-${update.level.toLowerCase()}`);
    square.classList.toggle("flapping", update.flapping);
    square.querySelector(".square-level").textContent =
      update.level + (update.flapping ? " · flapping" : "");
    square.classList.remove("changed");
    void square.offsetWidth; // restart the flash animation
    square.classList.add("changed");
    recount();
  };
});
