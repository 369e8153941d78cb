"use strict";
// "Keep my plan on this device": an opt-in copy in this browser, shown on the crisis page
// when there is no connection. Off by default; removed on sign-out or when turned off.
(function () {
  var KEY = "toolkit.safetyPlan";
  var box = document.getElementById("keep-on-device");
  var source = document.getElementById("plan-copy");
  var status = document.querySelector('[data-role="device-status"]');
  if (!box || !source) return;
  function stored() { try { return window.localStorage.getItem(KEY); } catch (e) { return null; } }
  function say(text) { if (status) status.textContent = text; }
  box.checked = stored() !== null;
  if (box.checked) {
    // Keep the copy in step with the plan as it is now.
    try { window.localStorage.setItem(KEY, source.getAttribute("data-plan")); } catch (e) { /* ignore */ }
    say("A copy of your plan is kept on this device.");
  }
  box.addEventListener("change", function () {
    try {
      if (box.checked) {
        window.localStorage.setItem(KEY, source.getAttribute("data-plan"));
        say("A copy of your plan is now kept on this device.");
      } else {
        window.localStorage.removeItem(KEY);
        say("The copy has been removed from this device.");
      }
    } catch (e) {
      box.checked = false;
      say("This browser won't let us keep a copy. Printing the plan or the wallet card works too.");
    }
  });
})();
