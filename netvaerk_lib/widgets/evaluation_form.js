// The member's evaluation form: a plain HTML form, phone first, that only collects and shows.
// Python checks every value again when it arrives, and decides what is shown next (the "step" traitlet).
// Every text (questions, messages) is set with textContent, never as HTML.

let uid = 0;

function make(tag, attrs, parent) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else if (value === true) node.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  if (parent) parent.appendChild(node);
  return node;
}

function fill(text, values) {
  return String(text ?? "").replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

function render({ model, el }) {
  const prefix = `nv-eval-${++uid}`;
  const tx = (key, values = {}) => fill((model.get("texts") || {})[key] ?? key, values);
  el.classList.add("nv-eval");
  let fields = {}; // field name -> {box, error, controls}
  let summary = null;
  let submit = null;
  let busy = false;

  // A message that gets no answer (a dropped connection on a busy network) is sent again every few
  // seconds; Python answers a repeat with its full state and never stores anything twice. After a few
  // unanswered tries the member is told, in words, that the server does not answer and what to do.
  const RETRY_MS = 8000;
  const TRIES_BEFORE_TELLING = 3;
  let retry = null;
  const connection = make("p", { className: "nv-eval-connection", role: "alert", hidden: true });

  function send(message) {
    setBusy(true);
    model.send(message);
    clearInterval(retry);
    let tries = 0;
    retry = setInterval(() => {
      if (!busy) return clearInterval(retry);
      model.send(message);
      if (++tries === TRIES_BEFORE_TELLING) {
        connection.textContent = tx("no_connection");
        connection.hidden = false;
      }
    }, RETRY_MS);
  }

  function setBusy(value) {
    busy = value;
    if (!value) {
      clearInterval(retry);
      connection.hidden = true;
    }
    if (submit) {
      submit.disabled = value;
      submit.textContent = value ? tx("sending") : submit.dataset.label;
      submit.setAttribute("aria-busy", value ? "true" : "false");
    }
  }

  function errorNode(box, id) {
    return make("div", { className: "nv-eval-error", id }, box);
  }

  // ---- the draft ----------------------------------------------------------------------------------
  // A phone may reload the page on its own (a tab the system put to sleep, a lost connection). What the
  // member has chosen and written so far is kept in this tab's sessionStorage under their code, put back when
  // the form comes again, and removed once the answer is saved. Nothing of it leaves the phone before "Send".
  const draftKey = () => `netvaerk-evaluation-draft-${model.get("code") || ""}`;

  function saveDraft() {
    try {
      sessionStorage.setItem(draftKey(), JSON.stringify(collect()));
    } catch (error) { /* private mode or full storage: the form works without a draft */ }
  }

  function loadDraft() {
    try {
      return JSON.parse(sessionStorage.getItem(draftKey()) || "null");
    } catch (error) {
      return null;
    }
  }

  function dropDraft() {
    try {
      sessionStorage.removeItem(draftKey());
    } catch (error) { /* nothing kept */ }
  }

  function restoreDraft() {
    const draft = loadDraft();
    if (!draft || typeof draft !== "object") return;
    for (const question of model.get("questions") || []) {
      const field = fields[question.key];
      if (question.kind === "rating") {
        const value = String((draft.ratings || {})[question.key] ?? "");
        for (const radio of field.controls) radio.checked = radio.value === value;
      } else if (typeof (draft.texts || {})[question.key] === "string") {
        field.controls[0].value = draft.texts[question.key];
      }
    }
    const goal = fields.goal;
    goal.share.checked = draft.share_goal === true;
    goal.share.setAttribute("aria-expanded", String(goal.share.checked));
    goal.area.hidden = !goal.share.checked;
    if (typeof draft.goal_text === "string") goal.text.value = draft.goal_text;
    for (const area of el.querySelectorAll("textarea")) area.dispatchEvent(new Event("input"));
  }

  // ---- step 1: the code --------------------------------------------------------------------------
  function codeStep() {
    const form = make("form", { className: "nv-eval-card", novalidate: true });
    make("p", { text: tx("code_intro") }, form);
    const id = `${prefix}-code`;
    make("label", { for: id, className: "nv-eval-label", text: tx("code_label") }, form);
    make("p", { className: "nv-eval-hint", id: `${id}-hint`, text: tx("code_hint") }, form);
    const input = make("input", {
      id, type: "text", className: "nv-eval-code-input", autocomplete: "one-time-code", autocapitalize: "characters",
      autocorrect: "off", spellcheck: "false", maxlength: 16, "aria-describedby": `${id}-hint ${id}-error`,
    }, form);
    input.value = model.get("code") || "";
    const error = errorNode(form, `${id}-error`);
    submit = make("button", { type: "submit", className: "nv-eval-submit", text: tx("code_button") }, form);
    submit.dataset.label = tx("code_button");
    fields = { code: { box: form, error, controls: [input] } };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (busy) return;
      send({ type: "code", code: input.value });
    });
    return form;
  }

  // ---- step 2: the questions ---------------------------------------------------------------------
  function ratingQuestion(form, question) {
    const id = `${prefix}-${question.key}`;
    const box = make("fieldset", { className: "nv-eval-question", id }, form);
    const legend = make("legend", { className: "nv-eval-label", text: question.label }, box);
    if (question.required) make("span", { className: "nv-eval-required", text: ` (${tx("required")})` }, legend);
    const scale = make("div", { className: "nv-eval-scale" }, box);
    const ends = `${id}-ends`;
    const controls = [];
    for (let value = 1; value <= 5; value++) {
      const option = make("label", { className: "nv-eval-option" }, scale);
      const radio = make("input", { type: "radio", name: id, value, "aria-describedby": `${ends} ${id}-error` },
                         option);
      make("span", { text: String(value) }, option);
      controls.push(radio);
    }
    const endsRow = make("div", { className: "nv-eval-ends", id: ends }, box);
    make("span", { text: tx("scale_low") }, endsRow);
    make("span", { text: tx("scale_high") }, endsRow);
    const error = errorNode(box, `${id}-error`);
    fields[question.key] = { box, error, controls, first: controls[0] };
  }

  function textArea(box, id, limit, label) {
    make("label", { for: id, className: "nv-eval-label", text: label }, box);
    const area = make("textarea", { id, rows: 3, maxlength: limit, "aria-describedby": `${id}-count ${id}-error` },
                      box);
    const count = make("div", { className: "nv-eval-count", id: `${id}-count` }, box);
    const update = () => { count.textContent = tx("count", { used: area.value.length, limit }); };
    area.addEventListener("input", update);
    update();
    return area;
  }

  function textQuestion(form, question) {
    const id = `${prefix}-${question.key}`;
    const box = make("div", { className: "nv-eval-question", id: `${id}-box` }, form);
    const label = question.label + (question.required ? ` (${tx("required")})` : "");
    const area = textArea(box, id, (model.get("limits") || {}).text || 1000, label);
    const error = errorNode(box, `${id}-error`);
    fields[question.key] = { box, error, controls: [area], first: area };
  }

  function goalBlock(form) {
    const id = `${prefix}-goal`;
    const box = make("fieldset", { className: "nv-eval-question nv-eval-goal" }, form);
    make("legend", { className: "nv-eval-label", text: tx("goal_legend") }, box);
    const check = make("label", { className: "nv-eval-check" }, box);
    const share = make("input", { type: "checkbox", id: `${id}-share`, "aria-controls": `${id}-area`,
                                  "aria-expanded": "false", "aria-describedby": `${id}-hint` }, check);
    make("span", { text: tx("goal_share") }, check);
    make("p", { className: "nv-eval-hint", id: `${id}-hint`, text: tx("goal_hint") }, box);
    const area = make("div", { id: `${id}-area`, hidden: true }, box);
    const text = textArea(area, id, (model.get("limits") || {}).goal || 500, tx("goal_label"));
    const error = errorNode(box, `${id}-error`);
    share.addEventListener("change", () => {
      area.hidden = !share.checked;
      share.setAttribute("aria-expanded", String(share.checked));
      if (share.checked) text.focus();
    });
    fields.goal = { box, error, controls: [text], first: text, share, text, area };
  }

  function collect() {
    const ratings = {};
    const texts = {};
    for (const question of model.get("questions") || []) {
      const field = fields[question.key];
      if (question.kind === "rating") {
        const chosen = field.controls.find((radio) => radio.checked);
        ratings[question.key] = chosen ? parseInt(chosen.value, 10) : null;
      } else {
        texts[question.key] = field.controls[0].value;
      }
    }
    return { type: "submit", ratings, texts, share_goal: fields.goal.share.checked, goal_text: fields.goal.text.value };
  }

  function formStep() {
    const form = make("form", { className: "nv-eval-card", novalidate: true });
    fields = {};
    make("p", { className: "nv-eval-meeting", text: model.get("meeting"), tabindex: "-1" }, form);
    make("p", { className: "nv-eval-anonymous", text: tx("anonymous") }, form);
    make("p", { className: "nv-eval-hint", text: tx("code_shown", { code: model.get("code") }) }, form);
    summary = make("div", { className: "nv-eval-summary", role: "alert", tabindex: "-1", hidden: true }, form);
    for (const question of model.get("questions") || []) {
      if (question.kind === "rating") ratingQuestion(form, question);
      else textQuestion(form, question);
    }
    goalBlock(form);
    submit = make("button", { type: "submit", className: "nv-eval-submit", text: tx("send") }, form);
    submit.dataset.label = tx("send");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (busy) return; // a double tap sends once; Python refuses a second submission anyway
      send(collect());
    });
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", saveDraft);
    return form;
  }

  // ---- step 3: the confirmation ------------------------------------------------------------------
  function doneStep() {
    const box = make("div", { className: "nv-eval-card nv-eval-done", role: "status", tabindex: "-1" });
    make("h2", { text: tx("done_title") }, box);
    make("p", { text: tx("done_text") }, box);
    if (model.get("goal_shared")) make("p", { text: tx("done_goal") }, box);
    make("p", { text: tx("done_close") }, box);
    return box;
  }

  // ---- painting ------------------------------------------------------------------------------------
  function showErrors() {
    const errors = model.get("errors") || {};
    const problem = model.get("problem") || "";
    let firstInvalid = null;
    for (const [name, field] of Object.entries(fields)) {
      const messages = errors[name] || [];
      field.error.textContent = messages.join(" ");
      field.box.classList.toggle("nv-eval-invalid", messages.length > 0);
      for (const control of field.controls) {
        if (messages.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
      if (messages.length && !firstInvalid) firstInvalid = field.first || field.controls[0];
    }
    const all = [problem, ...Object.values(errors).flat()].filter(Boolean);
    if (summary) {
      summary.replaceChildren();
      summary.hidden = all.length === 0;
      if (all.length) {
        if (!problem) make("p", { text: tx("summary") }, summary);
        const list = make("ul", {}, summary);
        for (const message of all) make("li", { text: message }, list);
        summary.focus();
        return;
      }
    }
    if (firstInvalid) firstInvalid.focus();
  }

  let shownStep = null;
  function paint() {
    const step = model.get("step");
    if (step !== shownStep) {
      const previous = shownStep;
      shownStep = step;
      summary = null;
      submit = null;
      busy = false;
      const content = step === "done" ? doneStep() : step === "form" ? formStep() : codeStep();
      el.replaceChildren(content, connection);
      if (step === "form") restoreDraft();
      if (step === "done") dropDraft();
      if (step === "done") content.focus();
      else if (step === "form" && previous === "code") content.querySelector(".nv-eval-meeting").focus();
    }
    showErrors();
  }

  model.on("change:step", paint);
  model.on("change:serial", () => { setBusy(false); showErrors(); });
  model.on("change:texts", () => { shownStep = null; paint(); });
  paint();
  return () => { clearInterval(retry); el.replaceChildren(); };
}

export default { render };
