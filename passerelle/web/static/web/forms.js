// What was typed in a form survives the language toggle: the header's link to the other
// language saves the page's forms in sessionStorage (this tab only, gone when it closes), and
// the page in the other language puts the values back. Files are not kept (a browser cannot
// set them). Nothing is sent anywhere; without JavaScript the toggle is a plain link.
(() => {
  const PREFIX = "passerelle:form:";
  const forms = () => [...document.querySelectorAll("main form[method=post]")];
  const where = (url) => url.pathname + url.search;
  const SKIPPED = new Set(["csrfmiddlewaretoken", "version"]);

  function collect() {
    return forms().map((form) => {
      const values = {};
      for (const [name, value] of new FormData(form)) {
        if (SKIPPED.has(name) || typeof value !== "string") continue;
        (values[name] = values[name] || []).push(value);
      }
      return values;
    });
  }

  function restoreField(form, name, values) {
    const components = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    for (const element of components) {
      const tag = element.tagName.toLowerCase();
      if (tag === "gcds-checkboxes" || tag === "gcds-radios") {
        element.value = tag === "gcds-radios" ? values[0] : values;
      } else if (tag.startsWith("gcds-")) {
        element.value = values[0];
      } else if (element.type === "checkbox" || element.type === "radio") {
        element.checked = values.includes(element.value);
      } else if (element.tagName === "SELECT") {
        for (const option of element.options) option.selected = values.includes(option.value);
      } else if (element.type !== "file" && element.type !== "hidden") {
        element.value = values[0];
      }
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  async function restore() {
    const key = PREFIX + where(window.location);
    const saved = sessionStorage.getItem(key);
    if (saved === null) return;
    sessionStorage.removeItem(key);
    const tags = new Set([...document.querySelectorAll("main form *")]
      .map((element) => element.tagName.toLowerCase()).filter((tag) => tag.startsWith("gcds-")));
    await Promise.all([...tags].map((tag) => customElements.whenDefined(tag)));
    const kept = JSON.parse(saved);
    forms().forEach((form, index) => {
      for (const [name, values] of Object.entries(kept[index] || {})) {
        restoreField(form, name, values);
      }
    });
  }

  // The toggle is an <a> in gcds-lang-toggle's shadow root (inside gcds-header's): the
  // click's composed path reaches it. Capture runs before the browser follows the link.
  document.addEventListener("click", (event) => {
    const path = event.composedPath();
    if (!path.some((node) => node.tagName === "GCDS-LANG-TOGGLE") || !forms().length) return;
    const link = path.find((node) => node instanceof HTMLAnchorElement && node.href);
    if (!link) return;
    const target = new URL(link.href, window.location.href);
    if (target.origin !== window.location.origin) return;
    sessionStorage.setItem(PREFIX + where(target), JSON.stringify(collect()));
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
