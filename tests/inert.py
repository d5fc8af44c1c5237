"""Checks that text from files and links stays text in Streamlit's Markdown-rendering elements."""

from __future__ import annotations

import html

from sti_geo.text.safe_text import WORD_JOINER

# A name that, rendered as Markdown by Streamlit, would be bold, italic, an image fetched from another host,
# a link, an autolink, HTML, coloured text, an icon, the Streamlit logo and maths.
HOSTILE_MD = ("**B**_i_![i](http://evil.example/x.png)[l](https://evil.example)<img src=x onerror=alert(1)>"
              ":red[R]:material/home::streamlit:$x^2$ www.evil.example a@evil.example")
# Raw fragments of it that must never reach a Markdown element unescaped.
FRAGMENTS = ("**B**", "_i_", "![", "](", "<img", "http:", "https:", ":red[", ":material/", ":streamlit:", "$x",
             "www.evil", "a@evil")


def shown_text(markdown: str) -> str:
    """What a Markdown string escaped by ``sti_geo.text.safe_text.markdown`` shows: references decoded."""
    return html.unescape(markdown).replace(WORD_JOINER, "")


def raw_fragments(markdown: str) -> list[str]:
    """The hostile fragments that would render as Markdown (empty when the text is inert)."""
    return [f for f in FRAGMENTS if f in markdown]


def notices(at) -> str:
    """Every warning an AppTest page shows, and the ignored-parameter details kept apart under it (HTML, marked
    English on a Chinese page: ``sti_app.state.show_notices``), as a reader sees them."""
    import re

    details = [re.sub(r"<[^>]+>", " ", h.proto.body) for h in at.get("html") if 'lang="en"' in h.proto.body]
    return " ".join([shown_text(w.value) for w in at.warning] + [html.unescape(d) for d in details])
