/* Material for MkDocs 9.8: the helpers its inline head script defines
   (partials/javascripts/base.html), kept in a file so that no inline script
   is needed. Material's bundle and the other scripts use these globals.
   The scope is the site's base URL, given by the script element. */
(function () {
  "use strict";
  var scope = document.currentScript.getAttribute("data-md-scope");
  window.__md_scope = new URL(scope, location);
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (e) {
      /* storage full or blocked: nothing to keep */
    }
  };

})();
