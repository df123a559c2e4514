// The exercise timer: runs in the browser so the countdown is exact while the kernel is busy.
// Remaining time is always deadline - Date.now(); timers only repaint, and the next repaint is set for the
// moment the shown second changes, so the display is never a second behind the deadline. Every control is reported to Python
// (model.send) with the phase's running total of used milliseconds, and Python checks it again.
// All texts come from Python (the catalogue) through the "texts" traitlet; everything is set as textContent.

const MINUTE = 60000;
const SAFETY_TICK_MS = 1000;

function untilNextSecond(left) {
  // ms until the shown value changes: a countdown shows ceil(left), overtime shows floor(-left)
  return left > 0 ? ((left - 1) % 1000) + 1 : 1000 - ((-left) % 1000);
}

function clockText(ms) {
  // ms >= 0, whole seconds: "1:05", "12:00", "1:02:03"
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

function fill(text, values) {
  return String(text ?? "").replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

function make(tag, className, parent) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (parent) parent.appendChild(node);
  return node;
}

function render({ model, el }) {
  const tx = (key, values = {}) => fill((model.get("texts") || {})[key] ?? key, values);
  const phases = () => (model.get("program") || {}).phases || [];

  // ---- state --------------------------------------------------------------------------------------
  let st;
  function fresh() {
    st = { index: 0, status: "idle", deadline: 0, remaining: 0, segmentStart: 0, used: [], added: [], chimed: [] };
    st.remaining = planned(0);
  }
  const planned = (i) => ((phases()[i] || {}).seconds || 0) * 1000 + (st.added[i] || 0);
  const used = (i) => st.used[i] || 0;
  const remainingNow = () => (st.status === "running" ? st.deadline - Date.now() : st.remaining);
  let chimes = 0;
  let chimesPlayed = 0;
  let projector = false;
  let repaint = null; // the next repaint, set for when the shown second changes

  // ---- DOM ----------------------------------------------------------------------------------------
  const root = make("section", "nt-timer", el);
  const top = make("div", "nt-top", root);
  const title = make("h2", "nt-title", top);
  const counter = make("div", "nt-counter", top);
  const main = make("div", "nt-main", root);
  const label = make("div", "nt-label", main);
  const speaker = make("div", "nt-speaker", main);
  const lines = make("ul", "nt-lines", main);
  const clock = make("div", "nt-clock", main);
  clock.setAttribute("role", "timer");
  const state = make("div", "nt-state", main);
  const hint = make("div", "nt-hint", main);
  hint.setAttribute("role", "status");
  const progress = make("div", "nt-progress", main);
  const bar = make("div", "nt-progress-bar", progress);
  const prompt = make("ul", "nt-prompt", main);
  const upcoming = make("div", "nt-next", root);
  const controls = make("div", "nt-controls", root);
  const buttons = {};
  for (const [name, keys] of [["previous", "ArrowLeft"], ["toggle", "Space"], ["next", "ArrowRight"],
    ["plus", "+"], ["reset", ""], ["mute", ""], ["sound", ""], ["projector", "F"]]) {
    const b = make("button", `nt-button nt-btn-${name}`, controls);
    b.type = "button";
    if (keys) b.setAttribute("aria-keyshortcuts", keys);
    buttons[name] = b;
  }
  const help = make("p", "nt-help", root);

  // ---- sound --------------------------------------------------------------------------------------
  let audio = null;
  function ensureAudio() {
    if (audio) return audio;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    try {
      audio = new Context();
      audio.onstatechange = paint;
    } catch (error) {
      audio = null;
    }
    return audio;
  }
  function wakeAudio() {
    const context = ensureAudio();
    if (context && context.state === "suspended") context.resume().then(paint, paint);
  }
  function soundState() {
    if (model.get("muted")) return "off";
    if (!audio) return window.AudioContext || window.webkitAudioContext ? "blocked" : "none";
    return audio.state === "running" ? "on" : "blocked";
  }
  function chime() {
    chimes += 1;
    root.dataset.chimes = String(chimes);
    if (model.get("muted") || !audio || audio.state !== "running") return;
    const start = audio.currentTime + 0.01;
    for (const [frequency, delay] of [[880, 0], [1318.5, 0.2], [1760, 0.4]]) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + delay);
      gain.gain.exponentialRampToValueAtTime(0.25, start + delay + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + delay + 0.7);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + delay);
      tone.stop(start + delay + 0.75);
    }
    chimesPlayed += 1;
    root.dataset.chimesPlayed = String(chimesPlayed);
  }

  // ---- reporting ----------------------------------------------------------------------------------
  function report(event, index) {
    model.send({ event, index, used_ms: Math.round(used(index)), added_ms: st.added[index] || 0 });
  }
  function bank() {
    // Move the running segment into the phase's used total.
    if (st.status !== "running") return;
    const now = Date.now();
    st.used[st.index] = used(st.index) + (now - st.segmentStart);
    st.segmentStart = now;
  }
  function enter(index) {
    st.index = index;
    const left = planned(index) - used(index);
    st.chimed[index] = left <= 0;
    if (st.status === "running") {
      st.segmentStart = Date.now();
      st.deadline = st.segmentStart + left;
    } else {
      st.remaining = left;
    }
  }

  // ---- controls -----------------------------------------------------------------------------------
  const actions = {
    start() {
      if (!phases().length) return;
      if (st.status === "done") actions.reset();
      st.status = "running";
      st.segmentStart = Date.now();
      st.deadline = st.segmentStart + st.remaining;
      report("start", st.index);
    },
    pause() {
      if (st.status !== "running") return;
      bank();
      st.remaining = st.deadline - Date.now();
      st.status = "paused";
      report("pause", st.index);
    },
    resume() {
      if (st.status !== "paused") return;
      st.status = "running";
      st.segmentStart = Date.now();
      st.deadline = st.segmentStart + st.remaining;
      report("resume", st.index);
    },
    toggle() {
      if (st.status === "running") actions.pause();
      else if (st.status === "paused") actions.resume();
      else actions.start();
    },
    next() {
      if (st.status === "done") return;
      if (st.index >= phases().length - 1) {
        if (st.status === "idle") return;
        bank();
        st.status = "done";
        report("finish", st.index);
        return;
      }
      bank();
      report("next", st.index);
      enter(st.index + 1);
    },
    previous() {
      if (st.status === "done") {
        st.status = "paused";
        st.remaining = planned(st.index) - used(st.index);
        report("reopen", st.index);
        return;
      }
      if (st.index === 0) return;
      bank();
      report("previous", st.index);
      enter(st.index - 1);
    },
    plus() {
      if (st.status === "done") return;
      st.added[st.index] = (st.added[st.index] || 0) + MINUTE;
      if (st.status === "running") st.deadline += MINUTE;
      else st.remaining += MINUTE;
      if (remainingNow() > 0) st.chimed[st.index] = false;
      bank();
      report("extend", st.index);
    },
    reset() {
      bank();
      report("reset", st.index);
      fresh();
    },
    mute() {
      model.set("muted", !model.get("muted"));
      model.save_changes();
    },
    sound() {
      wakeAudio();
    },
    projector() {
      setProjector(!projector);
    },
  };

  function setProjector(on) {
    projector = on;
    root.classList.toggle("nt-projector", on);
    if (on && root.requestFullscreen && !document.fullscreenElement) {
      root.requestFullscreen().catch(() => {});
    } else if (!on && document.fullscreenElement === root) {
      document.exitFullscreen().catch(() => {});
    }
  }
  function onFullscreenChange() {
    if (projector && document.fullscreenElement !== root && !document.fullscreenElement) setProjector(false);
    paint();
  }

  function act(name) {
    wakeAudio(); // every control is a user gesture: a good moment to unlock sound
    actions[name]();
    paint();
  }
  for (const [name, b] of Object.entries(buttons)) b.addEventListener("click", () => act(name));

  // ---- keyboard -----------------------------------------------------------------------------------
  const KEYS = { " ": "toggle", Spacebar: "toggle", ArrowRight: "next", ArrowLeft: "previous", "+": "plus",
    Add: "plus", f: "projector", F: "projector" };
  function keyFor(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return null;
    if (!root.isConnected || (!projector && root.offsetParent === null)) return null;
    const target = event.target;
    if (target && target.closest) {
      if (target.closest("input, textarea, select, [contenteditable], [role=textbox], [role=listbox]")) return null;
      if (target.closest("button, a, summary") && !root.contains(target)) return null;
    }
    if (event.key === "Escape" && projector) return "projector";
    return KEYS[event.key] || (event.code === "NumpadAdd" ? "plus" : null);
  }
  function onKeyDown(event) {
    const name = keyFor(event);
    if (!name) return;
    event.preventDefault();
    if (!event.repeat) act(name);
  }
  function onKeyUp(event) {
    // Space on a focused button would click it on key up as well.
    if (keyFor(event)) event.preventDefault();
  }
  document.addEventListener("keydown", onKeyDown);
  document.addEventListener("keyup", onKeyUp);
  document.addEventListener("fullscreenchange", onFullscreenChange);

  // ---- painting -----------------------------------------------------------------------------------
  function setList(list, items) {
    list.replaceChildren(...items.filter((item) => item).map((item) => {
      const li = document.createElement("li");
      li.textContent = item;
      return li;
    }));
    list.hidden = !list.children.length;
  }

  function paint() {
    const all = phases();
    const phase = all[st.index] || { label: "", seconds: 0 };
    const left = remainingNow();
    const running = st.status === "running";
    if (running && left <= 0 && !st.chimed[st.index]) {
      st.chimed[st.index] = true;
      chime();
    }
    const zone = st.status === "done" ? "done" : left <= 0 ? "overtime" : left <= MINUTE ? "last-minute" : "normal";
    const program = model.get("program") || {};
    title.textContent = program.title || "";
    counter.textContent = tx("phase_of", { n: st.index + 1, total: all.length });
    label.textContent = phase.label || "";
    speaker.textContent = phase.speaker || "";
    speaker.hidden = !phase.speaker;
    setList(lines, phase.lines || []);
    setList(prompt, String(phase.prompt || "").split("\n"));
    const shown = left > 0 ? Math.ceil(left / 1000) * 1000 : Math.floor(-left / 1000) * 1000;
    clock.textContent = left > 0 ? clockText(shown) : `+${clockText(shown)}`;
    clock.setAttribute("aria-label", left > 0 ? tx("remaining", { time: clockText(shown) })
      : tx("overtime_aria", { time: clockText(shown) }));
    state.textContent = st.status === "done" ? tx("done") : st.status === "paused" ? tx("paused")
      : st.status === "idle" ? tx("ready") : left <= 0 ? tx("overtime") : "";
    const next = all[st.index + 1];
    const nextText = next ? [next.label, next.speaker].filter((part) => part).join(" – ") : "";
    hint.textContent = zone === "overtime" && st.status !== "idle"
      ? (next ? tx("overtime_hint", { next: nextText }) : tx("overtime_hint_last")) : "";
    hint.hidden = !hint.textContent;
    upcoming.textContent = st.status === "done" ? "" : next ? tx("next_phase", { next: nextText }) : tx("last_phase");
    const total = planned(st.index);
    const fraction = total > 0 ? Math.min(1, Math.max(0, 1 - left / total)) : 1;
    bar.style.width = `${(fraction * 100).toFixed(1)}%`;

    buttons.toggle.textContent = running ? tx("pause") : st.status === "paused" ? tx("resume") : tx("start");
    buttons.toggle.setAttribute("aria-pressed", running ? "true" : "false");
    buttons.previous.textContent = tx("previous");
    buttons.previous.disabled = st.status !== "done" && st.index === 0;
    buttons.next.textContent = st.index >= all.length - 1 ? tx("finish") : tx("next");
    buttons.next.disabled = st.status === "done" || (st.status === "idle" && st.index >= all.length - 1);
    buttons.plus.textContent = tx("plus_minute");
    buttons.plus.disabled = st.status === "done";
    buttons.reset.textContent = tx("reset");
    const muted = !!model.get("muted");
    buttons.mute.textContent = muted ? tx("unmute") : tx("mute");
    buttons.mute.setAttribute("aria-pressed", muted ? "true" : "false");
    const sound = soundState();
    buttons.sound.textContent = tx("enable_sound");
    buttons.sound.hidden = sound !== "blocked";
    buttons.projector.textContent = projector ? tx("exit_projector") : tx("projector");
    buttons.projector.setAttribute("aria-pressed", projector ? "true" : "false");
    help.textContent = tx("help");

    Object.assign(root.dataset, {
      status: st.status, zone, index: String(st.index), sound, projector: projector ? "on" : "off",
      chimes: String(chimes), chimesPlayed: String(chimesPlayed),
      deadline: running ? String(st.deadline) : "", remainingMs: String(Math.round(left)),
    });
    clearTimeout(repaint);
    repaint = running ? setTimeout(paint, Math.min(untilNextSecond(Math.round(left)), SAFETY_TICK_MS)) : null;
  }

  fresh();
  ensureAudio();
  const onProgram = () => { fresh(); paint(); };
  model.on("change:program", onProgram);
  model.on("change:texts", paint);
  model.on("change:muted", paint);
  paint();

  return () => {
    clearTimeout(repaint);
    document.removeEventListener("keydown", onKeyDown);
    document.removeEventListener("keyup", onKeyUp);
    document.removeEventListener("fullscreenchange", onFullscreenChange);
    model.off("change:program", onProgram);
    model.off("change:texts", paint);
    model.off("change:muted", paint);
    if (audio) audio.close().catch(() => {});
  };
}

export default { render };
