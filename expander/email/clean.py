"""Cleaning a pasted customer e-mail: quotes, signatures and pasted headers out.

The quoted earlier messages often talk about another topic, and signatures
are noise: neither may steer a suggestion. What we remove is kept apart
(``quoted``, ``signature``, ``headers``) because it still tells us things:
the signature and the ``From:`` header name the customer, and the quoted
reply of the shop usually carries the order number.

Everything here is rule-based and general: quote headers are recognised by
their shape (a date or address followed by "wrote:"/"napisał(a):"/"пишет:",
a ``From:``/``Od:``/``От:`` header block, a "-----Original Message-----"
line), signatures by the RFC 3676 delimiter, device footers, disclaimers and
a sign-off followed only by signature-like lines (a name, contact details, a
company line). A line is never dropped from ``body`` unless it belongs to one
of those; what cannot be told apart stays in the body.

HTML is turned into text first (:mod:`expander.email.html`); names are told
from other words by :mod:`expander.email.namelines` and :mod:`expander.email.names`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from expander.email.forwardend import forward_end
from expander.email.html import plain_text
from expander.email.namelines import (
    job_title,
    leading_name,
    looks_like_address,
    looks_like_sentence,
    lower_case_signed_name,
    mentions_company,
    name_of_line,
    qualified_signed_name,
    shop_role,
    signed_name,
)
from expander.email.namewords import (
    is_first_name,
    organisation_word,
    place_or_family,
    place_phrase,
)
from expander.email.rules import (
    FROM_FIELD,
    HEADER_FIELD,
    HEADER_LABELS,
    closes_relay_header,
    form_rule,
    next_nonblank,
    underline,
)
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = ["CleanEmail", "clean_email", "limit_blank_runs"]


# --- quote headers ----------------------------------------------------------------

# All patterns below are matched against folded text (lower case, no Polish
# diacritics, ё → е).
_WEEKDAYS = (
    "(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|pon|wt|sr|czw|pt|sob|niedz?|nd|poniedzialek|wtorek|"
    "sroda|czwartek|piatek|sobota|niedziela|пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|среда|"
    "четверг|пятница|суббота|воскресенье"
)
# How a reply's attribution line starts: "On ...", "W dniu ...", "Dnia ...",
# "Am ...", "Le ...", "В ...", a date or a weekday, Apple Mail's Polish form.
_ATTRIBUTION_START = re.compile(
    rf"^\s*(?:>\s*)*(?:-{{2,}}\s*)?(?:on\s|w\s+dniu\b|dnia\b|am\s|le\s|el\s|в\s|\d|\(?(?:{_WEEKDAYS})\.?,|"
    r"wiadomosc\s+napisana\s+przez\b|\"?[^\s\"<>]+@)"
)
_ATTRIBUTION_VERB = re.compile(
    r"(?:\bwrote|\bwrites|\bnapisal(?:\(a\)|a)?|\bpisze|\bпишет|\bписал(?:\(а\)|а)?|"
    r"\bнаписал(?:\(а\)|а)?|\bschrieb|\ba\s+ecrit|\bescribio|\bha\s+scritto)\s*(?::|-{2,})\s*$"
)
# Mail.ru with no address: "Понедельник, 10 марта 2025, 11:02 +03:00 от Уютный дом:"
# (a time of day, not "12 марта пришло письмо от курьера:").
_ATTRIBUTION_FROM_NAME = re.compile(r"\d{1,2}:\d{2}\b.*\sот\s[^:]{1,80}:\s*$")
# The Bat! and others: "Вы писали 10 марта 2025 г., 11:02:", "You wrote on 10 March
# 2025, 11:02:".
_YOU_WROTE = re.compile(
    r"^\s*(?:>\s*)*(?:вы\s+писали|ты\s+писал[а]?|you\s+wrote|napisal[ae]s|pisal[ae]s)\b"
    r"[^\n]*\d{1,2}:\d{2}[^\n]*:\s*$"
)
# Gmail (ru), Mail.ru, Yandex and Apple Mail (pl) name no verb: the line ends
# with the sender's address and a colon, and carries a date.
_ATTRIBUTION_ADDRESS = re.compile(r"(?:<[^<>\s]+@[^<>\s]+>|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*:\s*$")
_APPLE_PL = re.compile(r"^\s*wiadomosc\s+napisana\s+przez\b.*:\s*$")
_SEPARATOR = re.compile(
    r"^\s*(?:(?:-{2,}|_{2,}|={2,}|\*{2,})\s*(?:original message|forwarded message|"
    r"wiadomosc oryginalna|oryginalna wiadomosc|przekazana wiadomosc|"
    r"wiadomosc przekazana(?: dalej)?|"  # Gmail's: "----- Wiadomość przekazana dalej -----"
    r"przeslana wiadomosc|wiadomosc przeslana|tresc przekazanej wiadomosci|"
    r"исходное сообщение|пересылаемое сообщение|пересланное сообщение|"
    r"перенаправленное сообщение|начало переадресованного сообщения|оригинальное сообщение|"
    r"ursprungliche nachricht|original-nachricht|weitergeleitete nachricht|message d'origine)"
    r"\s*(?:-{2,}|_{2,}|={2,}|\*{2,})?\s*|_{8,}|-{20,}|"
    r"(?:begin forwarded message|poczatek przekazywanej wiadomosci|"
    r"poczatek przekazanej wiadomosci|начало переадресованного сообщения|"
    r"forwarded message|przekazana wiadomosc|пересылаемое сообщение)\s*:?\s*)$"
)
# A forward, not a reply: its message is what the customer asks about ("my husband
# sent me this - forwarding to you:"), so it is kept apart as ``forwarded``.
_FORWARD_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}|_{2,}|={2,}|\*{2,})?\s*(?:begin\s+)?(?:forwarded message|"
    r"przekazana wiadomosc|wiadomosc przekazana|przeslana wiadomosc|wiadomosc przeslana|"
    r"tresc przekazanej wiadomosci|poczatek przekazywanej wiadomosci|"
    r"poczatek przekazanej wiadomosci|пересылаемое сообщение|пересланное сообщение|"
    r"перенаправленное сообщение|начало переадресованного сообщения|"
    r"weitergeleitete nachricht)\b"
)
# "Fwd: delivery", "FW:", "PD:" (przekazano dalej), "Пересл:", "Tr:" as the subject
_FORWARD_SUBJECT = re.compile(
    r"^\s*\*?(?:(?:subject|temat|тема|betreff|objet)\s*\*?\s*:\s*)?"
    r"(?:fwd?|pd|tr|wg|пересл\w*)\s*(?:\[\d+\])?\s*:"
)
_FORWARD_DEPTH = 3  # a forward inside a forward inside a forward; deeper ones stay quoted
_INLINE_HEADER = re.compile(rf"\s\*?(?:{HEADER_LABELS})\s*\*?\s*:\s")
_SUBJECT_RE = re.compile(
    r"^\s*\*?(?:subject|temat|тема|betreff|objet)\s*\*?\s*:\s*(?:(?:re|fwd?|odp|pd|ответ|aw|wg)"
    r"\s*(?:\[\d+\])?\s*:\s*)*"
)


def _quote_header(lines: list[str], folded: list[str], i: int) -> int:
    """How many lines the quote header starting at line ``i`` spans (0: none)."""
    line = folded[i]
    if not line.strip():
        return 0
    if _SEPARATOR.match(line) and not underline(folded, i) and not form_rule(folded, i):
        return 1
    if HEADER_FIELD.match(line):
        # Outlook, Gmail's forward and webmails: a From:/Od:/От: block.
        if FROM_FIELD.match(line) and len(_INLINE_HEADER.findall(line)) >= 2:
            return 1
        block = [folded[j] for j in range(i, min(len(lines), i + 8)) if folded[j].strip()][:5]
        fields = [ln for ln in block if HEADER_FIELD.match(ln)]
        froms = [ln for ln in fields if FROM_FIELD.match(ln)]
        if froms and (len(fields) >= 3 or (len(fields) == 2 and "@" in froms[0])):
            return 1
        return 0
    # Attribution lines, which mail programs wrap over up to three lines.
    joined = ""
    for span in range(1, 4):
        if i + span > len(lines) or (span > 1 and not folded[i + span - 1].strip()):
            break
        joined = (joined + " " + folded[i + span - 1].strip()).strip()
        if len(joined) > 400:
            break
        starts = bool(_ATTRIBUTION_START.match(joined))
        if span > 1 and not starts:
            break
        if _APPLE_PL.match(joined) or _YOU_WROTE.match(joined):
            return span
        has_date = bool(re.search(r"\d", joined))
        if _ATTRIBUTION_VERB.search(joined):
            following = next_nonblank(lines, i + span)
            cited = following < len(lines) and lines[following].lstrip().startswith(">")
            if starts or cited or (has_date and "@" in joined):
                return span
        elif (
            starts
            and has_date
            and (_ATTRIBUTION_ADDRESS.search(joined) or _ATTRIBUTION_FROM_NAME.search(joined))
        ):
            return span
    return 0


# --- signatures -------------------------------------------------------------------

_QUALIFIER_START = re.compile(r"^(?:for|za|за)\s")
_CONTRAST = re.compile(
    r"\b(?:but|however|although|though|yet|ale|jednak|lecz|natomiast|но|однако|а)\b|\?"
)
_DEVICES = (
    r"outlook|mail|yahoo|gmail|aol|proton\w*|samsung|galaxy|iphone|ipad|android\w*|huawei|"
    r"xiaomi|blackberry|windows|mobile|onet|wp|interia|o2|poczt\w+|яндекс\w*|почт\w+|mail\.ru"
)
_DEVICE_FOOTER = re.compile(
    rf"^\s*\(?(?:sent\s+from\s+(?:my\s|the\s+(?:{_DEVICES})|(?:{_DEVICES})\b)|"
    rf"sent\s+(?:with|via|using)\s|get\s+outlook\s+for\b|download\s+outlook\b|"
    rf"(?:wiadomosc\s+)?wyslan[aeo]\s+(?:z|ze|przy\s+uzyciu|za\s+pomoca|przez)\s+(?:mojego|mojej|aplikacji|"
    rf"telefonu|smartfona|tabletu|urzadzenia|systemu|programu|{_DEVICES})|"
    rf"pobierz\s+(?:aplikacje\s+)?outlook|"
    rf"(?:письмо\s+|сообщение\s+)?отправлено\s+(?:с|со|из|через)\s+(?:моего|моей|мобильн\w*|приложени\w*|устройства|"
    rf"телефона|планшета|смартфона|{_DEVICES})|получить\s+outlook\b|"
    rf"(?:скачайте|загрузите)\s+(?:приложение|outlook)|"
    # a text dictated to the phone says so under it: "Отправлено голосом, извините за ошибки"
    rf"sent\s+by\s+voice|dictated\s+(?:but\s+not\s+read|by\s+voice|on\s+my\s+phone)|"
    rf"(?:wiadomosc\s+)?(?:wyslan[aeo]\s+glosowo|podyktowan[aeo]\s+(?:glosowo|telefonowi))|"
    rf"(?:сообщение\s+)?(?:отправлено|набрано|надиктовано)\s+голосом)(?!.*\?\s*$)"
)
# A marketplace's message ends with a link to answer it, between rules, under the
# customer's sign-off: "--- Odpowiedz w Allegro ---", "--- Reply in eBay ---", "--- To
# respond, reply to this e-mail or visit Your Orders ---" (folded)
_REPLY_LINK_FOOTER = re.compile(
    r"^\s*(?:-{2,}|_{2,}|={2,}|\*{2,})\s*(?:to\s+|aby\s+|чтобы\s+)?(?:reply|respond|answer|"
    r"odpowiedz(?:iec)?|odpisz|ответить|ответьте)\b[^\n]{0,60}?(?:-{2,}|_{2,}|={2,}|\*{2,})\s*$"
)
# and the platform's button to answer it, a line of its own at the end: "Reply", "Reply
# on Etsy", "Respond to this message on eBay", "Odpowiedz", "Ответить" (folded)
_REPLY_BUTTON = re.compile(
    r"^\s*(?:reply|respond|odpowiedz|ответить)(?:\s+to\s+this\s+(?:message|e-?mail))?"
    r"(?:\s+(?:on|in|via|w|na|в|на)\s+"
    r"(?:ebay|etsy|allegro|amazon|ozon|wildberries|vinted|olx|avito|озоне?))?\s*$"
)
_DISCLAIMER_START = re.compile(
    r"^\s*(?:\**\s*)?(?:disclaimer|confidentiality notice|confidential|legal notice|"
    r"(?:this|the information (?:contained )?in this) (?:e-?mail|message|communication|"
    r"transmission)|the (?:content|information) of this (?:e-?mail|message)|"
    r"please consider the environment|think before you print|"
    # a firm's registration: "Whitfield Joinery Ltd is registered in England and Wales, ..."
    r"[^.\n]{0,60}?\bis registered in (?:england|scotland|wales|northern ireland|ireland)|"
    r"registered office|spolka wpisana do|sad rejonowy dla|"
    r"(?:ta|niniejsza|powyzsza|tresc (?:tej|niniejszej)) (?:wiadomosc|korespondencj)|"
    r"informacje zawarte w (?:tej|niniejszej)|administratorem (?:pani|pana|panstwa|twoich)?\s*"
    r"danych|zanim wydrukujesz|pomysl o srodowisku|klauzula poufnosci|"
    r"(?:данное|это|настоящее) (?:сообщение|письмо|электронное)|"
    r"информация,? (?:содержащаяся|изложенная)|подумайте об (?:окружающей|экологии)|"
    r"конфиденциальн|"
    # a mailing's footer: why it came, how to unsubscribe
    r"you (?:are )?receiv(?:ed|ing) this|to unsubscribe|if you (?:no longer wish|wish to "
    r"unsubscribe)|otrzymujesz (?:te|ta|niniejsza) wiadomosc|aby (?:zrezygnowac|wypisac)|"
    r"вы получили (?:это|данное|настоящее) (?:письмо|сообщение)|чтобы отписаться|"
    r"вы подписаны|отписаться от|"
    r"если вы (?:больше )?не хотите получать|if you (?:do not|don't|no longer) (?:want|wish) to "
    r"receive|jesli nie chcesz (?:juz )?otrzymywac)"
)
_DISCLAIMER_KEYWORD = re.compile(
    r"confidential|intended (?:solely |only |exclusively )?for|privileged|environment|"
    r"print|addressee|recipient|poufn|przeznaczon|adresat|danych osobowych|rodo|gdpr|"
    r"srodowisk|drukuj|конфиденциальн|предназначен|адресат|получател|распечат|"
    # (a firm's registration, not a customer's "our company is registered in England")
    r"registered office|company (?:registration )?(?:number|no\b)|\bkrs\b|rejestr|"
    r"персональн|unsubscribe|subscri|mailing|newsletter|wypisa|rezygn|subskryp|"
    r"отпис|рассылк|подписк"
)
# A domain is looked for from the start of its run of [\w-] only: from every
# word boundary inside a long run ("a-1a-1a-1...") the search took quadratic time.
_CONTACT = re.compile(
    r"@|https?://|www\.|(?<![\w-])-*\b[\w-]+\.(?:com|pl|ru|net|org|eu|uk|de|io|shop|store)\b|"
    r"\d[\d ()./-]{6,}\d|\d[\d ()*•-]{6,}\d|"  # a phone, also with digits masked: "916 ***-**-41"
    r"^\s*(?:tel|phone|mobile|mob|cell|fax|e-?mail|web|www|address|adres|ul\.|ulica|"
    r"telefon|kom|тел|телефон|моб|факс|адрес|сайт|skype|whatsapp|telegram|viber)\b"
)
_CONTACT_TOKEN = re.compile(r"\d|@|www\.|https?:|\.(?:com|pl|ru|net|org|eu|uk|de|io)\b")
# A firm's bank or registration details (folded), a label and then its code: "IBAN: AT61
# 1904 ... | BIC: BKAUATWW", "UID: ATU 63882014", "NIP 521-123-45-67", "ИНН 7701234567";
# a business signature's footer, not a sentence ("VAT number is missing" has no code)
_REGISTRATION = re.compile(
    r"^\s*(?:iban|bic|swift(?:/bic)?|uid|vat(?: (?:no|nr|number|reg(?:istration)? no))?|"
    r"ust-?id(?:nr)?|tax id|nip|regon|krs|bdo|company (?:no|number|reg(?:istration)? no)|"
    r"sort code|account (?:no|number)|nr konta|konto|инн|кпп|огрн(?:ип)?|бик|окпо|р/с|к/с)"
    r"\.?[ \t]*[:#]?[ \t]*(?:[^\W\d_]{1,4}[ \t]?)?\d"
)


def _strict_signature_line(line: str, folded: str) -> bool:
    """A line only a signature has: a name, contact details with little else
    around them (not "my tracking number is 0035..."), a company, an address."""
    stripped = line.strip()
    if not stripped or stripped in ("--", "-- ", "—") or _DEVICE_FOOTER.match(folded):
        return True
    if leading_name(stripped) is not None:
        return True
    if _REGISTRATION.match(folded) and len(stripped.split()) <= 16:
        return True
    words = stripped.rstrip(".").split()
    if len(words) == 1 and place_or_family(words[0]) or len(words) > 1 and place_phrase(stripped):
        return True  # "Самара", "Milton Keynes": the town under a name
    if _CONTACT.search(folded):
        others = sum(1 for token in folded.split() if not _CONTACT_TOKEN.search(token))
        if others <= 3:
            return True
        label, colon, value = folded.partition(":")  # "Out of hours emergencies: 01530 412 999"
        contact = value.split() and all(map(_CONTACT_TOKEN.search, value.split()))
        if colon and contact and len(label.split()) <= 4 and not re.search(r"[.!?]", label):
            return True
    short = len(stripped.split()) <= 8 and not looks_like_sentence(stripped)
    if short and (mentions_company(line) or looks_like_address(line)):
        return True
    if len(words) <= 8 and _NAMED_FIRM.match(stripped) and organisation_word(words[0]):
        return True  # "Pracownia Plastyczna „Kleks” – zajęcia dla dzieci": a firm, what it does
    if len(stripped.split()) <= 12 and not looks_like_sentence(stripped):
        if looks_like_address(line) and re.search(r"\d", line):
            return True  # "Unit 4, Mill Lane Industrial Estate, Kendal LA9 6DT"
    # "Sales Manager | Bloom Ltd | +44 1632 960001": short parts (an address may
    # be longer: "(555) 014-2297 | 4410 Commerce Dr, Suite 200, Columbus, OH 43219"),
    # one of them a name, contact details, a company or an address.
    if not any(separator in stripped for separator in "|•·"):
        # one part; and the split would take quadratic time over a long run
        # of blanks ("order" and 20,000 spaces: 2 s)
        return False
    parts = [p.strip() for p in _SIGNATURE_SEPARATOR.split(stripped) if p.strip()]
    return (
        # a signature's line has a few parts; a table row or "a | a | ..." pasted
        # 10,000 times is none, and reading each part as a line took 1.7 s
        2 <= len(parts) <= _MOST_SIGNATURE_PARTS
        and all(
            (len(p.split()) <= 5 or len(p.split()) <= 12 and looks_like_address(p))
            and not looks_like_sentence(p)
            for p in parts
        )
        and any(_strict_signature_line(p, fold_same_length(p)) for p in parts)
    )


# a firm's kind and its name: "Pracownia Plastyczna „Kleks”", "Salon Lilia", "Studio Kleks"
_NAMED_FIRM = re.compile(r"[^\W\d_]+[ \t]+(?:[„“\"«]?[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ])(?!.*[.!?]\s*\S)")
_SIGNATURE_SEPARATOR = re.compile(r"\s[|•·]\s|\s*\|\s*")
_MOST_SIGNATURE_PARTS = 8


def _loose_signature_line(line: str, folded: str) -> bool:
    """A line that may sit under a sign-off: a name, a job title, a company,
    contact details; not a sentence."""
    if _strict_signature_line(line, folded) or job_title(line):
        return True
    words = [w for w in line.split() if any(ch.isalnum() for ch in w)]  # not "|", "&"
    return len(words) <= 6 and not looks_like_sentence(line)


# A marketplace's footer under the buyer's message it relays (folded): "To respond to
# this customer, please reply to this e-mail ...", "Aby odpowiedzieć kupującemu, ...",
# "Чтобы ответить покупателю, ...", "--- End of message ---"; the customer's own
# text ends above it, sign-off and name too
_RELAY_FOOTER = re.compile(
    r"^\s*(?:to (?:respond|reply) to this (?:customer|buyer|seller|message)\b|"
    r"(?:please )?(?:reply|respond) to this (?:message|e-?mail) (?:in|on|via|through|from)\b|"
    r"-{2,}\s*end of (?:the )?message\s*-{2,}|"
    r"aby odpowiedziec (?:na (?:te|ta) wiadomosc|kupujacemu|klientowi|sprzedajacemu)|"
    r"odpowiedz na (?:te|ta) wiadomosc (?:w|na|przez)\b|"
    r"чтобы ответить (?:покупателю|клиенту|продавцу|на (?:это|данное) сообщение)|"
    r"ответить (?:покупателю|клиенту|на (?:это )?сообщение) можно\b)"
)


def _is_disclaimer(folded: list[str], i: int) -> bool:
    if _RELAY_FOOTER.match(folded[i]):
        return True
    if not _DISCLAIMER_START.match(folded[i]):
        return False
    nearby = folded[i] + " " + (folded[i + 1] if i + 1 < len(folded) else "")
    return bool(_DISCLAIMER_KEYWORD.search(nearby))


def _is_greeting(line: str) -> bool:
    """Whether ``line`` greets: "Hi Karen,", "Здравствуйте, Ирина!", and the
    name first, "Ирина, добрый день!"."""
    folded = fold_same_length(line)
    if len(line.split()) > 5:
        return False
    return bool(_GREETING.match(folded) or _NAME_THEN_GREETING.match(folded))


_NAME_THEN_GREETING = re.compile(
    r"^\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*,\s*(?:dzien dobry|witam|здравствуйте|"
    r"добрый (?:день|вечер)|доброе утро|приветствую|hello|hi|good (?:morning|afternoon))\b"
)


_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening|day)|greetings|"
    r"dzien dobry|dobry wieczor|witam|witaj|czesc|szanown\w*|halo|hej|"
    r"здравствуйте|здравствуй|добрый (?:день|вечер|утро)|доброе утро|привет|уважаем\w*|"
    r"приветствую|zdravstvu[yij]te|dobr[yi][yj]? den|privet)\b"
)


@dataclass(frozen=True, slots=True)
class CleanEmail:
    """An e-mail split into what the customer wrote now and what to ignore.

    ``body`` is the customer's new text (with the subject, when a header block
    was pasted, as its first line); ``signature`` starts at the sign-off line
    when there is one; ``quoted`` holds earlier messages and forwarded ones;
    ``headers`` the pasted header block (``From:``, ``To:``, ...) above the body;
    ``forwarded`` the new text of the messages the customer forwarded (cleaned
    the same way, without their headers, quotes and signatures), which is
    what a forward asks about. Forwarded messages stay in ``quoted`` too.
    """

    body: str
    signature: str = ""
    quoted: str = ""
    sign_off: str = ""  # the sign-off line, e.g. "Best regards," (kept for names)
    headers: str = ""
    subject: str = ""
    forwarded: str = ""
    # a blank line between ``body`` and ``signature``, which ends an address's block
    signature_gap: bool = False


def _split_headers(lines: list[str], folded: list[str]) -> tuple[list[str], int]:
    """The pasted header block at the top (From:, To:, Subject:, Date:)."""
    start = next_nonblank(lines, 0)
    i = start
    while i < len(lines) and HEADER_FIELD.match(folded[i]):
        i += 1
    count = i - start
    single = count == 1 and (
        _SUBJECT_RE.match(folded[start])
        or (FROM_FIELD.match(folded[start]) and "@" in lines[start])
    )
    if count >= 2 or single:
        return lines[start:i], i
    return [], 0


def _signature_start(
    kept: list[str], folded: list[str], *, remark: bool = True
) -> tuple[int, int | None]:
    """Where the signature starts in ``kept`` and the sign-off line, if any; with
    ``remark``, also a signature block under which one more paragraph follows."""
    end = len(kept)
    content = [i for i, ln in enumerate(kept) if ln.strip()]
    if not content:
        return end, None
    # 1. Hard markers: the "-- " delimiter, a device footer or a disclaimer
    #    (when only signature-like lines follow the footer). Rules "---" in pairs with
    #    text after them frame a pasted message ("Wklejam jej wiadomość:\n---\n...\n---").
    rules = [i for i in content if kept[i].strip() == "---"]
    framing = (
        len(rules) % 2 == 0
        and bool(rules)
        and content[-1] > rules[-1]
        # what the first pair frames is a message (a sentence), not a name and a firm
        and any(looks_like_sentence(kept[j].strip()) for j in range(rules[0] + 1, rules[1]))
    )
    for i in content:
        stripped = kept[i].strip()
        if stripped in ("--", "-- ", "—", "---") and i > content[0]:
            if framing and stripped == "---":
                continue
            end = i
            break
        if _is_disclaimer(folded, i) and i > content[0]:
            end = i
            break
        if (
            _DEVICE_FOOTER.match(folded[i])
            and len(stripped.split()) <= 9
            and all(_loose_signature_line(kept[j], folded[j]) for j in range(i + 1, end))
        ):
            end = i
            break
    # 2. A sign-off, searched upwards over signature-like lines only.
    tail = 0
    for i in range(end - 1, -1, -1):
        line = kept[i].strip()
        if not line:
            continue
        split = split_sign_off(line)
        if split is not None and len(line.split()) <= 9:
            rest = split[1]
            rest_folded = fold_same_length(rest)
            is_name = signed_name(rest) is not None or (
                lower_case_signed_name(split[0], rest) is not None
            )
            qualified = (
                bool(_QUALIFIER_START.match(rest_folded))
                and len(rest.split()) <= 5
                and not _CONTRAST.search(rest_folded)
            )
            if not rest or is_name or qualified:
                before = [j for j in content if j < i and not _is_greeting(kept[j])]
                if before:
                    return i, i
                return i + 1, i  # the sign-off is all the customer wrote
        if tail >= 10 or not _loose_signature_line(kept[i], folded[i]):
            break
        tail += 1
    # 3. No sign-off: a trailing block that starts with a name ("Anna Smith",
    #    a job title and contact lines under it) is a signature. Under the
    #    name, capitalised lines (a firm's name, an address, a registration:
    #    "Gospodarstwo Ogrodnicze Kubiak", "Gas Safe Reg. No. 556677") are
    #    the signature's too when it gives contact details.
    start = None
    contact = capitalised = False
    for i in range(end - 1, -1, -1):
        line = kept[i].strip()
        if not line:
            continue
        if _strict_signature_line(kept[i], folded[i]) or job_title(line):
            contact = contact or bool(_CONTACT.search(folded[i]))
        elif start is None and _capitalised_line(line):
            capitalised = True
        else:
            break
        if (name := leading_name(line)) is not None and not (
            " " not in name and line.startswith(f"{name},") and looks_like_sentence(line)
        ):
            start = i  # not "Emma, order 60430 is still not here.": the one greeted, a sentence
    if start is not None and any(j < start for j in content) and (contact or not capitalised):
        return start, None
    if remark and (found := _signature_over_remark(kept, folded, end)) is not None:
        return found
    return end, None


_TRANSCRIPT_LINE = re.compile(r"[ \t]*(?:-{2,}|\[|\(?\d{1,2}:\d{2})")
_REMARK_LINES = 6  # a closing remark, a short chat transcript: not the e-mail's text


def _signature_over_remark(
    kept: list[str], folded: list[str], end: int
) -> tuple[int, int | None] | None:
    """A signature block with one short paragraph under it: a closing remark
    ("Anjali Raman / c/o Brook & Lyle Architects / ... / Reception is staffed
    8:30-17:30. Thanks very much!"), a chat transcript pasted under the
    signature. The block is a sign-off over a name, or a name over contact
    details, with the customer's text above it that does not introduce it ("send
    it to:"); the paragraph goes with the signature."""
    content = [i for i in range(end) if kept[i].strip()]
    if not content:
        return None
    blanks = [i for i in range(content[0], content[-1]) if not kept[i].strip()]
    if not blanks or sum(1 for i in content if i > blanks[-1]) > _REMARK_LINES:
        return None
    cut = blanks[-1]
    start, sign_off = _signature_start(kept[:cut], folded[:cut], remark=False)
    if start >= cut:
        return None
    named = next((kept[i].strip() for i in content if start < i < cut), "")
    if sign_off is None:
        named = kept[start].strip()
    above = [i for i in content if i < start]
    if not above or kept[above[-1]].rstrip().endswith(":") or leading_name(named) is None:
        return None
    # the message itself under a greeting and a signature ("Hello, quick question. / Best
    # regards, John Smith / I want to return the jacket from order 55123 ..."): no remark
    # (a chat transcript, "--- Chat transcript --- / [10:01] Rory: ...", may be longer)
    under = [kept[i] for i in content if i > cut]
    if sum(map(len, under)) > sum(len(kept[i]) for i in above) and not any(
        _TRANSCRIPT_LINE.match(line) for line in under
    ):
        return None
    return start, sign_off


_QUOTED_FIRM = re.compile(r"[„“\"«][^„“”\"«»\n]{1,40}[”\"»]")


def _capitalised_line(line: str) -> bool:
    """A short line whose every word starts with a capital or a digit ("Wola
    Rzędzińska 112", "Gas Safe Reg. No. 556677"): a name, no sentence."""
    # a firm's name in quotes counts as one capitalised word: "«Уютный дом» Олег Петров"
    line = _QUOTED_FIRM.sub("Firm", line)
    words = [w for w in line.split() if any(ch.isalnum() for ch in w)]
    return (
        1 <= len(words) <= 6
        and not line.endswith(("?", "!", ":"))
        and all(w[0].isupper() or w[0].isdigit() for w in words)
    )


# Where a sentence ends inside a line: after ".", "!", "?" or "…" (and any
# closing quotes, brackets or emoticon), before the next word.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+")


def _trailing_sign_off(line: str) -> int | None:
    """Where a sign-off with a name that ends ``line`` starts, after the last
    sentence of the line ("How do I send the lamp back? Thanks, Priya" → at
    "Thanks"), or None.

    Only a sign-off phrase followed by a short capitalised name (one to three
    words, nothing after it) counts: "Thanks. Will do" or "Thanks, Amazon
    said no" stay content.
    """
    # a sign-off and a name of three words fit in the last 160 characters
    for m in _SENTENCE_END.finditer(line, max(0, len(line) - 160)):
        tail = line[m.end() :].strip()
        split = split_sign_off(tail)
        if split is None or not split[1]:
            continue
        named = (
            name_of_line(split[1]) if len(split[1].split()) <= 3 else None
        ) or qualified_signed_name(split[1])  # "Thanks for the help, Kate"
        if named is None and len(split[1].split()) <= 5:
            # "Regards Maureen Tait (Nana)", "Thanks, Anna from Leeds"
            signed = signed_name(split[1])
            if signed and ("(" in split[1] or is_first_name(signed.split()[0])):
                named = signed
        if named is not None and any(ch.isalnum() for ch in line[: m.start()]):
            return m.end()
    return None


def _inline_sign_off(kept: list[str], folded: list[str], end: int) -> tuple[int, int] | None:
    """The line of ``kept[:end]`` that ends with a sign-off and a name, and where
    the sign-off starts in it: the last line with text, or a line followed
    only by lines a signature has (contact details, a company, a name)."""
    tail = 0
    for i in range(end - 1, -1, -1):
        line = kept[i]
        if not line.strip():
            continue
        at = _trailing_sign_off(line)
        if at is not None:
            return i, at
        if tail >= 10 or not _strict_signature_line(line, folded[i]):
            return None
        tail += 1
    return None


LONGEST_BLANK_RUN = 40
"""Spaces and tabs in a row that the e-mail rules read; a longer run is cut to this.
A rule that splits a run two ways (" *:? *") takes time quadratic in its length:
"nr" and 20,000 spaces took 10 s in extract_fields, and one pasted e-mail could
stall a suggestion. Cutting every run at the door bounds all of them at once."""
_BLANK_RUN = re.compile(rf"[ \t\u00a0]{{{LONGEST_BLANK_RUN + 1},}}")


def limit_blank_runs(text: str) -> str:
    """``text`` with every run of spaces and tabs cut to :data:`LONGEST_BLANK_RUN`."""
    return _BLANK_RUN.sub(lambda m: m.group(0)[:LONGEST_BLANK_RUN], text)


def clean_email(text: str) -> CleanEmail:
    """Split an e-mail (plain text or HTML) into the new message, quotes and signature.

    Quoted lines (``>``) are dropped wherever they are, so answers written
    between or under quotes are kept; from a quote header whose message is not
    ``>``-quoted (Outlook, forwarded messages) everything below is quoted, up to
    the line that closes a forwarded message when the customer's own text and
    sign-off follow it ("----- End forwarded message -----", a rule alone: see
    :mod:`expander.email.forwardend`). A header is a forward's when a forward's
    separator opens it, the subject says "Fwd:", or the writer presents it with a
    colon ("Вот что пришло на почту:").
    """
    return _clean(limit_blank_runs(plain_text(text)), _FORWARD_DEPTH)


def _clean(text: str, forwards: int) -> CleanEmail:
    """:func:`clean_email` on plain text, reading at most ``forwards`` nested forwards."""
    for old, new in (("\r\n", "\n"), ("\r", "\n"), ("\u00a0", " "), ("\u200b", ""), ("\ufeff", "")):
        text = text.replace(old, new)
    lines = text.split("\n")
    folded = fold_same_length(text).split("\n")  # folding keeps lengths and newlines
    header_lines, first = _split_headers(lines, folded)
    subject = ""
    for hl in header_lines:
        m = _SUBJECT_RE.match(fold_same_length(hl))
        if m:
            subject = hl[m.end() :].strip()

    kept: list[str] = []
    kept_folded: list[str] = []
    quoted: list[str] = []
    forwarded = ""
    i = first
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">"):
            quoted.append(line)
            i += 1
            continue
        if closes_relay_header(folded, i, first):
            i += 1  # a rule between a relayed message's header and the message
            continue
        span = _quote_header(lines, folded, i)
        if span:
            following = next_nonblank(lines, i + span)
            if following < len(lines) and lines[following].lstrip().startswith(">"):
                quoted.extend(lines[i : i + span])
                i += span
                continue
            forward = forwards > 0 and bool(
                _FORWARD_SEPARATOR.match(folded[i])
                or _marked_forward(header_lines, folded, first)
                or _presented(kept)
            )
            end = forward_end(lines, folded, i, span, _quote_header) if forward else None
            quoted.extend(lines[i : len(lines) if end is None else end + 1])
            if forward:
                # the forwarded message: from its own header block on (a separator's
                # line is not part of it)
                start = i if HEADER_FIELD.match(folded[i]) else i + span
                inner = _clean("\n".join(lines[start:end]), forwards - 1)
                forwarded = _tidy([inner.body, "", inner.forwarded])
            if end is not None:
                i = end + 1  # the customer's own text goes on under the forwarded message
                continue
            break
        kept.append(line)
        kept_folded.append(folded[i])
        i += 1

    while kept and (
        not kept[-1].strip()
        or _REPLY_LINK_FOOTER.match(kept_folded[-1])
        or _REPLY_BUTTON.match(kept_folded[-1])
    ):
        del kept[-1], kept_folded[-1]  # "--- Odpowiedz w Allegro ---" under the sign-off
    if (at := _pasted_reply(kept, kept_folded)) is not None:
        # the shop's reply pasted under the customer's text with no header
        quoted[:0] = kept[at:]
        del kept[at:], kept_folded[at:]

    # A postscript under the signature is the customer's text: set it aside.
    postscript: list[str] = []
    content_seen = False
    for j, line in enumerate(kept):
        if content_seen and _POSTSCRIPT.match(kept_folded[j]):
            end = j + 1
            while end < len(kept) and kept[end].strip():
                end += 1
            postscript = kept[j:end]
            del kept[j:end], kept_folded[j:end]
            break
        content_seen = content_seen or bool(line.strip())

    sig_at, sign_off_at = _signature_start(kept, kept_folded)
    if sign_off_at is None and (inline := _inline_sign_off(kept, kept_folded, sig_at)):
        # "... the lamp? Thanks, Priya": the sign-off ends the last line of text.
        at, cut = inline
        parts = [kept[at][:cut].rstrip(), kept[at][cut:].strip()]
        kept[at : at + 1] = parts
        kept_folded[at : at + 1] = [fold_same_length(part) for part in parts]
        sig_at, sign_off_at = _signature_start(kept, kept_folded)
    body = _tidy([*kept[:sig_at], "", *postscript])
    if subject:
        body = f"{subject}\n{body}".strip()
    return CleanEmail(
        body=body,
        signature=_tidy(kept[sig_at:]),
        quoted=_tidy(quoted),
        sign_off=kept[sign_off_at].strip() if sign_off_at is not None else "",
        headers=_tidy(header_lines),
        subject=subject,
        forwarded=forwarded,
        signature_gap=0 < sig_at < len(kept) and not kept[sig_at - 1].strip(),
    )


def _marked_forward(header_lines: list[str], folded: list[str], first: int) -> bool:
    """Whether the pasted subject or the first line of the text (from ``first``)
    says "Fwd:": then any quote header starts the forwarded message
    ("-----Original Message-----")."""
    top = next_nonblank(folded, first)
    said = [fold_same_length(line) for line in header_lines]
    said += [folded[top]] if top < len(folded) else []
    return any(_FORWARD_SUBJECT.match(line) for line in said)


def _presented(kept: list[str]) -> bool:
    """Whether the writer's text above a quote header ends presenting it ("Вот что
    пришло на почту:", "Here's the e-mail I got:"): a line of text ending in ":" right
    above. Outlook forwards a message under the header it quotes a reply with
    ("________________________________\nFrom: ...\nSent: ..."); so presented, it is a
    forward, which the writer's own text may follow (see :mod:`~expander.email.forwardend`)."""
    last = next((line.strip() for line in reversed(kept) if line.strip()), "")
    return last.endswith(":") and not HEADER_FIELD.match(fold_same_length(last))


def _pasted_reply(kept: list[str], folded: list[str]) -> int | None:
    """Where an earlier message pasted under the customer's text with no header
    starts ("... Ирина\n\nЗдравствуйте, Ирина!\nВозврат оформлен.\nС уважением,
    Павел, служба поддержки"), or None: a greeting line after the customer's
    text, over text and a sign-off, when the customer's text closes right above
    it (a name, a sign-off, a line ending in ":") or the message signs as the
    shop's side (a support team). A line ending in ":" above the greeting ("Ответ
    службы поддержки:") goes with it."""
    content = [i for i, line in enumerate(kept) if line.strip()]
    seen_text = False
    sign_offs: list[int] | None = None  # the lines that are a sign-off, found once
    for n, i in enumerate(content):
        if not _is_greeting(kept[i]):
            seen_text = True
            continue
        if not seen_text:
            continue
        below = content[n + 1 :]
        if sign_offs is None:
            sign_offs = [
                j for j in content if len(kept[j].split()) <= 9 and split_sign_off(kept[j].strip())
            ]
        signed = [j for j in sign_offs if j > i]
        if not signed or signed[0] == below[0]:
            continue  # no sign-off under text: not a message
        start = n  # the pasted header's fields above the greeting go with it
        while start > 1 and HEADER_FIELD.match(folded[content[start - 1]]):
            start -= 1
        above = kept[content[n - 1]].strip()
        closed = (
            name_of_line(above) is not None
            or split_sign_off(above) is not None
            or above.endswith(":")
            or start < n
        )
        shop = any(shop_role(kept[j]) for j in below if j >= signed[0])
        if closed or shop:
            return content[n - 1] if above.endswith(":") and start == n > 1 else content[start]
    return None


# "P.S.", "PPS", "з.ы." (typed in the Russian layout), "п.с." (spelt in Cyrillic)
_POSTSCRIPT = re.compile(r"^\s*(?:p\.?\s?(?:p\.?\s?)?s|з\.?\s?ы|п\.?\s?(?:п\.?\s?)?с)\.?(?:\s|:|$)")


def _tidy(lines: list[str]) -> str:
    text = "\n".join(ln.rstrip() for ln in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
