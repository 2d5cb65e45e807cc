"""Reading a pasted customer e-mail: HTML to text, quotes and signatures out,
language detected.

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = [
    "SIGN_OFFS",
    "CleanEmail",
    "clean_email",
    "detect_language",
    "html_to_text",
    "leading_name",
    "name_of_line",
    "split_sign_off",
]


def _fold(text: str) -> str:
    """Lower case, Polish letters without diacritics, ``ё`` as ``е``.

    Keeps the length, so offsets in the folded text are offsets in ``text``.
    """
    low = text.lower()
    if len(low) != len(text):  # "İ".lower() is two characters
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    if low.isascii():
        return low
    for letter, plain in _FOLD_PAIRS:  # str.replace is far faster than str.translate here
        if letter in low:
            low = low.replace(letter, plain)
    return low


_FOLD_PAIRS = tuple(zip("ąćęłńóśźżё", "acelnoszze", strict=True))

# Private-use characters that mark structure found in HTML for the line pass.
_Q_OPEN, _Q_CLOSE, _Q_REST, _SIG = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKER_RE = re.compile(f"[{_Q_OPEN}{_Q_CLOSE}{_Q_REST}{_SIG}]")


# --- HTML --------------------------------------------------------------------------

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
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append(" ")
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
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        data = _MARKER_RE.sub("", data)
        self.parts.append(data if self.pre_depth else re.sub(r"\s+", " ", data))


_HTML_HINT = re.compile(
    r"<(?:html|body|div|p|br|span|table|blockquote|font|a\s|b|i|strong|em|ul|ol|li|img|meta|"
    r"head|style|!doctype)\b[^>]*>",
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
    parser.feed(text)
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
    rf"^\s*(?:>\s*)*(?:on\s|w\s+dniu\b|dnia\b|am\s|le\s|el\s|в\s|\d|\(?(?:{_WEEKDAYS})\.?,|"
    r"wiadomosc\s+napisana\s+przez\b|\"?[^\s\"<>]+@)"
)
_ATTRIBUTION_VERB = re.compile(
    r"(?:\bwrote|\bwrites|\bnapisal(?:\(a\)|a)?|\bpisze|\bпишет|\bписал(?:\(а\)|а)?|"
    r"\bнаписал(?:\(а\)|а)?|\bschrieb|\ba\s+ecrit|\bescribio|\bha\s+scritto)\s*:\s*$"
)
# Gmail (ru), Mail.ru, Yandex and Apple Mail (pl) name no verb: the line ends
# with the sender's address and a colon, and carries a date.
_ATTRIBUTION_ADDRESS = re.compile(r"(?:<[^<>\s]+@[^<>\s]+>|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*:\s*$")
_APPLE_PL = re.compile(r"^\s*wiadomosc\s+napisana\s+przez\b.*:\s*$")
_SEPARATOR = re.compile(
    r"^\s*(?:(?:-{2,}|_{2,}|={2,}|\*{2,})\s*(?:original message|forwarded message|"
    r"wiadomosc oryginalna|oryginalna wiadomosc|przekazana wiadomosc|wiadomosc przekazana|"
    r"przeslana wiadomosc|wiadomosc przeslana|tresc przekazanej wiadomosci|"
    r"исходное сообщение|пересылаемое сообщение|пересланное сообщение|"
    r"перенаправленное сообщение|начало переадресованного сообщения|оригинальное сообщение|"
    r"ursprungliche nachricht|original-nachricht|weitergeleitete nachricht|message d'origine)"
    r"\s*(?:-{2,}|_{2,}|={2,}|\*{2,})?\s*|_{8,}|-{20,}|"
    r"(?:begin forwarded message|poczatek przekazywanej wiadomosci|"
    r"poczatek przekazanej wiadomosci|начало переадресованного сообщения|"
    r"forwarded message|przekazana wiadomosc|пересылаемое сообщение)\s*:?\s*)$"
)
_FROM_LABELS = r"from|od|от|от кого|de|von"
_HEADER_LABELS = (
    r"from|sent|to|cc|bcc|subject|date|reply-to|od|wyslano|wyslane|data|do|temat|dw|udw|"
    r"от кого|от|отправлено|дата|кому|копия|тема|de|von|gesendet|an|betreff|objet|envoye"
)
_HEADER_FIELD = re.compile(rf"^\s*\*?(?:{_HEADER_LABELS})\s*\*?\s*:")
_FROM_FIELD = re.compile(rf"^\s*\*?(?:{_FROM_LABELS})\s*\*?\s*:")
_INLINE_HEADER = re.compile(rf"\s\*?(?:{_HEADER_LABELS})\s*\*?\s*:\s")
_SUBJECT_RE = re.compile(
    r"^\s*\*?(?:subject|temat|тема|betreff|objet)\s*\*?\s*:\s*(?:(?:re|fwd?|odp|pd|ответ|aw|wg)"
    r"\s*(?:\[\d+\])?\s*:\s*)*"
)


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _quote_header(lines: list[str], folded: list[str], i: int) -> int:
    """How many lines the quote header starting at line ``i`` spans (0: none)."""
    line = folded[i]
    if not line.strip():
        return 0
    if _SEPARATOR.match(line):
        return 1
    if _HEADER_FIELD.match(line):
        # Outlook, Gmail's forward and webmails: a From:/Od:/От: block.
        if _FROM_FIELD.match(line) and len(_INLINE_HEADER.findall(line)) >= 2:
            return 1
        block = [folded[j] for j in range(i, min(len(lines), i + 8)) if folded[j].strip()][:5]
        fields = [ln for ln in block if _HEADER_FIELD.match(ln)]
        froms = [ln for ln in fields if _FROM_FIELD.match(ln)]
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
        if _APPLE_PL.match(joined):
            return span
        has_date = bool(re.search(r"\d", joined))
        if _ATTRIBUTION_VERB.search(joined):
            following = _next_nonblank(lines, i + span)
            cited = following < len(lines) and lines[following].lstrip().startswith(">")
            if starts or cited or (has_date and "@" in joined):
                return span
        elif starts and has_date and _ATTRIBUTION_ADDRESS.search(joined):
            return span
    return 0


# --- signatures -------------------------------------------------------------------

SIGN_OFFS = (
    "best regards", "kind regards", "warm regards", "warmest regards", "kindest regards",
    "regards", "best wishes", "best", "all the best", "many thanks", "thanks", "thank you",
    "thanks in advance", "thank you in advance", "thx", "tia", "cheers", "sincerely",
    "yours sincerely", "sincerely yours", "yours faithfully", "yours truly", "respectfully",
    "thanks and regards", "thanks & regards", "thanks and best regards", "greetings",
    "warm wishes", "respectfully yours", "with thanks", "with best regards",
    "with kind regards", "best rgds", "rgds", "br", "kr", "have a nice day", "have a great day",
    "kindly regards", "warmly", "take care", "pozdrawiam", "pozdrawiam serdecznie",
    "serdecznie pozdrawiam", "serdeczne pozdrowienia", "pozdrawiam cieplo", "pozdr",
    "pozdrowienia", "z poważaniem", "z wyrazami szacunku", "łączę pozdrowienia",
    "łączę wyrazy szacunku", "dziękuję", "dzięki", "z góry dziękuję", "dziękuję z góry",
    "z pozdrowieniami", "dziękuję i pozdrawiam", "pozdrawiam i dziękuję", "miłego dnia",
    "udanego dnia", "serdeczności", "dziękuję i pozdrawiam serdecznie", "с уважением", "с ув",
    "всего доброго", "всего наилучшего", "всего хорошего", "спасибо", "заранее спасибо",
    "спасибо заранее", "с наилучшими пожеланиями", "благодарю", "заранее благодарю",
    "с уважением и благодарностью", "хорошего дня", "спс", "с благодарностью",
)  # fmt: skip
# Words that may follow a sign-off phrase: "Thanks again", "Dziękuję bardzo".
_INTENSIFIERS = (
    "so much", "very much", "a lot", "again", "in advance", "once again", "so", "all",
    "bardzo", "serdecznie", "z gory", "jeszcze raz", "raz jeszcze", "pieknie", "wszystkim",
    "большое", "огромное", "заранее", "еще раз", "вам", "всем",
)  # fmt: skip
_SIGN_OFF_RE = re.compile(
    r"^\s*(?:(?:bardzo|большое|огромное|many)\s+)?(?P<phrase>"
    + "|".join(re.escape(_fold(s)) for s in sorted(SIGN_OFFS, key=len, reverse=True))
    + r")(?![\w'’])(?:\s*[,.!]*\s*(?:"
    + "|".join(re.escape(s) for s in _INTENSIFIERS)
    + r")(?!\w))*"
)
_QUALIFIER_START = re.compile(r"^(?:for|za|за)\s")
_CONTRAST = re.compile(
    r"\b(?:but|however|although|though|yet|ale|jednak|lecz|natomiast|но|однако|а)\b|\?"
)
_DEVICES = (
    r"outlook|mail|yahoo|gmail|aol|proton\w*|samsung|galaxy|iphone|ipad|android\w*|huawei|"
    r"xiaomi|blackberry|windows|mobile|onet|wp|interia|o2|poczt\w+|яндекс\w*|почт\w+|mail\.ru"
)
_DEVICE_FOOTER = re.compile(
    rf"^\s*(?:sent\s+from\s+(?:my\s|the\s+(?:{_DEVICES})|(?:{_DEVICES})\b)|"
    rf"sent\s+(?:with|via|using)\s|get\s+outlook\s+for\b|download\s+outlook\b|"
    rf"(?:wiadomosc\s+)?wyslan[aeo]\s+(?:z|ze|przy\s+uzyciu|za\s+pomoca|przez)\s+(?:mojego|mojej|aplikacji|"
    rf"telefonu|smartfona|tabletu|urzadzenia|systemu|programu|{_DEVICES})|"
    rf"pobierz\s+(?:aplikacje\s+)?outlook|"
    rf"(?:письмо\s+|сообщение\s+)?отправлено\s+(?:с|со|из|через)\s+(?:моего|моей|мобильн\w*|приложени\w*|устройства|"
    rf"телефона|планшета|смартфона|{_DEVICES})|получить\s+outlook\b|"
    rf"(?:скачайте|загрузите)\s+(?:приложение|outlook))(?!.*\?\s*$)"
)
_DISCLAIMER_START = re.compile(
    r"^\s*(?:\**\s*)?(?:disclaimer|confidentiality notice|confidential|legal notice|"
    r"(?:this|the information (?:contained )?in this) (?:e-?mail|message|communication|"
    r"transmission)|the (?:content|information) of this (?:e-?mail|message)|"
    r"please consider the environment|think before you print|"
    r"(?:ta|niniejsza|powyzsza|tresc (?:tej|niniejszej)) (?:wiadomosc|korespondencj)|"
    r"informacje zawarte w (?:tej|niniejszej)|administratorem (?:pani|pana|panstwa|twoich)?\s*"
    r"danych|zanim wydrukujesz|pomysl o srodowisku|klauzula poufnosci|"
    r"(?:данное|это|настоящее) (?:сообщение|письмо|электронное)|"
    r"информация,? (?:содержащаяся|изложенная)|подумайте об (?:окружающей|экологии)|"
    r"конфиденциальн)"
)
_DISCLAIMER_KEYWORD = re.compile(
    r"confidential|intended (?:solely |only |exclusively )?for|privileged|environment|"
    r"print|addressee|recipient|poufn|przeznaczon|adresat|danych osobowych|rodo|gdpr|"
    r"srodowisk|drukuj|конфиденциальн|предназначен|адресат|получател|распечат|"
    r"персональн"
)
_CONTACT = re.compile(
    r"@|https?://|www\.|\b[\w-]+\.(?:com|pl|ru|net|org|eu|uk|de|io|shop|store)\b|"
    r"\d[\d ()./-]{6,}\d|"
    r"^\s*(?:tel|phone|mobile|mob|cell|fax|e-?mail|web|www|address|adres|ul\.|ulica|"
    r"telefon|kom|тел|телефон|моб|факс|адрес|сайт|skype|whatsapp|telegram|viber)\b"
)
_COMPANY = re.compile(
    r"\b(?:ltd|llc|inc|gmbh|plc|corp|s\.a\b|sp\.\s*z\s*o\.?\s*o|sp\.\s*[jk]\b|s\.c\b|nip|"
    r"regon|krs|vat\s*(?:no|id|number|reg)|company\s+(?:no|number|reg)|registered\s+in|"
    r"ооо|оао|зао|пао|ип|инн|кпп|огрн|бик)(?!\w)"
)
# Address lines of a signature: postcodes (PL 00-950, RU 101000, UK SW1A 1AA)
# next to a word, or a street word.
_ADDRESS = re.compile(
    r"\b\d{2}-\d{3}\s+[^\W\d]|[^\W\d]\s+\d{2}-\d{3}\b|\b\d{6},?\s+[^\W\d]|"
    r"\b[a-z]{1,2}\d[a-z\d]?\s\d[a-z]{2}\b|^\s*(?:ul|al|pl|os|ул|пр|просп|пер|д)\.\s|"
    r"\b(?:street|st\.|road|rd\.|avenue|ave\.|lane|suite|floor|ulica|улица|проспект)\b"
)
# Lower-case words inside a name: "Anna van der Berg", "Luis de la Cruz".
_NAME_PARTICLES = {
    "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "della", "dos",
    "das", "ten", "ter", "bin", "ibn", "al", "el", "y",
}  # fmt: skip
# Lower-case words a job title may hold without becoming a sentence.
_TITLE_PARTICLES = {
    "of", "and", "for", "the", "at", "in", "a", "i", "z", "w", "ds", "do", "po", "по", "и", "в",
    "на", "с",
}  # fmt: skip
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "pan", "pani", "inż", "mgr",
    "господин", "госпожа",
}  # fmt: skip
# Capitalised words that head signature, greeting or heading lines but are
# no one's name; compared folded.
_NOT_NAMES = frozenset(
    _fold(w)
    for w in (
        "Team Support Customer Service Services Shop Store Sales Manager Office Department "
        "Dept Company Ltd Inc Mobile Tel Phone Email E-mail Fax Sent Iphone Ipad Android "
        "Outlook Gmail Samsung Galaxy Yahoo Mail Windows Thanks Thank You Regards Best Kind "
        "Hello Hi Hey Dear Good Morning Afternoon Evening Please Help Urgent Order Orders "
        "Status Refund Return Returns Invoice Delivery Shipping Payment Complaint Question "
        "Ok Okay Yes No Hello Re Fwd Subject Date From To Sir Madam Madame All Everyone "
        "Zespół Dział Obsługa Obsługi Klienta Klient Sklep Sklepu Biuro Firma Kierownik "
        "Telefon Wysłane Wysłano Pozdrawiam Dziękuję Dzięki Witam Dzień Dobry Cześć Szanowni "
        "Szanowny Szanowna Państwo Pilne Reklamacja Zwrot Faktura Zamówienie Paczka Tak Nie "
        "Служба Поддержки Поддержка Магазин Отдел Менеджер Компания Отправлено Телефон "
        "Спасибо Здравствуйте Добрый День Привет Уважаемые Уважаемый Срочно Заказ Возврат "
        "Жалоба Да Нет Клиент Клиентов"
    ).split()
)


def split_sign_off(line: str) -> tuple[str, str] | None:
    """``(phrase, rest)`` when ``line`` starts with a sign-off ("Best regards,
    Anna" → ("Best regards", "Anna")), else None. ``rest`` is what follows the
    phrase and its punctuation, as written; it may be empty or content.
    """
    m = _SIGN_OFF_RE.match(_fold(line))
    if not m:
        return None
    rest = line[m.end() :].strip().lstrip(",.!:;-–—~ ").strip()
    if not any(ch.isalnum() for ch in rest):
        rest = ""  # "Thanks :)", "Dzięki!!!"
    return line[: m.end()].strip(), rest


def _name_token(token: str, relaxed: bool) -> bool:
    token = token.strip(",.;")
    if not token:
        return False
    if re.fullmatch(r"[^\W\d_]\.?", token):  # an initial: "J." or "K"
        return token[0].isupper()
    parts = re.split(r"[-'’]", token)
    if not all(p.isalpha() for p in parts):
        return False
    if relaxed:
        return len(token) > 1
    for i, part in enumerate(parts):
        if i > 0 and len(part) == 1:  # "d'", "O'"
            continue
        if not part[0].isupper() or (len(part) > 3 and part.isupper()):
            return False
    return True


def name_of_line(line: str, *, relaxed: bool = False) -> str | None:
    """The person's name that ``line`` consists of ("Anna", "Jan Kowalski",
    "Łukasz Żółkiewski-Nowak", "Mr J. Smith" → "J. Smith"), or None.

    ``relaxed`` also takes a name in capitals ("ANNA SMITH") or a single
    lower-case word ("thanks\\nanna"), as people sign; use it only where a
    name is expected, right under a sign-off.
    """
    words = line.strip().rstrip(".,!;").split()
    while words and _fold(words[0]).strip(".") in _TITLES:
        words = words[1:]
    if not 1 <= len(words) <= 4:
        return None
    core = [w for i, w in enumerate(words) if not (i and w.islower() and w in _NAME_PARTICLES)]
    if relaxed and not (len(words) == 1 or line.isupper()):
        relaxed = False  # "looking forward" is no name
    if not core or not all(_name_token(w, relaxed) for w in core):
        return None
    if all(len(w.strip(",.")) <= 2 for w in core):
        return None  # initials only
    if any(_fold(w.strip(",.")) in _NOT_NAMES for w in words):
        return None
    return " ".join(w.strip(",;") for w in words).rstrip(".")


# Words of a sentence, not of a description ("Thanks, Apple - I'll wait").
_SPEAKER = re.compile(r"(?<!\w)(?:i|i'm|i'll|i've|we|you|ja|my|wy|я|мы|вы)(?!\w)|\?")
_AFTER_SIGNED_NAME = re.compile(r",|\s\(|\s[-–—|]\s|\s(?:from|of|at|z|ze|из|от)\s")


def signed_name(rest: str) -> str | None:
    """The name after a sign-off phrase: "Anna" → Anna, and with a short
    description after it, "Anna from ACME", "Анна, менеджер ООО «Ромашка»",
    "Ola z Krakowa" → the name; not "Anna, I will wait for the refund"."""
    if name := name_of_line(rest):
        return name
    m = _AFTER_SIGNED_NAME.search(rest)
    if not m:
        return None
    tail = rest[m.end() :].strip(" )")
    if not tail or len(tail.split()) > 5 or _sentence_like(tail) or _SPEAKER.search(_fold(tail)):
        return None
    return name_of_line(rest[: m.start()])


def leading_name(line: str, *, relaxed: bool = False) -> str | None:
    """The name a signature line starts with: "Anna Smith | ACME Ltd" → Anna Smith,
    "Jan Kowalski, kierownik zakupów" → Jan Kowalski."""
    cut = len(line)
    for separator in ("|", ",", "/", "•", "·", " - ", " – ", " — "):
        at = line.find(separator)
        if 0 <= at < cut:
            cut = at
    return name_of_line(line[:cut], relaxed=relaxed)


def _sentence_like(line: str) -> bool:
    """Three lower-case words make a sentence; a job title has fewer
    ("Head of Purchasing", "Kierownik działu zakupów", "менеджер по закупкам")."""
    lower = 0
    for word in line.split():
        word = word.strip(",.;:()\"'")
        if len(word) > 1 and word.isalpha() and word.islower() and word not in _TITLE_PARTICLES:
            lower += 1
    return lower >= 3 or line.rstrip().endswith(("?", "!"))


_CONTACT_TOKEN = re.compile(r"\d|@|www\.|https?:|\.(?:com|pl|ru|net|org|eu|uk|de|io)\b")


def _strict_signature_line(line: str, folded: str) -> bool:
    """A line only a signature has: a name, contact details with little else
    around them (not "my tracking number is 0035..."), a company, an address."""
    stripped = line.strip()
    if not stripped or stripped in ("--", "-- ", "—") or _DEVICE_FOOTER.match(folded):
        return True
    if leading_name(stripped) is not None:
        return True
    if _CONTACT.search(folded):
        others = sum(1 for token in folded.split() if not _CONTACT_TOKEN.search(token))
        if others <= 3:
            return True
    short = len(stripped.split()) <= 8 and not _sentence_like(stripped)
    if short and bool(_COMPANY.search(folded) or _ADDRESS.search(folded)):
        return True
    # "Sales Manager | Bloom Ltd | +44 1632 960001": short parts, one of them
    # a name, contact details, a company or an address.
    parts = [p.strip() for p in _SIGNATURE_SEPARATOR.split(stripped) if p.strip()]
    return (
        len(parts) >= 2
        and all(len(p.split()) <= 5 and not _sentence_like(p) for p in parts)
        and any(_strict_signature_line(p, _fold(p)) for p in parts)
    )


_SIGNATURE_SEPARATOR = re.compile(r"\s[|•·]\s|\s*\|\s*")


def _loose_signature_line(line: str, folded: str) -> bool:
    """A line that may sit under a sign-off: a name, a job title, a company,
    contact details; not a sentence."""
    if _strict_signature_line(line, folded):
        return True
    return len(line.split()) <= 6 and not _sentence_like(line)


def _is_disclaimer(folded: list[str], i: int) -> bool:
    if not _DISCLAIMER_START.match(folded[i]):
        return False
    nearby = folded[i] + " " + (folded[i + 1] if i + 1 < len(folded) else "")
    return bool(_DISCLAIMER_KEYWORD.search(nearby))


def _is_greeting(line: str) -> bool:
    return bool(_GREETING.match(_fold(line))) and len(line.split()) <= 5


_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening|day)|greetings|"
    r"dzien dobry|dobry wieczor|witam|witaj|czesc|szanown\w*|halo|hej|"
    r"здравствуйте|здравствуй|добрый (?:день|вечер|утро)|доброе утро|привет|уважаем\w*|"
    r"приветствую)\b"
)


@dataclass(frozen=True, slots=True)
class CleanEmail:
    """An e-mail split into what the customer wrote now and what to ignore.

    ``body`` is the customer's new text (with the subject, when a header block
    was pasted, as its first line); ``signature`` starts at the sign-off line
    when there is one; ``quoted`` holds earlier messages and forwarded ones;
    ``headers`` the pasted header block (``From:``, ``To:``, ...) above the body.
    """

    body: str
    signature: str = ""
    quoted: str = ""
    sign_off: str = ""  # the sign-off line, e.g. "Best regards," (kept for names)
    headers: str = ""
    subject: str = ""


def _split_headers(lines: list[str], folded: list[str]) -> tuple[list[str], int]:
    """The pasted header block at the top (From:, To:, Subject:, Date:)."""
    start = _next_nonblank(lines, 0)
    i = start
    while i < len(lines) and _HEADER_FIELD.match(folded[i]):
        i += 1
    count = i - start
    single = count == 1 and (
        _SUBJECT_RE.match(folded[start])
        or (_FROM_FIELD.match(folded[start]) and "@" in lines[start])
    )
    if count >= 2 or single:
        return lines[start:i], i
    return [], 0


def _signature_start(kept: list[str], folded: list[str]) -> tuple[int, int | None]:
    """Where the signature starts in ``kept`` and the sign-off line, if any."""
    end = len(kept)
    content = [i for i, ln in enumerate(kept) if ln.strip()]
    if not content:
        return end, None
    # 1. Hard markers: the "-- " delimiter, a device footer or a disclaimer
    #    (when only signature-like lines follow the footer).
    for i in content:
        stripped = kept[i].strip()
        if stripped in ("--", "-- ", "—", "---") and i > content[0]:
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
            rest_folded = _fold(rest)
            is_name = signed_name(rest) is not None
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
    #    contact lines under it) is a signature.
    start = None
    for i in range(end - 1, -1, -1):
        line = kept[i].strip()
        if not line:
            continue
        if not _strict_signature_line(kept[i], folded[i]):
            break
        if leading_name(line) is not None:
            start = i
    if start is not None and any(j < start for j in content):
        return start, None
    return end, None


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
        if split is None or not split[1] or len(split[1].split()) > 3:
            continue
        if name_of_line(split[1]) is not None and any(ch.isalnum() for ch in line[: m.start()]):
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


def clean_email(text: str) -> CleanEmail:
    """Split an e-mail (plain text or HTML) into the new message, quotes and signature.

    Quoted lines (``>``) are dropped wherever they are, so answers written
    between or under quotes are kept; from a quote header whose message is not
    ``>``-quoted (Outlook, forwarded messages) everything below is quoted.
    """
    if _MARKER_RE.search(text):
        text = _MARKER_RE.sub("", text)
    if _HTML_HINT.search(text):
        text = html_to_text(text)
    for old, new in (("\r\n", "\n"), ("\r", "\n"), ("\u00a0", " "), ("\u200b", ""), ("\ufeff", "")):
        text = text.replace(old, new)
    lines = text.split("\n")
    folded = _fold(text).split("\n")  # _fold keeps lengths and newlines
    header_lines, first = _split_headers(lines, folded)
    subject = ""
    for hl in header_lines:
        m = _SUBJECT_RE.match(_fold(hl))
        if m:
            subject = hl[m.end() :].strip()

    kept: list[str] = []
    kept_folded: list[str] = []
    quoted: list[str] = []
    i = first
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">"):
            quoted.append(line)
            i += 1
            continue
        span = _quote_header(lines, folded, i)
        if span:
            following = _next_nonblank(lines, i + span)
            if following < len(lines) and lines[following].lstrip().startswith(">"):
                quoted.extend(lines[i : i + span])
                i += span
                continue
            quoted.extend(lines[i:])
            break
        kept.append(line)
        kept_folded.append(folded[i])
        i += 1

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
        kept_folded[at : at + 1] = [_fold(part) for part in parts]
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
    )


_POSTSCRIPT = re.compile(r"^\s*(?:p\.?\s?(?:p\.?\s?)?s|з\.?\s?ы)\.?(?:\s|:|$)")


def _tidy(lines: list[str]) -> str:
    text = "\n".join(ln.rstrip() for ln in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- language -------------------------------------------------------------------------

# Words (folded) that are frequent in one language and absent from the other;
# words both languages share ("i", "a", "to", "do", "no", "on", "we", "by")
# are left out.
_EN_WORDS = frozenset(
    """the and is are was were am my i'm im you your yours it's its of in it for with not
    have has had having this that these those what when where which who whom why how can
    can't cannot could would should will won't did didn't does doesn't don't be been being
    me we our us they their them there here please hello hi hey thanks thank dear received
    yet still just already since from about any some get got because but if or an at as
    than then so very also all one two three days week weeks ago item items order ordered
    parcel package delivery delivered refund return returned arrived shipping shipped
    tracking wrong size colour color damaged broken help need want like know sent send
    money back out up today yesterday tomorrow never ever again answer reply regards best
    kind sincerely cheers let him her she he his hers more other only should through
    while after before yours payment paid address change cancel account invoice issue
    problem""".split()
)
_PL_WORDS = frozenset(
    """nie jest sie ze czy jak mi mnie moje moja moj moich mojego mojej moim jeszcze ale
    prosze dzien dobry zamowienie zamowienia zamowieniu zamowieniem zamowilem zamowilam
    paczka paczki paczke paczce przesylka przesylki przesylke dziekuje dzieki juz kiedy
    gdzie zostal zostala zostalo zostaly bylo byl byla byly moze mozna bardzo za od po
    dla tak tylko jednak wiec oraz albo lub bo jesli jezeli gdy tego tej tym tych jego jej
    ich ktory ktora ktore ktorych sa bede mam mamy maja chce chcialbym chcialabym prosba
    czekam nadal dalej witam pozdrawiam panstwa pani pana sklep sklepu towar towaru
    zwrot zwrotu reklamacja reklamacje reklamacji faktura fakture faktury kurier kuriera
    otrzymalem otrzymalam dostalem dostalam nic niestety dni dzis dzisiaj wczoraj teraz
    w z ze sa tez takze bylo jeszcze czemu dlaczego kto ktos cos nikt przez przy pod nad
    miedzy bez lecz rowniez wlasnie zeby aby jak jaki jaka jakie ten ta te tu tam tutaj
    pieniadze zwrocic wyslac wyslany wyslane wysylka dostawa dostawy adres rozmiar kolor
    uszkodzony uszkodzona zly zla produkt produktu prosilbym prosilabym szanowni
    szanowny serdecznie uprzejmie odpowiedz odpowiedzi informacje informacji""".split()
)
_RU_LATIN_WORDS = frozenset(
    """zdravstvuyte zdravstvujte spasibo pozhaluysta pozhalujsta gde kogda chto eto uzhe
    eshche esche zakaz zakaza zakazu posylka posylku posylki dostavka dostavku dobryy
    dobryj vozvrat pochemu mne menya ochen privet""".split()
)
# Letter sequences (in folded words) that one of the two languages does not use.
_EN_MARKS = re.compile(r"th|wh|ee|oo|ou|ea|ck|gh|ph|sh|ing|q|x|v|tion|ay")
_PL_MARKS = re.compile(r"rz|sz|cz|dz|yc|wy|kt|zn|uje|owa|owy|ych|ymi|acj|ej$|ac$")
_POLISH_LETTERS = frozenset("ąćęłńśźżĄĆĘŁŃŚŹŻ")
_FOREIGN_LATIN = frozenset("äöüßàâçèéêëîïôùûÿñãõřěůčšžýáíúňťďåøæœ")
_UKRAINIAN = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NOISE_RE = re.compile(r"(?<!\S)\S*(?:@|https?://|www\.)\S*")


def detect_language(text: str) -> str | None:
    """``"en"``, ``"pl"`` or ``"ru"`` for the text's language, or None if unsure.

    Script first (mostly Cyrillic is Russian, unless it is clearly Ukrainian),
    then for Latin script: words frequent in only one of English and Polish,
    Polish letters in lower-case words (a capitalised "Łukasz" in an English
    e-mail is a name, not Polish), and letter sequences one language does not
    use, so Polish written without diacritics is still Polish. Russian written
    in Latin letters is recognised by its common words. Run it on the cleaned
    body: a quote in another language must not decide.
    """
    text = _NOISE_RE.sub(" ", text)
    cyrillic = latin = 0
    for ch in text:
        if ch.isalpha():
            if "\u0400" <= ch <= "\u04ff":
                cyrillic += 1
            elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
                latin += 1
    if not cyrillic and not latin:
        return None
    if cyrillic > latin:
        ukrainian = sum(ch in _UKRAINIAN for ch in text)
        if ukrainian >= 2 and not any(ch in _RUSSIAN_ONLY for ch in text):
            return None
        return "ru"
    en = pl = ru = other = 0.0
    words = _WORD_RE.findall(text)
    # _fold keeps letters letters and lengths, so the words line up.
    for word, folded in zip(words, _WORD_RE.findall(_fold(text).replace("’", "'")), strict=True):
        if any(ch in _POLISH_LETTERS for ch in word):
            pl += 1.0 if word[0].islower() or word.isupper() else 0.3
            continue
        if any(ch in _FOREIGN_LATIN for ch in folded):
            other += 1.0
            continue
        if folded in _EN_WORDS:
            en += 1.0
        elif folded in _PL_WORDS:
            pl += 1.0
        elif folded in _RU_LATIN_WORDS:
            ru += 1.0
        elif len(folded) > 2 and word[0].islower():
            en_mark = bool(_EN_MARKS.search(folded))
            pl_mark = bool(_PL_MARKS.search(folded))
            if en_mark != pl_mark:
                en += 0.4 * en_mark
                pl += 0.4 * pl_mark
    scores = {"en": en, "pl": pl, "ru": ru}
    best = max(scores, key=lambda lang: scores[lang])
    top = scores[best]
    if top < max(1.0, 0.2 * sum(len(w) > 1 for w in words)) or other >= top:
        return None
    if sum(1 for s in scores.values() if s == top) > 1:
        return None
    return best
