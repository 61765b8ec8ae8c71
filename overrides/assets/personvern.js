// The site's one script. Everything works without it; it only keeps the reader's place:
// - a link to another language opens that page at the section being read;
// - a jump from the phone menu closes the menu.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[href]");
  if (!link) return;
  if (link.classList.contains("pv-language")) {
    // The section being read: the last heading at or above the top of the text, just under the site bar.
    const line = document.querySelector("header").offsetHeight + 32;
    let section = "";
    for (const heading of document.querySelectorAll(".pv-content :is(h2, h3)[id]")) {
      if (heading.getBoundingClientRect().top > line) break;
      section = heading.id;
    }
    link.hash = section || location.hash;
  }
  const menu = link.closest("[popover]");
  if (menu && menu.matches(":popover-open")) menu.hidePopover();
});
