// Provenance: documents/<doc>.html#fact-<fact_id> highlights the fact's words in the text and
// its row in the facts table, and scrolls them into view. Clicking marked words selects the
// first fact they belong to. No library, no network.
"use strict";

function factIdFromHash() {
  const match = /^#fact-(.+)$/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function highlightFact() {
  document.querySelectorAll(".current").forEach((el) => el.classList.remove("current"));
  const factId = factIdFromHash();
  if (!factId) return;
  const pieces = document.querySelectorAll('mark.fact[data-facts~="' + CSS.escape(factId) + '"]');
  pieces.forEach((el) => el.classList.add("current"));
  const row = document.getElementById("row-" + factId);
  if (row) row.classList.add("current");
  if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
}

document.addEventListener("DOMContentLoaded", () => {
  highlightFact();
  window.addEventListener("hashchange", highlightFact);
  const text = document.getElementById("doctext");
  if (text) {
    text.addEventListener("click", (event) => {
      const mark = event.target.closest("mark.fact");
      if (mark) window.location.hash = "fact-" + mark.dataset.facts.split(" ")[0];
    });
  }
});
