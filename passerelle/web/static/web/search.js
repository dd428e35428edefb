/* The search box's suggestions (core/search/templates/search/search.html): htmx puts the records
   best matching what is typed into the list; this script makes the input and the list a
   combobox (WAI-ARIA Authoring Practices, "list autocomplete"): the down and up arrow keys move
   through the options (aria-activedescendant, so focus stays in the input), Enter opens the one
   chosen, Escape closes the list, and a screen reader hears the number of suggestions (a status
   region). Without JavaScript the form is an ordinary search form. */
(function () {
  "use strict";

  function combobox(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var active = -1;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    }

    function choose(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(open) {
      var expanded = open && options().length > 0;
      list.hidden = !expanded;
      input.setAttribute("aria-expanded", expanded ? "true" : "false");
      if (!expanded) choose(-1);
    }

    function go(option) {
      if (option && option.dataset.href) window.location.assign(option.dataset.href);
    }

    list.addEventListener("htmx:afterSwap", function () {
      choose(-1);
      show(input.value.trim() !== "" && document.activeElement === input);
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        if (list.hidden) show(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next >= all.length) next = 0;
        if (next < 0) next = all.length - 1;
        choose(next);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && all[active]) {
          event.preventDefault();
          go(all[active]);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          show(false);
        }
      }
    });

    input.addEventListener("blur", function () {
      show(false);
    });

    /* A pointer chooses too; mousedown keeps the focus in the input until the click. */
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) go(option);
    });
  }

  document.querySelectorAll('input[role="combobox"][hx-get]').forEach(combobox);
})();
