(function () {
  var allowed = {{ origins | tojson }}, ancestors = location.ancestorOrigins, to = ancestors && ancestors.length ? ancestors[0] : "";
  try { to = to || new URL(document.referrer).origin; } catch (e) {}
  if (parent === window || !allowed.some(function (a) {
    return a === to || a.slice(-2) === ":*" && to.indexOf(a.slice(0, -1)) === 0 && /^\d+$/.test(to.slice(a.length - 1));
  })) return;
  var body = document.body;
  function send() {
    var message = {type: "personvern:height", height: Math.ceil(body.getBoundingClientRect().height)},
        target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) { message.section = target.id; message.top = Math.round(target.getBoundingClientRect().top + scrollY); }
    parent.postMessage(message, to);
  }
  send();  // now and on load too: a browser may not run the observer while the iframe is off screen
  new ResizeObserver(send).observe(body);
  addEventListener("load", send);
  addEventListener("hashchange", send);
})();
