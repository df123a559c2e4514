// The flip-over's points: one row per point with its remove button, drawn here from the `points` list, so that a
// point added or removed is one message, not a row of widgets. Texts are set as text, never as HTML.
export default {
  render({ model, el }) {
    el.classList.add("nv-run-points");
    const draw = () => {
      const points = model.get("points");
      const rows = points.map(({ id, text, remove, tooltip }) => {
        const row = document.createElement("div");
        row.className = "nv-run-row nv-run-point-row";
        const point = document.createElement("span");
        point.className = "nv-run-point";
        point.textContent = `• ${text}`;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "jupyter-button widget-button nv-button";
        button.textContent = remove;
        button.title = tooltip;
        button.addEventListener("click", () => model.send({ type: "remove", id }));
        row.append(point, button);
        return row;
      });
      if (!rows.length) {
        const empty = document.createElement("p");
        empty.className = "nv-run-muted";
        empty.textContent = model.get("empty");
        rows.push(empty);
      }
      el.replaceChildren(...rows);
    };
    model.on("change:points", draw);
    model.on("change:empty", draw);
    draw();
  },
};
