"""Where a forwarded message ends when the writer's own text goes on under it.

A forward is quoted from its header to the end of the e-mail, unless a line closes it
and the writer's own words follow: an end marker ("----- End forwarded message -----",
"Koniec przekazywanej wiadomości", "Конец пересылаемого сообщения") or a rule alone
("-----", "_____", "=====") under the forwarded message's text. What follows such a
line is the writer's when it is not quoted, no other message's header, and signed by a
person: in the first person, or (when the forwarded message's author is not the one
who signs, and under a rule not as "we", as a shop closes its message) a sentence of
the writer's before the sign-off. A name alone on its line under the writer's text,
over a phone number or an e-mail address at most ("... есть камеры.\nАнастасия
Белова\nтел. ..."), signs as a sign-off does, unless it is the forwarded message's
author. The forwarded message's own footer ("You get this e-mail because ...", "Team
Bramble") and its signature under a rule ("----------\nDana Cole\nCole Interiors Ltd")
close nothing.

With no line to close it, a blank line closes a forwarded notification of an automatic
sender ("From: Уведомления <noreply@...>", "notifications@..."), which no person signs,
where the last paragraphs are the writer's text so signed; a person's message may go
on after a blank line and be signed by its author, so nothing else is closed so.

A rule never closes the forward of a writer who signed above its header ("Never got
this parcel.\nLaura\n\n---------- Forwarded message"): she has said all she meant to,
and a rule under it is the forwarded message's own, over its footer or its agent's
sign-off. Text under a rule that speaks to the reader as a shop does ("just reply to
this email", "jeśli masz pytania"), or signed by a name over a customer service's line
("Megan\nCustomer Care"), is the forwarded message's too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from expander.email.namelines import looks_like_sentence, name_of_line, shop_role
from expander.email.rules import FROM_FIELD, HEADER_FIELD, RULE, underline
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = ["QuoteHeader", "forward_end"]

QuoteHeader = Callable[[list[str], list[str], int], int]
"""How many lines a quoted message's header starting at a line spans (0: none)."""

# The line that closes a forwarded message: "----- End forwarded message -----", "Koniec
# przekazywanej wiadomości", "Конец пересылаемого сообщения" (folded); or a rule of
# dashes alone closing a forward that a rule of dashes opened
_FORWARD_END = re.compile(
    r"^\s*(?:-{2,}|_{2,}|={2,}|\*{2,})?\s*(?:end\s+(?:of\s+)?forwarded\s+message|"
    r"koniec\s+(?:przekazywanej|przekazanej|przeslanej)\s+wiadomosci|"
    r"конец\s+(?:пересылаемого|пересланного)\s+сообщения)\b.*$"
)
# the customer speaking of themselves: "I've kept ...", "Zatrzymałam ...", "Я ..."; in the
# plural ("we", "nasz") see _in_first_person: a shop's own message speaks as "we" too
_FIRST_PERSON = re.compile(
    r"(?i)(?<![\w'’])(?:i|i'm|i've|i'd|i'll|my|me|ja|mnie|mój|moja|moje|я|мой|моя|моё|мое|"
    r"мои|мне|меня)(?![\w'’])|"
    # the Polish verb in the first person, the pronoun left out: "Zatrzymałam", "Proszę"
    # (not the reflexive "się", which any person's sentence has)
    r"(?<![\w'’])(?!się(?![\w'’]))[^\W\d_]{2,}(?:łem|łam|ę)(?![\w'’])"
)
_FIRST_PERSON_PLURAL = re.compile(
    r"(?i)(?<![\w'’])(?:we|we've|we're|we'd|our|us|nasz\w*|мы|наш\w*)(?![\w'’])|"
    r"[^\W\d_]{2,}(?:liśmy|łyśmy|emy|imy|amy|ymy)(?![\w'’])"
)
_BACK_TO_FORWARD = re.compile(
    r"(?i)\b(?:as above|see above|above|below|as you can see|powyżej|jak wyżej|poniżej|"
    r"jak widać|выше|ниже|как видите|"
    # the forward itself named: "Пересылаю письмо коллеги. Наш заказ ...", "forwarding this"
    r"forward(?:ing|ed)|przesyłam|przekazuję|пересылаю|переслал\w*)\b"
)


def forward_end(
    lines: list[str], folded: list[str], at: int, span: int, quote_header: QuoteHeader
) -> int | None:
    """The line that closes the forwarded message whose header starts at line ``at``,
    when the customer's own text follows it ("---------- Forwarded message ---------
    ... ---------\nSo yes, as above. We've kept the box.\nThanks,\nDeclan"), or None.

    An end marker, or a rule alone after the forwarded message's own text (of three
    characters or more when a rule opened the forward, else of five or more); before
    text of the customer's, which is neither quoted nor another message's header."""
    ruled = folded[at].lstrip().startswith(("--", "__", "=="))
    closing_rule = RULE if ruled else _LONG_RULE
    signed_above = _signed_above(lines, folded, at)
    seen_text = False
    for j in range(at + span, len(lines)):
        line = folded[j]
        if not line.strip():
            continue
        marked = bool(_FORWARD_END.match(line))
        closing = marked or (
            seen_text
            and not signed_above
            and bool(closing_rule.match(line))
            and not underline(folded, j)
        )
        if not closing:
            seen_text = seen_text or not HEADER_FIELD.match(line)
            continue
        after: list[int] = []  # the text under it, up to the next rule
        for k in range(j + 1, len(lines)):
            if RULE.match(folded[k]) or _FORWARD_END.match(folded[k]):
                break
            if lines[k].strip():
                after.append(k)
        if _writers_text(lines, folded, (at, j), after, quote_header, marked=marked):
            return j
        seen_text = True  # a rule inside the forwarded message (over its signature)
    return None if signed_above else _unclosed_end(lines, folded, at, quote_header)


def _writers_text(
    lines: list[str],
    folded: list[str],
    forward: tuple[int, int],
    after: list[int],
    quote_header: QuoteHeader,
    *,
    marked: bool,
) -> bool:
    """Whether the lines ``after`` (their numbers), under the line that may close the
    forwarded message (``forward``: its header's line and that line), are the writer's
    own text: not quoted, no other message's header, signed by a person who is not the
    forwarded message's author, not a shop's text to its customer (under an end marker,
    ``marked``, it may be), and in the first person or a request of its own."""
    if (
        not after
        or lines[after[0]].lstrip().startswith(">")
        or quote_header(lines, folded, after[0])
        or (signer := _signer([lines[k].strip() for k in after])) is None
        or (not marked and _shops_text(lines, folded, after, signer))
    ):
        return False
    at, j = forward
    text = " ".join(lines[k] for k in after)
    authored = bool(_author_words(folded, at, j) & set(fold_same_length(signer).lower().split()))
    # a name alone under the text (no sign-off) is no one's but the writer's only when
    # the forwarded message's author is another person
    alone = _signed_alone([lines[k].strip() for k in after])
    if _in_first_person(text, plural=marked) and not (alone and authored):
        return True
    return (
        # a shop's closing under a rule in its own message speaks as "we"; under an end
        # marker the writer's own request follows
        (marked or not (_FIRST_PERSON_PLURAL.search(text) and not _BACK_TO_FORWARD.search(text)))
        and _own_request(lines, folded, after, quote_header)
        and not authored
    )


# an automatic sender's mailbox or name: "noreply@...", "notifications@...", "Уведомления"
_AUTOMATIC_SENDER = re.compile(
    r"(?<![\w.+-])(?:no[._-]?reply|do[._-]?not[._-]?reply|notifications?|notify|robot|"
    r"mailer|automated|uvedomleniya|info[._-]?noreply)(?:[._-][\w]+)*@|"
    r"(?:^|[\s\"«,])(?:notifications?|powiadomienia|уведомления|оповещения)\b",
    re.IGNORECASE,
)
# a forwarded message's attribution line, as Yandex writes it: '17.12.2024, 14:06,
# "Уведомления" <noreply@...>:'
_ATTRIBUTION = re.compile(r"<[^<>\s]+@[^<>\s]+>[ \t]*:[ \t]*$")


def _unclosed_end(
    lines: list[str], folded: list[str], at: int, quote_header: QuoteHeader
) -> int | None:
    """The blank line above the writer's own text when it follows, with no line to
    close it, a forwarded message that an automatic sender wrote ("From: Уведомления
    <noreply@...>"), which no person signs: the last paragraphs, signed by a person
    (see :func:`_writers_text`); else None. Only such a forward: a person's message may
    go on after a blank line and be signed by its author."""
    senders = [
        line.partition(":")[2] if FROM_FIELD.match(folded[k]) else line
        for k, line in enumerate(lines[at : at + 8], start=at)
        if FROM_FIELD.match(folded[k]) or _ATTRIBUTION.search(line)
    ]
    if not senders or not _AUTOMATIC_SENDER.search(senders[0].strip()):
        return None
    first_text = next((k for k in range(at + 1, len(lines)) if lines[k].strip()), len(lines))
    after: list[int] = []  # the lines with text under the blank line tried, bottom up
    for j in range(len(lines) - 1, first_text, -1):
        if lines[j].strip():
            if RULE.match(folded[j]) or quote_header(lines, folded, j):
                return None  # another message, a rule: not the writer's text alone
            after.insert(0, j)
            if len(after) > _MOST_OWN_LINES:
                return None  # the writer's text under a notification is a short one
            continue
        if _writers_text(lines, folded, (at, j), after, quote_header, marked=False):
            return j
    return None


_MOST_OWN_LINES = 30


# a shop speaking to its customer: an invitation to reply or ask, a request it reports
# done (folded, lower case)
_SHOP_ADDRESS = re.compile(
    r"reply to this (?:e-?mail|message)|(?:any|have|further) questions|"
    r"(?:has|have) been (?:processed|dispatched|shipped|refunded|issued)|"
    r"(?:jesli|jezeli|gdyby|w razie) (?:\w+ ){0,2}pytan|odpowiedz na (?:te|ta) wiadomosc|"
    r"(?:если|при) (?:\w+ ){0,3}вопрос|ответьте на (?:это|данное) (?:письмо|сообщение)"
)


def _shops_text(lines: list[str], folded: list[str], after: list[int], signer: str) -> bool:
    """Whether the text under a rule (``after``, its lines) is a shop's to its
    customer: it speaks as a shop does ("Any questions? Just reply to this email."),
    or its signer's name has a customer service's or support team's line under it
    ("Kind regards,\nMegan\nCustomer Care"), not the writer's own job ("офис-менеджер
    ООО «ТехЛайн»")."""
    if any(_SHOP_ADDRESS.search(folded[k].lower()) for k in after):
        return True
    for n, k in enumerate(after[:-1]):
        if (
            lines[k].strip() == signer
            or (split_sign_off(lines[k].strip()) or ("", ""))[1] == signer
        ):
            return shop_role(lines[after[n + 1]])
    return False


def _signed_above(lines: list[str], folded: list[str], at: int) -> bool:
    """Whether the writer's own text above the forward's header at line ``at`` ends
    signed: with a sign-off ("Thanks", "Pozdrawiam, Magda") or a name alone on its line
    ("Never got this parcel.\nLaura")."""
    above = [k for k in range(at) if lines[k].strip()]
    if (
        not above
        or HEADER_FIELD.match(folded[above[-1]])
        or lines[above[-1]].lstrip().startswith(">")
    ):
        return False
    last = lines[above[-1]].strip()
    split = split_sign_off(last)
    if split is not None:
        return not split[1] or name_of_line(split[1], relaxed=True) is not None
    if last.endswith(":"):
        return False
    signed_off = len(above) > 1 and split_sign_off(lines[above[-2]].strip()) is not None
    return name_of_line(last, relaxed=signed_off) is not None


# a closing rule under a forward that no rule opened ("Begin forwarded message:"): five
# characters or more, not a "---" a writer puts between two thoughts
_LONG_RULE = re.compile(r"^\s*(?:-{5,}|_{5,}|={5,})\s*$")
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")


def _own_request(
    lines: list[str], folded: list[str], after: list[int], quote_header: QuoteHeader
) -> bool:
    """Whether the text under a closing rule (``after``, its lines) is a message of its
    own, written not in the first person ("Заказ 2024-11873. Прошу довезти недостающие 2
    упаковки."): a sentence above its sign-off, no line of it quoted or another
    message's header (then it is the forwarded thread going on)."""
    sentence = False
    for k in after:
        stripped = lines[k].strip()
        if stripped.startswith(">") or quote_header(lines, folded, k):
            return False
        if split_sign_off(stripped) is not None:
            break
        sentence = sentence or looks_like_sentence(stripped)
    return sentence


def _author_words(folded: list[str], at: int, end: int) -> set[str]:
    """The words of the name in the forwarded message's ``From:`` line (between its
    header at line ``at`` and line ``end``), folded: the author, who does not sign the
    writer's own text under the forward."""
    for line in folded[at:end]:
        if FROM_FIELD.match(line):
            value = re.sub(r"<[^>]*>|\S+@\S+", " ", line.partition(":")[2])
            return {word.lower() for word in _NAME_WORD.findall(value)}
    return set()


def _in_first_person(text: str, *, plural: bool) -> bool:
    """Whether ``text`` is the customer's own words: in the first person singular, or
    in the plural under an explicit end of the forward (``plural``) or pointing back at
    it; under a bare rule a shop's own closing speaks as "we" too."""
    return bool(
        _FIRST_PERSON.search(text)
        or (_FIRST_PERSON_PLURAL.search(text) and (plural or _BACK_TO_FORWARD.search(text)))
    )


def _signer(lines: list[str]) -> str | None:
    """The person's name that ``lines`` end with, after a sign-off on its line or the
    next ("Thanks,\nDeclan"), or alone on its line under the text, over no more than
    two lines of contact details ("... есть камеры.\nАнастасия Белова\nтел. 8-916-...");
    None for no such name or a shop's team ("Best wishes,\nThe Bramble Team")."""
    for n, line in enumerate(lines[-4:], start=max(0, len(lines) - 4)):
        split = split_sign_off(line)
        if split is None:
            continue
        signer = split[1] or (lines[n + 1] if n + 1 < len(lines) else "")
        if name_of_line(signer) is not None and not shop_role(signer, team=True):
            return signer
    return _name_alone(lines)


def _signed_alone(lines: list[str]) -> bool:
    """Whether ``lines`` end with a name alone, with no sign-off (see :func:`_signer`)."""
    return not any(split_sign_off(line) is not None for line in lines[-4:]) and bool(
        _name_alone(lines)
    )


# a line of contact details under a name: a phone ("тел. 8-916-000-33-21", "+44 7700
# 900123", "mob: 601 234 567") or an e-mail address alone
_CONTACT = re.compile(
    r"(?:[^\W\d_]{1,10}\.?[ \t]*:?[ \t]*)?\+?\d[\d ()./-]{6,}\d|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


def _name_alone(lines: list[str]) -> str | None:
    """The name alone on its line that signs ``lines`` with no sign-off: under a line
    of text that ends a sentence, over nothing but contact details (two lines at most)."""
    end = len(lines)
    while end > 1 and len(lines) - end < 2 and _CONTACT.fullmatch(lines[end - 1]):
        end -= 1
    if end < 2 or not lines[end - 2].rstrip().endswith((".", "!", "?", ")")):
        return None
    signer = lines[end - 1]
    if name_of_line(signer) is None or shop_role(signer, team=True):
        return None
    return signer
