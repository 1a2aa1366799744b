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
  // The tiles count every alert, shown or filtered out: they move by the changes, not by the squares.
  const count = (level, delta) => {
    const counter = document.querySelector(`[data-count="${level}"]`);
    if (counter) {
      counter.textContent = Math.max(0, Number(counter.textContent) + delta);
    }
  };
  const filtered = new URLSearchParams(window.location.search).has("level") ||
    new URLSearchParams(window.location.search).has("label");
  const show = (square, level, flapping, flash) => {
    const css = `level-${level.toLowerCase()}`;
    if (square.classList.contains(css) && square.classList.contains("flapping") === flapping) {
      return;
    }
    levels.forEach((l) => square.classList.remove(`level-${l.toLowerCase()}`));
    square.classList.add(css);
    square.classList.toggle("flapping", flapping);
    square.querySelector(".square-level").textContent = level + (flapping ? " · flapping" : "");
    if (flash) {
      square.classList.remove("changed");
      void square.offsetWidth; // restart the flash animation
      square.classList.add("changed");
    }
  };
  const source = new EventSource(grid.dataset.live);
  // On every (re)connection, catch up with what changed while the page was not listening.
  const catchUp = () => {
    fetch("/api/alerts", { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : []))
      .then((alerts) => {
        levels.forEach((level) => {
          const counter = document.querySelector(`[data-count="${level}"]`);
          if (counter) {
            counter.textContent = alerts.filter((alert) => alert.level === level).length;
          }
        });
        alerts.forEach((alert) => {
          const square = grid.querySelector(`[data-alert="${CSS.escape(alert.id)}"]`);
          if (square) {
            show(square, alert.level, alert.flapping, false);
          }
        });
      })
      .catch(() => {});
  };
  source.onopen = () => {
    grid.dataset.connected = "true";
    catchUp();
  };
  // Changes that another Opsroom instance recorded reach this page within a minute.
  window.setInterval(catchUp, 60_000);
  source.onmessage = (message) => {
    const update = JSON.parse(message.data);
    if (!update.id) {
      return; // hello or heartbeat
    }
    if (update.previous && update.previous !== update.level) {
      count(update.previous, -1);
      count(update.level, +1);
    }
    const square = grid.querySelector(`[data-alert="${CSS.escape(update.id)}"]`);
    if (!square) {
      if (!filtered) {
        window.location.reload(); // an alert this page does not know yet
      }
      return;
    }
    show(square, update.level, update.flapping, true);
  };
});

// Metric search on alert pages: Graphite's tree one level at a time, as a datalist.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("[data-metric-search]");
  if (!input) {
    return;
  }
  const list = document.getElementById(input.getAttribute("list"));
  let asked = null;
  input.addEventListener("input", () => {
    const value = input.value;
    const level = value.includes(".") ? value.slice(0, value.lastIndexOf(".") + 1) : "";
    if (level === asked) {
      return;
    }
    asked = level;
    fetch(`${input.dataset.metricSearch}?query=${encodeURIComponent(level)}`, {
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : []))
      .then((paths) => {
        list.replaceChildren(
          ...paths.map((path) => {
            const option = document.createElement("option");
            option.value = path;
            return option;
          }),
        );
      })
      .catch(() => {});
  });
});

// Events: a suggested tag of the event form adds itself to the tags field (once).
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("[data-tag-input]");
  if (!input) {
    return;
  }
  document.querySelectorAll("[data-add-tag]").forEach((button) => {
    button.addEventListener("click", () => {
      const tags = input.value.split(/[\s,]+/).filter((tag) => tag.length > 0);
      if (!tags.includes(button.dataset.addTag)) {
        tags.push(button.dataset.addTag);
      }
      input.value = tags.join(" ");
      button.setAttribute("aria-pressed", "true");
      input.focus();
    });
  });
});

// Events on graphs: a click on the plot of an alert graph opens the event form at the clicked
// time, with the alert's application and server as tags. The SVG says where its plot is (in
// viewBox units) and which time it shows; the page scales it, so the click is mapped back through
// the SVG's screen transformation. Clicks on a marker follow the marker's own link.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-add-event]").forEach((section) => {
    const svg = section.querySelector("svg.chart[data-plot-left]");
    if (!svg || !svg.getScreenCTM) return;
    const data = svg.dataset;
    const left = Number(data.plotLeft);
    const right = Number(data.plotRight);
    const top = Number(data.plotTop);
    const bottom = Number(data.plotBottom);
    const from = Number(data.from);
    const until = Number(data.until);
    if (!(right > left) || !(until > from)) return;
    svg.classList.add("add-event-target");
    svg.addEventListener("click", (event) => {
      if (event.target.closest && event.target.closest("a")) return;
      const matrix = svg.getScreenCTM();
      if (!matrix) return;
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const inBox = point.matrixTransform(matrix.inverse());
      if (inBox.x < left || inBox.x > right || inBox.y < top || inBox.y > bottom) return;
      const at = Math.round(from + ((inBox.x - left) / (right - left)) * (until - from));
      const base = section.dataset.addEvent;
      window.location.href = base + (base.includes("?") ? "&" : "?") + "at=" + at;
    });
  });
});

// Graphs and dashboards: a [data-load] place of an object page (its Alerts and Graphs cards) is
// filled from its URL after the page is shown, so the page never waits for Graphite. The range
// links inside load the same cards for their range in place, without a history entry. Without
// this script the place keeps its links to the graphs page.
document.addEventListener("DOMContentLoaded", () => {
  const fragmentUrl = (href) => {
    const url = new URL(href, window.location.href);
    url.searchParams.set("fragment", "1");
    return url.toString();
  };
  const load = (place, url) => {
    place.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        return response.text();
      })
      .then((html) => {
        place.innerHTML = html;
        place.dataset.loaded = url;
      })
      .catch(() => {
        place.querySelectorAll("[data-loading]").forEach((p) => {
          p.append(" (It could not be loaded here.)");
        });
      })
      .finally(() => place.removeAttribute("aria-busy"));
  };
  document.querySelectorAll("[data-load]").forEach((place) => {
    load(place, place.dataset.load);
    place.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a[data-stats-range]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      load(place, fragmentUrl(link.href));
    });
  });
});
