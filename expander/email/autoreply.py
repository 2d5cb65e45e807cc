"""Automatic replies: out-of-office notes and other mail no person wrote.

A shop's own messages bounce back as "Automatic reply: Your order has
shipped", "Odpowiedź automatyczna", "Автоответ: ..."; an agent pasting one
needs no suggested reply, and every snippet would be a wrong one (the
development e-mails' out-of-office notes got a confident "no confirmation"
and "order confirmation missing" reply). Told by the subject's marker, or by
the body's own words: away ("out of the office", "na urlopie", "в отпуске")
together with a return date or a pointer elsewhere ("until", "do", "до",
"urgent", "pilnych", "срочн...") and the mailbox itself ("access to e-mail",
"dostępu do poczty", "доступа к почте"), or a plain "this is an automatic
reply". A customer writing that they were away ("I was on holiday, so the
courier missed me") names no mailbox and is not taken for one.
"""

from __future__ import annotations

import re

from expander.email.clean import CleanEmail, clean_email
from expander.textfold import fold_same_length

__all__ = ["is_auto_reply"]

_MARKER = (
    r"automatic reply|auto-?reply|autoresponse|auto response|out of (?:the )?office|"
    r"odpowiedz automatyczna|automatyczna odpowiedz|autoodpowiedz|"
    r"автоответ|автоматический ответ|вне офиса"
)
# the subject (pasted as "Subject: ..." or as the e-mail's first lines) starts with one;
# the patterns see the text folded (lower case, no diacritics, "ё" as "е")
_SUBJECT_MARKER = re.compile(rf"^\s*(?:(?:subject|temat|тема)\s*:\s*)?(?:{_MARKER})\b")
_SAYS_AUTOMATIC = re.compile(
    r"\b(?:this is an? (?:automatic|automated) (?:reply|response|message)|"
    r"(?:to jest|jest to) (?:automatyczna odpowiedz|wiadomosc automatyczna)|"
    r"(?:это|данное письмо|данное сообщение) (?:-\s*)?(?:автоматический ответ|"
    r"автоматическое (?:сообщение|уведомление)))"
)
_AWAY = re.compile(
    r"\b(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk)|on (?:annual )?leave|"
    r"on (?:holiday|vacation|maternity leave)|poza biurem|nieobecn[aey]\w*|na urlopie|"
    r"na zwolnieniu|вне офиса|в отпуске|отсутствую|в командировке|на больничном)"
)
_MAILBOX = re.compile(
    r"\b(?:access to (?:my )?e-?mails?|checking (?:my )?e-?mails?|"
    r"dostep\w* do (?:poczty|maila|skrzynki)|"
    r"доступ\w* к (?:почте|электронной почте|почтовому ящику)|"
    r"(?:read|reply to|respond to) your (?:e-?mail|message) (?:on|when|after))"
)
_LATER = re.compile(
    r"\b(?:until|till|back on|return on|returning on|urgent|do dnia|do \d|pilnych|pilne|"
    r"wracam|до \d|до понедельника|до вторника|до среды|до четверга|до пятницы|срочн\w*|"
    r"вернусь)"
)
_HEAD = 600  # an out-of-office note says so at once


def is_auto_reply(text: str, *, cleaned: CleanEmail | None = None) -> bool:
    """Whether ``text`` (an e-mail as pasted; ``cleaned``: its :func:`clean_email`,
    when at hand) is an automatic reply, not a customer's."""
    clean = cleaned if cleaned is not None else clean_email(text)
    first_lines = [clean.subject, *[line for line in clean.body.split("\n") if line.strip()][:2]]
    if any(_SUBJECT_MARKER.match(fold_same_length(line)) for line in first_lines):
        return True
    head = fold_same_length(clean.body[:_HEAD])
    if _SAYS_AUTOMATIC.search(head):
        return True
    return bool(_AWAY.search(head) and _MAILBOX.search(head) and _LATER.search(head))
