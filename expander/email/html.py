"""HTML e-mails to plain text, with the structure the line pass needs.

Quoted blocks come out as ``>`` lines and a signature container after a
``-- `` line, so :func:`~expander.email.clean.clean_email` handles an HTML
e-mail with the rules it has for plain text.
"""

from __future__ import annotations

import html.parser as _html_parser
import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "plain_text"]

# Private-use characters that mark structure found in HTML for the line pass.
_Q_OPEN, _Q_CLOSE, _Q_REST, _SIG = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKER_RE = re.compile(f"[{_Q_OPEN}{_Q_CLOSE}{_Q_REST}{_SIG}]")

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "hr", "section", "article", "header", "footer", "dl", "dt", "dd",
    "address", "center", "form", "fieldset",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_SKIP_TAGS = {"script", "style", "head", "title", "template", "xml"}
# Containers of a quoted earlier message, by class or id (Gmail, Yahoo,
# Thunderbird, Proton, Zimbra, Mail.ru, Yandex and similar webmails).
_QUOTE_CLASSES = (
    "gmail_quote", "gmail_attr", "yahoo_quoted", "moz-cite-prefix", "protonmail_quote",
    "zmail_extra", "mail-quote", "quote_container", "js-quote", "reply-quote",
)  # fmt: skip
# Where Outlook starts the message being replied to or forwarded; everything
# after it is quoted, not only what it contains.
_REST_IDS = ("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container")
_SIGNATURE_CLASSES = ("gmail_signature", "moz-signature", "signature")
_OUTLOOK_SEPARATOR = re.compile(r"border\s*:\s*none.*border-top\s*:\s*solid", re.IGNORECASE)
_BORDERLESS = re.compile(r"border\s*:\s*(none|0)", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipping, quoting
        self.rest_quoted = False
        self.cells = 0  # the cells of the current table row so far
        self.label_at = 0  # where the row's first cell starts in ``parts``
        self.colon_at: int | None = None  # where a label's colon goes, if the row has 2 cells
        self._open_to_end: list[int] = []  # start tags whose attributes run to the end

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: (v or "") for k, v in attrs}
        names = (attr.get("class", "") + " " + attr.get("id", "")).lower()
        style = attr.get("style", "")
        skipping = tag in _SKIP_TAGS
        quoting = any(c in names for c in _QUOTE_CLASSES)
        if tag == "blockquote":
            # Gmail's "indent" is a borderless blockquote without a cite: content.
            cited = attr.get("type", "").lower() == "cite" or "cite" in attr or names.strip()
            quoting = quoting or bool(cited) or not _BORDERLESS.search(style)
        if tag == "tr":
            self._end_row()
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.cells += 1
            if self.cells == 2 and self._label_cell():
                self.colon_at = len(self.parts)
            self.parts.append(" ")
            if self.cells == 1:
                self.label_at = len(self.parts)
        if not self.rest_quoted and (
            any(i in names for i in _REST_IDS)
            or (tag in ("div", "p") and _OUTLOOK_SEPARATOR.search(style))
        ):
            self.rest_quoted = True
            self.parts.append("\n" + _Q_REST + "\n")
        if any(c in names.split() for c in _SIGNATURE_CLASSES):
            self.parts.append("\n" + _SIG + "\n")
        if tag in _VOID_TAGS:
            return
        self.stack.append((tag, skipping, quoting))
        self.skip_depth += skipping
        self.pre_depth += tag == "pre"
        if quoting:
            self.parts.append("\n" + _Q_OPEN + "\n")

    def _label_cell(self) -> bool:
        """Whether the row's first cell, just closed, reads as a label ("Full name",
        "Imię", "Телефон"): a few words ending in a letter."""
        label = "".join(self.parts[self.label_at :]).strip()
        return 1 <= len(label.split()) <= 4 and len(label) <= 30 and label[-1:].isalpha()

    def _end_row(self) -> None:
        """A row of two cells, a label and its value, reads "Full name: Rosa Delgado",
        as a contact form sent as plain text does; not a row of three cells or more
        (a table of products)."""
        if self.cells == 2 and self.colon_at is not None:
            self.parts[self.colon_at] = ": "
        self.cells, self.colon_at = 0, None

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for name, skipping, quoting in reversed(self.stack[i:]):
                    self.skip_depth -= skipping
                    self.pre_depth -= name == "pre"
                    if quoting:
                        self.parts.append("\n" + _Q_CLOSE + "\n")
                del self.stack[i:]
                break
        if tag in ("tr", "table"):
            self._end_row()
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def check_for_whole_start_tag(self, i: int) -> int:
        """Where the start tag at ``i`` ends, or -1 when it does not (yet).

        A tag whose attributes run on to the end of the text is read as text, and
        Python's parser looks for the end of each later one to the end of the text
        again: quadratic in a run of them ("<a x='>' y <a x='>' y ...": 20 s for
        40,000 characters). After a few such tags, a later one is read as text
        at once, as the parser reads a tag it cannot close."""
        if len(self._open_to_end) >= _MAX_OPEN_TO_END and i > self._open_to_end[-1]:
            return -1
        end = super().check_for_whole_start_tag(i)
        if end < 0 and i not in self._open_to_end and _runs_to_end(self.rawdata, i):
            self._open_to_end.append(i)
        return end

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """A marked section ("<![if !mso]>", "<![endif]>", "<![CDATA[...") read as
        HTML reads one outside SVG and MathML: a bogus comment up to the first
        ``>``, its content dropped; -1 while no ``>`` follows. Python's own raised
        ``AssertionError`` on any keyword but a few ("<![x>": a traceback for a
        pasted e-mail) and looked for the end of each unclosed "<![CDATA[" to the
        end of the text (quadratic in a run of them)."""
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        data = _MARKER_RE.sub("", data)
        self.parts.append(data if self.pre_depth else re.sub(r"\s+", " ", data))


_MAX_OPEN_TO_END = 16
"""Start tags read to the end of the text before later ones are read as text at once."""


def _runs_to_end(rawdata: str, i: int) -> bool:
    """Whether Python's parser reads the start tag at ``i`` on to the end of ``rawdata``."""
    tag = getattr(_html_parser, "locatestarttagend_tolerant", None)
    match = tag.match(rawdata, i) if isinstance(tag, re.Pattern) else None
    return match is not None and match.end() == len(rawdata)


# A known tag: its name, then the end of the tag or a blank before its
# attributes; not an address in angle brackets that starts with a tag's name
# ("From: Павел Гуров <p.gurov@vector-m.ru>", "<b.smith@mail.com>"). Its
# attributes end at the next "<" too: looking for the ">" of each "<a " in a run
# of them to the end of the text was quadratic (2 s for 100,000 characters).
_HTML_HINT = re.compile(
    r"<(?:html|body|div|p|br|span|table|blockquote|font|a|b|i|strong|em|ul|ol|li|img|meta|"
    r"head|style|!doctype)(?:/?>|\s[^<>]*>)",
    re.IGNORECASE,
)


def html_to_text(text: str) -> str:
    """Plain text of an HTML e-mail.

    Quoted blocks (``blockquote``, Gmail's ``gmail_quote``, everything after
    Outlook's reply separator, ...) come out as ``>`` lines; a signature
    container (Gmail's ``gmail_signature``, Thunderbird's ``moz-signature``,
    Outlook's ``Signature``) comes out after a ``-- `` line.
    """
    parser = _TextExtractor()
    parser.feed(_unclosable_as_text(text))
    parser.close()
    raw = "".join(parser.parts).replace("\u00a0", " ")
    lines: list[str] = []
    depth = 0
    rest = False
    for line in raw.split("\n"):
        line = line.strip(" \t")
        if line == _Q_OPEN:
            depth += 1
        elif line == _Q_CLOSE:
            depth = max(0, depth - 1)
        elif line == _Q_REST:
            rest = True
        elif line == _SIG:
            if not (depth or rest):
                lines.append("")
                lines.append("-- ")
        elif depth or rest:
            lines.append("> " + line if line else ">")
        else:
            lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _unclosable_as_text(text: str) -> str:
    """``text`` with the ``<`` of every tag or comment that nothing later closes
    written ``&lt;``, so that the parser reads it as the text it is, in one pass.

    Python's parser looks for the end of each such opening to the end of the text
    before it gives up and reads it as text, so a paste cut short or a run of them
    ("<a <a <a ...", "<!-- <!-- ...") took a time quadratic in its length: 20 s
    for 40,000 characters, minutes for an e-mail of 100,000. A tag ends at a
    ``>``, so no ``<`` after the last one opens anything; a comment ends at a
    ``-->`` after its ``<!--``, so none opens after the last one. (The parser read
    an unclosed comment as text up to the next ``>``, the tags in it too; here the
    tags after it are read as tags, and a ``</style>`` after it still closes.)
    """
    last_close = text.rfind(">")
    tail = text[last_close + 1 :]
    if "<" in tail:
        text = text[: last_close + 1] + tail.replace("<", "&lt;")
    unclosed_from = max(text.rfind("-->") - 3, 0)  # "<!-->" closes nothing
    if text.find("<!--", unclosed_from) >= 0:
        text = text[:unclosed_from] + text[unclosed_from:].replace("<!--", "&lt;!--")
    return text


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds a known HTML tag: :func:`plain_text` converts it."""
    return _HTML_HINT.search(text) is not None


def plain_text(text: str) -> str:
    """``text`` as plain text: converted by :func:`html_to_text` when it looks
    like HTML (a known tag), as it is otherwise; either way without the
    private-use characters this module uses as markers, so a pasted one cannot
    pass for a quote or a signature."""
    if _MARKER_RE.search(text):
        text = _MARKER_RE.sub("", text)
    if _HTML_HINT.search(text):
        text = html_to_text(text)
    return text
