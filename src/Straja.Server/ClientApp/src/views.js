// The console's top-level views: the map, and section pages such as the registry, each owning
// the hash prefix "#/<name>". The map stays mounted (hidden) under every section, so going back
// to it loses neither the picture nor the live feed. Sections are independent: each is
// { root, show(hash) } and only learns that it became visible (or that its hash changed).

/** The view a location hash names: its first path segment when a section has it, otherwise "map". */
export function viewOf(hash, sectionNames) {
  const first = (hash ?? "").replace(/^#\/?/, "").split("?")[0].split("/")[0];
  return sectionNames.includes(first) ? first : "map";
}

/**
 * Follows the location hash. `sections` maps a name to { root, show(hash) }; the nav links carry
 * data-view-link="<name>" (or "map") and get the "active" class. `onMapShown` runs when the map
 * becomes visible again (a map laid out while hidden has the wrong size).
 */
export function mountViews({ mapView, onMapShown, sections }) {
  const names = Object.keys(sections);
  let current = null;
  function route() {
    const view = viewOf(window.location.hash, names);
    for (const a of document.querySelectorAll("[data-view-link]")) a.classList.toggle("active", a.dataset.viewLink === view);
    mapView.hidden = view !== "map";
    for (const name of names) sections[name].root.hidden = name !== view;
    if (view === "map") {
      if (current !== "map") onMapShown?.();
    } else {
      sections[view].show(window.location.hash);
    }
    current = view;
  }
  window.addEventListener("hashchange", route);
  route();
}
