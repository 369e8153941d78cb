// Small helpers for account pages; everything works without them.
// - A "Copy link" button copies the text of the element it names (the text stays selectable).
// - On the new-account form, the therapist field shows only when the role is Client (the
//   server uses it only for clients either way).
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "Copied";
      });
    });
  });
  document.querySelectorAll("[data-role-select]").forEach(function (select) {
    var role = select.getAttribute("data-role-select");
    var fields = select.form ? select.form.querySelectorAll("[data-for-role]") : [];
    function update() {
      fields.forEach(function (field) { field.hidden = select.value !== role; });
    }
    select.addEventListener("change", update);
    update();
  });
})();
