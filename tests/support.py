"""Helpers shared by the UI, reliability and security tests."""

from __future__ import annotations

import re
import socket
from html.parser import HTMLParser

# Tags a chat reply may contain; the whole page (index panel, details) adds a few more.
REPLY_TAGS = frozenset("div p br b sup a span code blockquote mark details summary ul li".split())
# the only links and ids of a reply: its [n] and the source cards they go to ("#kc-3-2", "kc-3-2")
CITE_LINK = re.compile(r"#?kc-\d+-\d+")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Page(HTMLParser):
    """The tags, attribute names and text of an HTML fragment (<br> read as a line break)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.links: dict[str, list[str]] = {"href": [], "id": []}  # values, in order
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)
        for name, value in attrs:
            if name in self.links:
                self.links[name].append(value or "")
        if tag == "br":
            self.text += "\n"

    def handle_data(self, data):
        self.text += data
