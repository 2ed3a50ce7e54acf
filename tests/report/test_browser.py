"""The pages in a real headless Chromium: images decode, nothing errs, nothing loads from outside.

Uses Debian's /usr/bin/chromium (CI: `apt-get install -y chromium`); never downloads a
browser. Without it the module is skipped locally and fails in CI. Screenshots go to
tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder.report.html import write_dashboard, write_feedback
from autograder.result import Report

CHROMIUM = Path(os.environ.get("BPKIT_CHROMIUM") or next(
    (p for p in ("/usr/bin/chromium", "/usr/bin/google-chrome", "/usr/bin/chromium-browser") if Path(p).exists()),
    "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PAGES = ["ps1-alice", "ps2-bob", "ps3-carol", "dashboard"]


def unavailable(reason: str) -> None:
    """Skip with the reason, except in CI, where a missing browser is a failure."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the whole module."""
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} not found: install it with `apt-get install -y chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=60_000)
        yield b
        b.close()


@pytest.fixture(scope="module")
def urls(tmp_path_factory, alice, bob, carol, class_report) -> dict[str, str]:
    """The pages, written by the real writers, as file:// URLs."""
    course = tmp_path_factory.mktemp("course")
    paths = {}
    for name, sub in (("ps1-alice", alice), ("ps2-bob", bob), ("ps3-carol", carol)):
        [paths[name]] = write_feedback(Report(name[:3], [sub]), course)
    paths["dashboard"] = write_dashboard(class_report, course / "dashboard.html")
    return {name: p.as_uri() for name, p in paths.items()}


def visit(browser, url: str, width: int = 1100) -> tuple:
    """A page loaded in a fresh context, with the console errors, page errors and requests it caused."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")
    return page, errors, requests


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_with_its_plots(browser, urls, name):
    """Every image decodes (naturalWidth > 0), no console or page error, nothing fetched from outside."""
    page, errors, requests = visit(browser, urls[name])
    try:
        widths = page.eval_on_selector_all("img", "els => els.map(e => e.complete ? e.naturalWidth : 0)")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert widths and all(w > 0 for w in widths), widths
        assert errors == []
        assert all(u.startswith(("file:", "data:")) for u in requests), requests
    finally:
        page.close()


@pytest.mark.parametrize("name, width", [("ps1-alice", 1100), ("dashboard", 1100), ("ps1-alice", 420)])
def test_no_sideways_scrolling(browser, urls, name, width):
    """The page fits the window's width, on a laptop and on a phone."""
    page, _, _ = visit(browser, urls[name], width)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if width < 600:
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}px.png"), full_page=False)
        assert overflow <= 0
    finally:
        page.close()


def test_status_badges_and_collapsed_cases(browser, urls):
    """Badges are coloured by status, and the hidden-case table opens without any script."""
    page, errors, _ = visit(browser, urls["ps1-alice"])
    try:
        colour = page.eval_on_selector(".badge.s-failed", "e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(198, 40, 40)"
        table = page.locator("#t-backprop details table")
        assert not table.is_visible()
        page.locator("#t-backprop details summary").click()
        assert table.is_visible()
        assert errors == []
    finally:
        page.close()
