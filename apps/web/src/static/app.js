// Progressive enhancement only: every page works without this file.

function pollRecrawl(statusUrl, output) {
  let tries = 0;
  const tick = async () => {
    tries += 1;
    try {
      const response = await fetch(statusUrl, {
        headers: { accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const status = await response.json();
        output.textContent = status.label;
        if (status.finished) return;
      }
    } catch {
      // Network hiccup: keep polling a little longer.
    }
    if (tries < 600) setTimeout(tick, 1000);
  };
  void tick();
}

for (const form of document.querySelectorAll("form[data-recrawl]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const output = form.querySelector("output");
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { accept: "application/json" },
        credentials: "same-origin",
      });
      const result = await response.json();
      if (output) output.textContent = result.label || result.error || "";
      if (response.ok && result.statusUrl && output) pollRecrawl(result.statusUrl, output);
    } catch {
      if (output) output.textContent = "error";
    } finally {
      if (button)
        setTimeout(() => {
          button.disabled = false;
        }, 2000);
    }
  });
}

for (const output of document.querySelectorAll("output[data-status-url]")) {
  pollRecrawl(output.dataset.statusUrl, output);
}

// Filters: submit selects as soon as they change.
for (const select of document.querySelectorAll("form.filters select")) {
  select.addEventListener("change", () => select.form.requestSubmit());
}
