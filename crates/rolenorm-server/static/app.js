// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  for (const button of document.querySelectorAll("button.copy[data-copy]")) {
    const target = document.getElementById(button.dataset.copy);
    if (!target || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(target.value);
      button.textContent = button.textContent.replace(/ ✓$/, "") + " ✓";
    });
  }
  for (const time of document.querySelectorAll("time[datetime]")) {
    const date = new Date(time.getAttribute("datetime"));
    if (!Number.isNaN(date.getTime())) time.textContent = date.toLocaleString(document.documentElement.lang);
  }
  for (const time of document.querySelectorAll("[data-epoch]")) {
    const date = new Date(Number(time.dataset.epoch) * 1000);
    time.textContent = date.toLocaleString(document.documentElement.lang);
  }
});
