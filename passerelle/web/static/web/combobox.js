// A type-ahead picker over a native multi-select (`select[multiple][data-combobox]`): the
// select stays in the form and is what is sent; it is hidden once this script runs, and a
// text box with a list of matches (the ARIA 1.2 combobox pattern) and the chosen items, each
// with a button to remove it, take its place. Without JavaScript the select is used as is.
(() => {
  const MAX_SHOWN = 12;
  const fold = (text) => text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

  function enhance(select) {
    const id = select.id;
    const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
    const box = document.createElement("div");
    box.className = "combobox";
    const chosen = document.createElement("ul");
    chosen.className = "combobox__chosen";
    chosen.setAttribute("aria-label", select.dataset.chosenLabel || "");
    const input = document.createElement("input");
    input.type = "text";
    input.id = `${id}-combobox`;
    input.className = "combobox__input";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", `${id}-listbox`);
    const hint = select.getAttribute("aria-describedby");
    if (hint) input.setAttribute("aria-describedby", hint);
    const list = document.createElement("ul");
    list.id = `${id}-listbox`;
    list.className = "combobox__list";
    list.setAttribute("role", "listbox");
    if (label) {
      label.htmlFor = input.id;
      list.setAttribute("aria-label", label.textContent.trim());
    }
    list.hidden = true;
    box.append(chosen, input, list);
    select.hidden = true;
    select.after(box);
    // What only the native select needs (how to pick several, the list of those chosen).
    box.parentElement.querySelectorAll("[data-combobox-hide]").forEach((node) => { node.hidden = true; });
    let active = -1;

    function showChosen() {
      chosen.replaceChildren(...[...select.selectedOptions].map((option) => {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "combobox__remove";
        button.textContent = `${option.textContent} ✕`;
        button.setAttribute("aria-label", `${select.dataset.removeLabel} ${option.textContent}`);
        button.addEventListener("click", () => {
          option.selected = false;
          showChosen();
          input.focus();
        });
        item.append(button);
        return item;
      }));
    }

    function matches() {
      const typed = fold(input.value.trim());
      if (!typed) return [];
      return [...select.options]
        .filter((option) => !option.selected && fold(option.textContent).includes(typed))
        .slice(0, MAX_SHOWN);
    }

    function showList() {
      const found = matches();
      active = found.length ? 0 : -1;
      list.replaceChildren(...found.map((option, index) => {
        const item = document.createElement("li");
        item.id = `${id}-option-${index}`;
        item.setAttribute("role", "option");
        item.dataset.value = option.value;
        item.textContent = option.textContent;
        item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(option); });
        return item;
      }));
      const open = found.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", String(open));
      mark();
    }

    function mark() {
      [...list.children].forEach((item, index) => {
        item.setAttribute("aria-selected", String(index === active));
      });
      if (active >= 0) input.setAttribute("aria-activedescendant", `${id}-option-${active}`);
      else input.removeAttribute("aria-activedescendant");
    }

    function choose(option) {
      option.selected = true;
      input.value = "";
      showChosen();
      showList();
    }

    input.addEventListener("input", showList);
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    };
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      const count = list.children.length;
      if (event.key === "ArrowDown" && count) { active = (active + 1) % count; mark(); }
      else if (event.key === "ArrowUp" && count) { active = (active - 1 + count) % count; mark(); }
      else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        const value = list.children[active].dataset.value;
        choose([...select.options].find((option) => option.value === value));
      } else if (event.key === "Escape") close();
      else return;
      event.preventDefault();
    });
    select.addEventListener("change", showChosen);
    showChosen();
  }

  function start() {
    document.querySelectorAll("select[multiple][data-combobox]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
