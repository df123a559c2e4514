"""A kernel error must not freeze the page: after a forged widget value the page keeps working.

With tracebacks kept from the browser, jupyter_server replaced them through an attribute its per-kernel manager
does not have; the AttributeError ended the page's output stream, so every later click did nothing.
"""

from __future__ import annotations

from harness import APP_TIMEOUT_MS, page_kernel
from playwright.sync_api import expect

# Runs in the page: a second channel to the page's own kernel (the page's cookie authenticates it), finds the
# member selector's widget and sets its index to 999, as a hostile or broken browser could.
SEND_BAD_INDEX = """
async ({kernelId, description}) => {
  const url = location.origin.replace(/^http/, "ws") + `/api/kernels/${kernelId}/channels`;
  const socket = new WebSocket(url);
  const session = crypto.randomUUID();
  const send = (msgType, content, channel = "shell") => socket.send(JSON.stringify({
    header: {msg_id: crypto.randomUUID(), username: "test", session, msg_type: msgType, version: "5.3",
             date: new Date().toISOString()},
    parent_header: {}, metadata: {}, content, channel, buffers: []}));
  const replies = [];
  socket.onmessage = (event) => { if (typeof event.data === "string") replies.push(JSON.parse(event.data)); };
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  const waitFor = async (test) => {
    for (let i = 0; i < 200; i++) {
      const found = replies.find(test);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("no reply");
  };
  send("comm_info_request", {target_name: "jupyter.widget"});
  const info = await waitFor((m) => m.header.msg_type === "comm_info_reply");
  const ids = Object.keys(info.content.comms);
  for (const id of ids) send("comm_msg", {comm_id: id, data: {method: "request_state"}});
  const state = await waitFor((m) => m.header.msg_type === "comm_msg" && m.content.data.method === "update"
    && m.content.data.state._model_name === "DropdownModel" && m.content.data.state.description === description);
  send("comm_msg", {comm_id: state.content.comm_id, data: {method: "update", state: {index: 999},
                                                             buffer_paths: []}});
  await new Promise((r) => setTimeout(r, 2000));
  socket.close();
  return state.content.comm_id;
}
"""


def test_a_bad_widget_value_does_not_freeze_the_page(page, open_app, server):
    open_app(page, "medlemmer")
    with server.store() as store:
        member = store.list_members(store.default_network().id)[0]
    page.evaluate(SEND_BAD_INDEX, {"kernelId": page_kernel(page), "description": "Medlem"})
    page.get_by_label("Medlem", exact=True).select_option(label=member.name)
    name = page.locator(".nv-member-form").get_by_label("Navn *", exact=True)
    page.wait_for_function("([element, wanted]) => element.value === wanted",
                           arg=[name.element_handle(), member.name], timeout=20_000)
    assert "traceback_replacement_message" not in server.log.read_text()


def test_a_page_that_does_not_open_says_so_after_a_minute(page, server):
    """A kernel that never answers leaves the page at "Et øjeblik": after a minute it says what to do. The page
    is the server's real one, cut off before its cells (as a hung kernel leaves it)."""

    def cut_off(route):
        html = route.fetch().text()
        route.fulfill(status=200, content_type="text/html", body=html[:html.index('<div id="rendered_cells"')])

    page.route("**/voila/render/start.ipynb*", cut_off)
    page.clock.install()
    page.goto(server.app_url("start"), timeout=APP_TIMEOUT_MS)
    slow = page.locator("#loading_slow")
    expect(page.locator("#loading_text")).to_have_text("Et øjeblik …")
    expect(slow).to_be_hidden()
    page.clock.fast_forward(59_000)
    expect(slow).to_be_hidden()
    page.clock.fast_forward(2_000)
    expect(slow).to_be_visible()
    expect(slow).to_contain_text("Siden er længe om at åbne")
    expect(slow.get_by_role("link", name="åbne siden igen")).to_be_visible()
