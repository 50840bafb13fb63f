// Filters a long checkbox list of the dialogue editor as the editor types.
// Delegated from the document, so lists added later (and every language) work alike.
(() => {
  const fold = (text) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

  const isFilter = (target) => target instanceof HTMLInputElement && target.matches("[data-dialogue-choices-filter]");

  // Enter in the filter box must not submit (save) the page.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && isFilter(event.target)) event.preventDefault();
  });

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!isFilter(input)) return;
    const query = fold(input.value.trim());
    const list = input.closest("[data-dialogue-choices]");
    list.querySelectorAll("input[type=checkbox]").forEach((checkbox) => {
      const option = checkbox.closest("label")?.parentElement;
      if (!option) return;
      // A chosen option stays visible, so filtering never hides what is already picked.
      option.hidden = !(checkbox.checked || fold(option.textContent).includes(query));
    });
  });
})();
