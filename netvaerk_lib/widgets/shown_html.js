// HTML that Python draws once a browser shows it. The first render asks for the content ("shown"), so a page
// whose charts take seconds to draw opens without them, and they follow; until then a short note stands there.
export default {
  render({ model, el }) {
    const paint = () => {
      const html = model.get("value");
      if (html) {
        el.innerHTML = html;  // built by Python, every value escaped there (as ipywidgets' HTML widget)
        return;
      }
      const note = document.createElement("p");
      note.className = "nv-sub nv-drawing";
      note.setAttribute("role", "status");
      note.textContent = model.get("placeholder");
      el.replaceChildren(note);
    };
    paint();
    model.on("change:value", paint);
    model.send({ type: "shown" });
    return () => model.off("change:value", paint);
  },
};
