"""Sign-off phrases ("Best regards", "Pozdrawiam", "С уважением") and
splitting a line into the phrase and what follows it (a name, or content).

Both the signature rules (:mod:`expander.email.clean`) and the name rules
(:mod:`expander.email.names`) start from a sign-off.
"""

from __future__ import annotations

import re

from expander.email.namewords import is_first_name
from expander.textfold import fold_same_length

__all__ = ["AFTER_BARE_GREETING", "SIGN_OFFS", "split_sign_off"]

# Right after a greeting with no mark after it (a lookbehind, for an introduction that
# follows: "hello this is Tom Hale", "dzien dobry tu Anna", "добрый день это Ольга")
AFTER_BARE_GREETING = (
    r"(?i:(?<=\bhi )|(?<=\bhiya )|(?<=\bhey )|(?<=\bhello )|(?<=\bdobry )|(?<=\bwitam )|"
    r"(?<=\bдень )|(?<=здравствуйте ))"
)

SIGN_OFFS = (
    "best regards", "kind regards", "warm regards", "warmest regards", "kindest regards",
    "regards", "best wishes", "best", "all the best", "many thanks", "thanks", "thank you",
    "thanks in advance", "thank you in advance", "thx", "tia", "cheers", "sincerely",
    "yours sincerely", "sincerely yours", "yours faithfully", "yours truly", "respectfully",
    "thanks and regards", "thanks & regards", "thanks and best regards", "greetings",
    "warm wishes", "respectfully yours", "with thanks", "with best regards",
    "with kind regards", "best rgds", "rgds", "br", "kr", "have a nice day", "have a great day",
    "kindly regards", "warmly", "take care", "ta", "thanx", "thnx", "tnx", "tks",
    "thank u", "thanku", "thankyou", "thank-you", "thanks so much", "many many thanks",
    "pozdrawiam", "pozdrawiam serdecznie",
    "serdecznie pozdrawiam", "serdeczne pozdrowienia", "pozdrawiam cieplo", "pozdr",
    "pozdrowienia", "z poważaniem", "z wyrazami szacunku", "łączę pozdrowienia",
    "łączę wyrazy szacunku", "dziękuję", "dzięki", "z góry dziękuję", "dziękuję z góry",
    "z pozdrowieniami", "z serdecznymi pozdrowieniami", "z serdecznym pozdrowieniem",
    "z wyrazami szacunku i pozdrowieniami", "z pozdrowieniem", "dziękuję i pozdrawiam",
    "pozdrawiam i dziękuję", "miłego dnia",
    "udanego dnia", "serdeczności", "dziękuję i pozdrawiam serdecznie", "с уважением", "с ув",
    "всего доброго", "всего наилучшего", "всего хорошего", "спасибо", "заранее спасибо",
    "спасибо заранее", "с наилучшими пожеланиями", "благодарю", "заранее благодарю",
    "с уважением и благодарностью", "хорошего дня", "спс", "с благодарностью",
    "благодарна", "благодарен", "заранее благодарна", "заранее благодарен", "признательна",
    "признателен", "заранее признательна", "заранее признателен",
    # the warm ones of friends and regulars: love, hugs, kisses, "speak soon"
    "love", "lots of love", "much love", "all my love", "love from", "with love", "xoxo",
    "hugs", "big hugs", "speak soon", "talk soon", "bye", "bye for now",
    "buziaki", "buziaczki", "ściskam", "ściskam mocno", "całuję", "całusy", "do usłyszenia",
    "pozdrawiam gorąco", "gorąco pozdrawiam", "pozdro",
    # praise closing a regular's note, the name under it: "Keep up the good work,\nAisling"
    "keep up the good work", "keep up the great work", "tak trzymać", "так держать",
    # a blessing or a wish closing the note, the name under it: "Blessings,\nRuth" (never
    # "Blessings" for her name), "Peace,\nJo", "Pozdrawiam cieplutko", "Удачи вам"
    "blessings", "many blessings", "god bless", "stay blessed", "be blessed", "peace",
    "peace and love", "pozdrawiam cieplutko", "cieplutko pozdrawiam", "удачи", "удачи вам",
    "хороших выходных", "хорошего вечера",
    # a religious blessing or thanks ("Z Panem Bogiem,\ns. Faustyna Wrona", "Szczęść Boże",
    # "Bóg zapłać", "Храни вас Господь"): never a name
    "z panem bogiem", "z bogiem", "szczęść boże", "bóg zapłać", "храни вас господь",
    "храни вас бог", "храни господь", "спаси господи", "с богом",
    "целую", "обнимаю", "до связи", "ваша", "ваш", "yours", "с надеждой на понимание",
    "с надеждой на ответ", "с надеждой на скорый ответ",
    # a regular signing as one: "Your loyal customer, Meg", "Ваша постоянная покупательница, Вика"
    "your loyal customer", "your regular customer", "a loyal customer", "your faithful customer",
    "wasza stała klientka", "wasz stały klient", "twoja stała klientka", "twój stały klient",
    "stała klientka", "stały klient", "ваша постоянная покупательница", "ваш постоянный покупатель",
    "ваша постоянная клиентка", "ваш постоянный клиент", "постоянная покупательница",
    "постоянный покупатель", "ваш клиент", "ваша клиентка", "ваш покупатель",
    "ваша покупательница", "your customer", "wasz klient", "wasza klientka",
    # Russian typed in Latin letters
    "s uvazheniem", "s uvazheniyem", "s uv", "spasibo", "spasibo bolshoe", "tseluyu",
    "obnimayu", "zaranee spasibo", "spasibo zaranee", "vsego dobrogo",
    "vsego khoroshego", "vsego horoshego", "blagodaryu", "zaranee blagodaryu",
    # the languages a customer of an en/pl/ru shop slips into: Ukrainian, German,
    # French, Spanish, Italian, Portuguese, Dutch, Czech
    "з повагою", "дякую", "щиро дякую", "дякую заздалегідь", "заздалегідь дякую",
    "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße",
    "viele grüße", "liebe grüße", "beste grüße", "danke", "vielen dank",
    "danke schön", "cordialement", "bien cordialement", "merci", "merci beaucoup",
    "salutations", "gracias", "muchas gracias", "saludos", "un saludo", "saludos cordiales",
    "atentamente", "grazie", "grazie mille", "cordiali saluti", "distinti saluti", "saluti",
    "obrigado", "obrigada", "atenciosamente", "cumprimentos", "met vriendelijke groet",
    "groeten", "bedankt", "s pozdravem", "děkuji",
    # Welsh and Irish: "Diolch / thanks!", "Cofion, Alys", "Go raibh maith agat, Aoife"
    "diolch", "diolch yn fawr", "cofion", "cofion cynnes", "hwyl", "hwyl fawr",
    "go raibh maith agat", "go raibh míle maith agat", "le meas", "slán",
)  # fmt: skip
# Words that may follow a sign-off phrase: "Thanks again", "Dziękuję bardzo".
_INTENSIFIERS = (
    "so much", "very much", "a lot", "again", "in advance", "once again", "so", "all",
    "a million", "a bunch", "a ton", "ever so much", "loads", "heaps", "muchly",
    "bardzo", "serdecznie", "z gory", "jeszcze raz", "raz jeszcze", "pieknie", "wszystkim",
    "большое", "огромное", "заранее", "еще раз", "вам", "всем", "bolshoe", "zaranee",
)  # fmt: skip
_PHRASES = "|".join(
    re.escape(fold_same_length(s)) for s in sorted(SIGN_OFFS, key=len, reverse=True)
)
# A regular or a weary customer signing with any one word for the kind: "Your patient
# customer Gosha", "Ваш терпеливый клиент Гоша", "Wasza wierna klientka Ola" (folded)
_KIND_OF_CUSTOMER = (
    r"(?:your|ваш[аи]?|wasz[a]?|tw[o]j|twoja)\s+(?!and\b|и\b|i\b)[^\W\d_]{3,20}\s+"
    r"(?:customer|client|клиент(?:ка)?|покупател(?:ь|ьница)|klient(?:ka)?)"
)
_PHRASES = _KIND_OF_CUSTOMER + "|" + _PHRASES  # before "ваш" alone
_INTENSIFIED = (
    r"(?![\w'’])(?:\s*[,.!]*\s*(?:" + "|".join(re.escape(s) for s in _INTENSIFIERS) + r")(?!\w))*"
)
# Two sign-offs joined: "With many thanks and kind regards", "Dzięki i pozdrawiam",
# "Спасибо и всего доброго"; the second one ends the phrase ("Thanks and best of luck":
# "Thanks" alone)
_SIGN_OFF_RE = re.compile(
    r"^\s*(?:(?:bardzo|большое|огромное|(?:with\s+)?many)\s+)?(?P<phrase>"
    + _PHRASES
    + r")"
    + _INTENSIFIED
    + r"(?:\s*,?\s+(?:and|&|i|и)\s+(?:with\s+)?(?:"
    + _PHRASES
    + r")"
    + _INTENSIFIED
    + r"(?=\s*[,.!;:–—-]|\s*$))?"
)


# Emoticons typed after a sign-off, before the name: ":)", ";-)", ":D", "=)", "xD"
_EMOTICON = re.compile(r"^(?:(?:[:;=]['’-]?[()DPp3]+|xD|\^\^|<3)(?![\w])[ \t,!.]*)+")


# The sign-offs a typo is told from, five letters or more ("Regrads", "Thnaks",
# "Pozdrawim", "С уваженем"; not "Best", "Ta", "Br"), by the first letter and the
# length of a typo of them (their own length, one letter more or one less).
_TYPED: dict[tuple[str, int], tuple[str, ...]] = {}
for _phrase in sorted({fold_same_length(s) for s in SIGN_OFFS if len(s) >= 5}):
    for _length in (len(_phrase) - 1, len(_phrase), len(_phrase) + 1):
        _key = (_phrase[0], _length)
        _TYPED[_key] = (*_TYPED.get(_key, ()), _phrase)
_HEAD_WORDS = re.compile(r"[ \t]*([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?(?:[ \t]+([^\W\d_]+))?")


def _one_typo(word: str, phrase: str) -> bool:
    """Whether ``word`` is ``phrase`` with one letter left out, added, changed, or
    two neighbours swapped (the optimal string alignment distance is 1)."""
    if word == phrase or abs(len(word) - len(phrase)) > 1:
        return False
    if len(word) == len(phrase):
        diff = [i for i, (a, b) in enumerate(zip(word, phrase, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == phrase[diff[1]]
            and word[diff[1]] == phrase[diff[0]]
        )
    short, long = (word, phrase) if len(word) < len(phrase) else (phrase, word)
    i = next((k for k, (a, b) in enumerate(zip(short, long, strict=False)) if a != b), len(short))
    return short[i:] == long[i + 1 :]


def _typed_sign_off(folded: str) -> int | None:
    """Where a sign-off typed with one typo ("Regrads,", "Kind Regard, Fiona",
    "Pozdrawim") ends in ``folded``, a folded line; same first letter, five
    letters or more; None when the line starts with none."""
    m = _HEAD_WORDS.match(folded)
    if m is None:
        return None
    for n in (3, 2, 1):
        if m.group(n) is None:
            continue
        head = " ".join(m.group(k) for k in range(1, n + 1))
        phrases = _TYPED.get((head[0], len(head)), ())
        if len(head) >= 5 and any(_one_typo(head, p) for p in phrases):
            # not a first name a typo away from one ("Grazia", "Danka", "Marci")
            return None if n == 1 and is_first_name(head) else m.end(n)
    return None


def split_sign_off(line: str) -> tuple[str, str] | None:
    """``(phrase, rest)`` when ``line`` starts with a sign-off ("Best regards,
    Anna" → ("Best regards", "Anna")), else None. ``rest`` is what follows the
    phrase and its punctuation, as written; it may be empty or content. A
    sign-off typed with one typo ("Regrads", "Thnaks") is one, and so is one in
    two languages ("Diolch / thanks! Alys" → ("Diolch", "Alys")).
    """
    split = _split_one(line)
    if split is not None and split[1][:1] == "/" and (also := _split_one(split[1][1:])):
        return split[0], also[1]  # once, not per "/": a line of them is no recursion
    return split


def _split_one(line: str) -> tuple[str, str] | None:
    """:func:`split_sign_off` for one sign-off phrase."""
    folded = fold_same_length(line)
    m = _SIGN_OFF_RE.match(folded)
    # a typed sign-off only on a short line: a sign-off and a name, not a sentence;
    # longer than the phrase found, it is the one typed: "Best regard" (not "Best")
    typed = _typed_sign_off(folded) if len(folded) <= 60 else None
    end = typed if typed is not None and (m is None or typed > m.end()) else m.end() if m else None
    if end is None:
        return None
    rest = _EMOTICON.sub("", line[end:].strip().lstrip(",.! "))  # "Thanks :) Zoë"
    rest = rest.lstrip(",.!:;-–—~ ").strip()
    if not any(ch.isalnum() for ch in rest):
        rest = ""  # "Thanks :)", "Dzięki!!!"
    return line[:end].strip(), rest
