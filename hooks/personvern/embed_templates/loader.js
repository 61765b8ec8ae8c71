(function (d) {
  var script = d.currentScript, root = new URL({{ root | tojson }}, script.src), pages = {{ pages | tojson }},
      alias = {{ aliases | tojson }}, boxes = d.querySelectorAll("[data-personvern]");
  if (!boxes.length) {
    boxes = [d.createElement("div")];
    script.before(boxes[0]);
  }
  {# a section id, or "" #}
  function id(value) {
    return /^[a-z][a-z0-9-]{0,63}$/.test(value) ? value : "";
  }
  {# the host page's #section, unless the host page has that id itself #}
  function hash() {
    var value = location.hash.slice(1);
    return d.getElementById(value) ? "" : id(value);
  }
  [].forEach.call(boxes, function (box) {
    if (box.querySelector("iframe")) return;
    function get(name) { return box.getAttribute(name) || script.getAttribute(name) || ""; }
    var lang = (get("data-lang") || d.documentElement.lang).toLowerCase().split("-")[0], frame = d.createElement("iframe"),
        section = id(get("data-section")) || hash(), top = -1;
    lang = pages[alias[lang] || lang] || pages[{{ default | tojson }}];
    frame.src = new URL(lang[0], root).href + (section && "#" + section);
    frame.title = lang[1];
    frame.loading = section ? "eager" : "lazy";
    frame.referrerPolicy = "origin";
    frame.style.cssText = "display:block;width:100%;height:{{ height }}px;border:0";
    box.replaceChildren(frame);
    {# once the host page has loaded, after the browser's own scroll #}
    function scroll() {
      if (section && top >= 0 && d.readyState == "complete") {
        scrollTo(0, frame.getBoundingClientRect().top + scrollY + top);
        section = "";
      }
    }
    addEventListener("load", scroll);
    addEventListener("hashchange", function () {
      if (section = hash()) {
        top = -1;
        frame.src = frame.src.split("#")[0] + "#" + section;
      }
    });
    addEventListener("message", function (event) {
      var data = event.data || 0, height = data.height;
      if (event.origin != root.origin || event.source != frame.contentWindow || data.type != "personvern:height"
          || typeof height != "number" || !isFinite(height)) return;
      frame.style.height = Math.min(Math.max(Math.ceil(height), {{ min }}), {{ max }}) + "px";
      if (section && data.section == section && typeof data.top == "number" && isFinite(data.top)) {
        top = Math.max(0, data.top);
        scroll();
      }
    });
  });
})(document);
