(function (d) {
  var script = d.currentScript, root = new URL({{ root | tojson }}, script.src), pages = {{ pages | tojson }},
      titles = {{ titles | tojson }}, boxes = d.querySelectorAll("[data-personvern]");
  function language(value) {
    value = (value || "").toLowerCase().split("-")[0];
    return pages[value] ? value : {{ default | tojson }};
  }
  if (!boxes.length) {
    boxes = [d.createElement("div")];
    script.parentNode.insertBefore(boxes[0], script);
  }
  [].forEach.call(boxes, function (box) {
    if (box.querySelector("iframe")) return;
    var lang = language(box.getAttribute("data-lang") || script.getAttribute("data-lang") || d.documentElement.lang),
        section = box.getAttribute("data-section") || script.getAttribute("data-section") || "",
        frame = d.createElement("iframe"), top = -1;
    if (!section && !d.getElementById(location.hash.slice(1))) section = location.hash.slice(1);
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(section)) section = "";
    frame.src = new URL(pages[lang], root).href + (section && "#" + section);
    frame.title = titles[lang];
    frame.loading = section ? "eager" : "lazy";
    frame.referrerPolicy = "origin";
    frame.style.cssText = "display:block;width:100%;height:{{ height }}px;border:0";
    box.replaceChildren(frame);
    function scroll() {  // once, after the host page has loaded: the browser's own scroll at load comes first
      if (section && top >= 0 && d.readyState === "complete") {
        scrollTo(0, frame.getBoundingClientRect().top + scrollY + top);
        section = "";
      }
    }
    addEventListener("load", scroll);
    addEventListener("message", function (event) {
      var data = event.data, height = data && data.height;
      if (event.origin !== root.origin || event.source !== frame.contentWindow || !data || data.type !== "personvern:height"
          || typeof height !== "number" || !isFinite(height)) return;
      frame.style.height = Math.min(Math.max(Math.ceil(height), {{ min }}), {{ max }}) + "px";
      if (section && data.section === section && typeof data.top === "number" && isFinite(data.top)) {
        top = Math.max(0, data.top);
        scroll();
      }
    });
  });
})(document);
