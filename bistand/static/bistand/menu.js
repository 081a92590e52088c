// The main menu on a narrow screen: folded behind the "Meny" button, which opens and closes it.
// Without JavaScript the button stays hidden and the whole menu is shown (app.css lets it wrap).
// A static file, as the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-toggle");
  if (!button) {
    return;
  }
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  }
  button.hidden = false;
  header.classList.add("menu-foldable");
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and gives the focus back to the button.
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) {
      setOpen(false);
      button.focus();
    }
  });
})();
