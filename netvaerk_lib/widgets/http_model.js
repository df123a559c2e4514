// The form's model on the members' server: the part of anywidget's model the form uses (get, set, on, off,
// send, save_changes), talking JSON over HTTP instead of a kernel comm. The server holds no page state: the
// values a page needs to go on (the code it checked) live here and go with each message.
//
// send(message) posts the message; the answer is the set of values that change, applied as a comm would
// apply them, then "serial" is bumped (which ends the form's "sending" state). A request that fails or hangs
// changes nothing: the form sends again on its own and tells the member when the server does not answer.

const TIMEOUT_MS = 20000;

export class HttpModel {
  constructor(state, endpoint) {
    this.state = { ...state };
    this.endpoint = endpoint;
    this.listeners = new Map();
    this.inFlight = false;
  }

  get(name) {
    return this.state[name];
  }

  set(name, value) {
    if (this.state[name] === value) return;
    this.state[name] = value;
    this.emit(`change:${name}`);
  }

  save_changes() {
    // Nothing to sync: values set in the browser stay in the browser; the server only answers messages.
  }

  on(event, callback) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(callback);
  }

  off(event, callback) {
    if (!event) this.listeners.clear();
    else if (!callback) this.listeners.delete(event);
    else this.listeners.get(event)?.delete(callback);
  }

  emit(event) {
    for (const callback of [...(this.listeners.get(event) || [])]) callback();
  }

  apply(changes) {
    const changed = Object.keys(changes).filter((name) => name !== "serial");
    for (const name of changed) this.state[name] = changes[name];
    for (const name of changed) this.emit(`change:${name}`);
    this.set("serial", (this.state.serial || 0) + 1);
  }

  async send(message) {
    if (this.inFlight || this.state.step === "done") return; // one at a time; nothing after the confirmation
    const body = message.type === "submit" ? { ...message, code: this.state.code } : message;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    this.inFlight = true;
    let changes = null;
    try {
      const response = await fetch(this.endpoint, {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
        credentials: "same-origin", cache: "no-store", signal: abort.signal,
      });
      changes = await response.json();
    } catch (error) {
      changes = null; // no answer: the form tries again
    } finally {
      clearTimeout(timer);
      this.inFlight = false;
    }
    if (changes && typeof changes === "object") this.apply(changes);
  }
}
