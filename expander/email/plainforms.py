"""Personal data written in a disguised form, brought back to the plain form the
masker (:mod:`expander.email.privacy`) reads, so that nothing is kept because it
was encoded, spelt with other digits or split by an invisible character.

- :func:`decode_transfer` undoes a quoted-printable body pasted as it was sent
  ("anna.kowal=\\nska@example.pl", "4111=201111=20..."): its soft line breaks
  would split an address or a number in two, its escapes hide digits and letters.
- :func:`plain_characters` writes look-alike characters as the plain ones:
  HTML character references ("4111&nbsp;1111", "anna&#64;x.pl"), percent
  escapes inside a link ("email=anna%40x.pl") or a word with two of them, a
  link's "+" for a space, digits of other scripts and widths ("４１１１",
  "٤١١١", "①", "𝟒"), full-width "＠", "．", "＋", letters
  ("ＰＬ６１"); and takes out invisible format characters (direction marks, word
  joiners: "4111\\u200e1111") and marks and variation selectors put on a digit.
- :func:`letter_digits` writes the letters O, o, l and I that stand for digits
  inside a long number ("6O1 234 567", "4111 1111 1111 1lll") as the digits, so
  that the number is found (and masked) as the one it disguises.
- :data:`OBFUSCATED_EMAIL` finds an address written so that a program would not
  see it: "anna [at] example [dot] pl", "anna(at)example.pl", "anna at example
  dot pl", "anna małpa example kropka pl", "anna собака example точка ru",
  "anna @ example . pl".

Every pass reads the text once (no pattern here backtracks over a run).
"""

from __future__ import annotations

import binascii
import html
import re
import unicodedata
from urllib.parse import unquote

from expander.email.html import looks_like_html

__all__ = [
    "OBFUSCATED_EMAIL",
    "decode_transfer",
    "letter_digits",
    "obfuscated_emails",
    "plain_characters",
    "plain_email",
]


def plain_email(text: str) -> str:
    """A pasted e-mail as the cleaner and the field finders should read it:
    decoded from quoted-printable (:func:`decode_transfer`), its characters
    plain (:func:`plain_characters`; an HTML e-mail's character references are
    left to the HTML converter, which decodes them in text and not in tags)."""
    text = decode_transfer(text)
    return letter_digits(plain_characters(text, references=not looks_like_html(text)))


# --- letters for digits --------------------------------------------------------------------

# A run of groups of digits and the letters that look like them, apart by one space or
# hyphen; read once (atomic), checked in letter_digits. Not inside a word or a code.
_LETTER_DIGIT_RUN = re.compile(r"(?<![\w-])(?>[0-9OolI]+(?:[ -][0-9OolI]+)*+)")
_AS_DIGIT = str.maketrans("OolI", "0011")


def letter_digits(text: str) -> str:
    """``text`` with the letters O, o, l and I written as the digits they stand for
    inside a number of nine digits or more ("6O1 234 567" → "601 234 567", "4111 1111
    1111 1lll" → "4111 1111 1111 1111"); that long a number is masked, so nothing
    changes in what is kept but the number it becomes. A group must have a digit
    (the word "I" or "lol" beside a number stays), the number three digits for each
    letter at least, half its groups or fewer have a letter ("100l 200l 300l" are
    volumes), and nothing of a word may follow it."""
    if not any(ch in text for ch in "OolI"):
        return text
    pieces: list[str] = []
    done = 0
    for m in _LETTER_DIGIT_RUN.finditer(text):
        groups = re.split(r"[ -]", m.group())
        if m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] == "_"):
            groups.pop()  # its last group starts a word: "... 567 ok" read as far as "o"
        # the groups with a digit: leading or trailing words ("I", "lol") are no part
        keep = [i for i, g in enumerate(groups) if any(ch.isdigit() for ch in g)]
        if not keep or len(keep) != keep[-1] - keep[0] + 1:
            continue  # none, or a word between the groups: "601 I 234"
        start = m.start() + sum(len(g) + 1 for g in groups[: keep[0]])
        groups = groups[keep[0] : keep[-1] + 1]
        length = sum(len(g) for g in groups) + len(groups) - 1
        digits = sum(ch.isdigit() for g in groups for ch in g)
        letters = sum(len(g) for g in groups) - digits
        lettered = sum(not g.isdigit() for g in groups)
        if (
            letters
            and digits + letters >= 9
            and digits >= 3 * letters
            and (len(groups) == 1 or lettered * 2 <= len(groups))  # not "100l 200l 300l"
        ):
            pieces += (text[done:start], text[start : start + length].translate(_AS_DIGIT))
            done = start + length
    return "".join(pieces) + text[done:] if pieces else text


# --- quoted-printable ----------------------------------------------------------------------

# A soft line break: "=" ending a line after a character of the line.
_QP_SOFT_BREAK = re.compile(r"(?<=\S)=[ \t]*\r?\n")
# An escape of a UTF-8 letter ("=C5=81"), of a space, a tab or "=" itself.
_QP_LETTER = re.compile(r"=[C-F][0-9A-F](?:=[89AB][0-9A-F])+")
_QP_BLANK = re.compile(r"=(?:20|09|3D)")


def decode_transfer(text: str) -> str:
    """``text`` decoded from quoted-printable when it is so encoded: it has a
    soft line break, an escaped UTF-8 letter, or two escaped blanks or "=";
    otherwise ``text`` itself. Bytes that are no UTF-8 (a body in another
    charset) become U+FFFD, so its digits and ASCII letters still come out; so
    does a lone surrogate (a str from the API may hold one), which UTF-8 cannot
    encode."""
    if not (
        _QP_SOFT_BREAK.search(text)
        or _QP_LETTER.search(text)
        or len(_QP_BLANK.findall(text, 0, 100_000)) >= 2
    ):
        return text
    text = _QP_SOFT_BREAK.sub("", text)
    return binascii.a2b_qp(text.encode("utf-8", "surrogatepass")).decode("utf-8", "replace")


# --- look-alike and invisible characters -------------------------------------------------

# What a look-alike may be written as: one ASCII letter, digits ("⑩"), or one of
# the characters that join the parts of an address or a number; not a word
# ("№" stays, not "No").
_PLAIN = re.compile(r"[A-Za-z]|[0-9]+|[@.+\-_/:#]")
# Marks that combine with the character before them (accents, the keycap of "1⃣"),
# and variation selectors ("4111\ufe0f1111"), taken off a digit; an emoji keeps its
# own ("❤️").
_MARK_ON_DIGIT = re.compile(
    r"(?<=\d)[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
    r"\U000e0100-\U000e01ef]+"
)


class _PlainTable(dict[int, str | None]):
    """A :meth:`str.translate` table made as characters are met: each non-ASCII
    character once (a look-up table of every code point would be large)."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        plain: str | None = ch
        if code < 0x80:
            pass
        elif unicodedata.category(ch) == "Cf":
            plain = None  # format characters: invisible
        elif (digit := unicodedata.decimal(ch, None)) is not None:
            plain = str(digit)  # "٤", "४", "４", "𝟒"
        else:
            compat = unicodedata.normalize("NFKC", ch)
            raised = unicodedata.decomposition(ch).startswith(("<super>", "<sub>"))
            if compat != ch and _PLAIN.fullmatch(compat) and not raised:
                plain = compat  # "①", "＠", "Ｐ"; not "²" of "m²"
        self[code] = plain
        return plain


_TABLE = _PlainTable()

# A character reference: "&#52;", "&#x34;", "&nbsp;", "&commat;".
_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
# A run of non-blanks: a link is one, and is decoded when it has an escape.
_TOKEN = re.compile(r"\S+")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def plain_characters(text: str, *, references: bool = True) -> str:
    """``text`` with character references decoded, the escapes of its links
    undone, its look-alike digits, letters and signs written plainly, invisible
    format characters removed, and marks on digits taken off (see the module's
    docstring). Letters with diacritics stay as they are (composed: NFC).
    ``references=False`` leaves character references as they are."""
    if references and "&" in text:
        text = _REFERENCE.sub(lambda m: html.unescape(m.group()), text)
    if "%" in text or "?" in text:
        text = _TOKEN.sub(_unquote_link, text)
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    return _MARK_ON_DIGIT.sub("", text)


def _unquote_link(m: re.Match[str]) -> str:
    token = m.group()
    path, query, rest = token.partition("?")
    if query and "=" in rest:
        token = path + query + rest.replace("+", " ")  # a query's space: "card=4532+0151+..."
    escapes = len(_PERCENT.findall(token))
    if not escapes or (escapes < 2 and not re.search(r"[/?=&]", token)):
        return token  # "50%OFF", "100%", "100%20": no link, one escape at most
    return unquote(token, errors="replace")


# --- addresses written to escape programs ------------------------------------------------

_OPEN = r"[\[({<]"
_CLOSE = r"[\])}>]"
_AT_WORD = r"(?i:at|małpa|malpa|собака|sobaka)"
_DOT_WORD = r"(?i:dot|kropka|точка|tochka)"
_BRACKETED_AT = rf"[ \t]*{_OPEN}[ \t]*{_AT_WORD}[ \t]*{_CLOSE}[ \t]*"
_BRACKETED_DOT = rf"[ \t]*{_OPEN}[ \t]*{_DOT_WORD}[ \t]*{_CLOSE}[ \t]*"
_WORD_AT = rf"[ \t]+{_AT_WORD}[ \t]+"
_WORD_DOT = rf"[ \t]+{_DOT_WORD}[ \t]+"
# (one blank each side or none: blanks are one space when the masker looks, and a start
# after ". " is no start, so that "a . a . a ..." is read once, not from each "a")
_SPACED_AT = r"(?: @ |@)"  # not "profile @anna.k": a handle, no address
_SPACED_DOT = r"(?:\.| \. )"  # a blank each side or none: "x.pl. Thanks" ends at "pl"
_LOCAL = r"(?<![\w.+-])[\w+-]++(?:\.[\w+-]++)*+"
_SPACED_LOCAL = rf"(?<![\w.+-])(?<!\. )[\w+-]++(?:{_SPACED_DOT}[\w+-]++)*+"
_LABEL = r"[\w-]++"
OBFUSCATED_EMAIL = re.compile(
    # "anna . kowalska @ example . pl": blanks around "@" or a "."
    rf"(?>{_SPACED_LOCAL}{_SPACED_AT}{_LABEL}(?:{_SPACED_DOT}{_LABEL})++)(?![\w@-])|"
    + _LOCAL
    + r"(?>"
    # "anna [at] example [dot] pl", "anna(at)example.pl": a bracketed "at"
    + rf"{_BRACKETED_AT}{_LABEL}(?:(?:{_BRACKETED_DOT}|{_WORD_DOT}|\.){_LABEL})++"
    # "anna at example dot pl": a worded "at" and at least one worded or bracketed "dot"
    + rf"|{_WORD_AT}{_LABEL}(?:\.{_LABEL})*+(?:(?:{_BRACKETED_DOT}|{_WORD_DOT}){_LABEL}"
    + rf"(?:\.{_LABEL})*+)++"
    + r")(?![\w@-])"
)
"""An e-mail address written with words or blanks for its "@" and dots (see the
module's docstring); its last part must be a top-level domain (letters): check
it with :func:`obfuscated_emails`."""


# An address with a quoted local part or an IP address for its domain, which
# the plain pattern does not read: '"anna kowalska"@example.pl', "anna@[192.168.0.1]".
_UNUSUAL_EMAIL = re.compile(
    r'(?:"[^"\n]{1,64}"|(?<![\w.+-])[\w+-]++(?:\.[\w+-]++)*+)'
    r"@(?:\[[0-9A-Fa-f.:]{3,45}\]|[\w-]++(?:\.[\w-]++)+)"
)


def obfuscated_emails(text: str) -> list[tuple[int, int]]:
    """The spans of the addresses :data:`OBFUSCATED_EMAIL` finds whose last part
    is letters (a top-level domain: "pl", "com"), and that are written otherwise
    than a plain address (those are found as they are)."""
    spans = []
    for m in OBFUSCATED_EMAIL.finditer(text):
        tail = re.split(r"[\s.\])}>]+", m.group().rstrip())[-1]
        if len(tail) >= 2 and tail.isalpha():
            spans.append(m.span())
    spans += [
        m.span()
        for m in _UNUSUAL_EMAIL.finditer(text)
        if m.group().startswith('"') or m.group().endswith("]")
    ]
    return spans
