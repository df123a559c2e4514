"""The start page, as a facilitator first sees it."""

from netvaerk_lib.apps.start import available_apps


def test_start_page_shows_the_network_and_links_every_app(page, open_app, shoot, axe, server):
    open_app(page, "start")
    app = page.locator(".nv-app")
    assert "Velkommen til netværk" in app.inner_text()
    with server.store() as store:
        network = store.default_network()
        members = len(store.list_members(network.id))
    assert network.name in app.inner_text()
    assert f"{members} medlemmer" in app.inner_text()
    links = page.locator("a.nv-tile")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == [entry.notebook for entry in available_apps()]
    assert "medlemmer.ipynb" in hrefs
    shoot(page, "start-desktop")
    axe(page)


def test_start_page_on_a_phone(phone, open_app, shoot, axe):
    open_app(phone, "start")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    shoot(phone, "start-phone")
    axe(phone)


def test_root_leads_to_the_start_page(page, server):
    page.goto(f"{server.url}/?token={server.token}")
    page.wait_for_selector(".nv-app", state="visible")
    assert page.url.endswith("/voila/render/start.ipynb")


def test_english_is_a_complete_second_language(fresh_server, browser, monkeypatch, shoot):
    monkeypatch.setenv("NETVAERK_LANG", "en")
    english = fresh_server()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for name, expected in (("start", "Welcome to netvaerk"), ("medlemmer", "The network's members")):
        page.goto(english.app_url(name))
        page.wait_for_selector(".nv-app", state="visible", timeout=120_000)
        text = page.locator(".nv-app").inner_text()
        assert expected in text
        assert "Velkommen" not in text and "Netværkets medlemmer" not in text
    assert page.evaluate("document.documentElement.lang") == "en"
    shoot(page, "members-english")
    context.close()
