"""The customer's order number in an e-mail (for :func:`expander.email.fields.extract_fields`).

Where it is looked for: the customer's new text, then the signature, then the
quoted messages (a reply to "your order #48213 has shipped" is about #48213).
A number written bare ("#5531", "№ 12-34", "FV/12/2024") that the words
before it name as something else (an invoice, a tracking number, a ticket)
is not taken (unless those words say what the document is for: "a tracking
number for #50213"), nor is it where the e-mail names it so anywhere else ("case
CS-20971" makes a subject's "[#CS-20971]" a ticket's) or where a helpdesk
tags the subject with it in square brackets; a document code so named
(no ticket's, return's or invoice's) only when nothing else is found,
and never in a notice no customer sends (a phishing notice's "Ref: ...").
A number with no word for it is taken from the customer's text when the
words around it make it an order's ("don't ship 49987", a subject line; those
patterns live in :mod:`expander.email.orderforms`),
or when it is the only one of five to eight digits there that is no
price, count, postcode or phone, or when it follows a question about the
order ("Где мой заказ?!! 39-0045 оплачен ..."). A letter prefix and digits
in groups after the word for an order ("Zamówienie ZM 71 220") are kept
with their spaces; leading zeros are kept ("000185463"). A payment card's
number or an IBAN is never taken (:mod:`expander.email.payment`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from expander.email import orderpick
from expander.email.clean import CleanEmail
from expander.email.namelines import looks_like_address
from expander.email.noncustomer import is_non_customer
from expander.email.orderforms import BARE_VALUE, CONTEXT_ORDER_PATTERNS, MORE_ORDER_PATTERNS
from expander.email.orderpick import carrier_named, request_about, stays, without_links
from expander.email.payment import without_payment_numbers
from expander.ownpatterns import Finder, OwnPattern
from expander.textfold import fold_same_length

__all__ = ["DEFAULT_ORDER_PATTERNS", "find_order", "pattern_value_group"]

# What an order number looks like: an optional letter prefix, then a digit and
# more digits, letters, dashes or slashes ("48213", "AB-12345", "ZK/123/2024").
# A letter after a dash may end it, a Cyrillic one too ("8830-К", "8830-K").
_VALUE = r"((?:[A-ZА-Я]{1,5}[-/]?)?\d[\dA-Z/_-]{2,}(?<!-)(?:-(?-i:[А-ЯЁ])(?![^\W\d_]))?)"
# After a keyword ("order", "заказ") a bare number needs four characters ("order 100 pcs").
# A code may end in Cyrillic letters after a dash ("заказ 0045-ХТ"); four digits and a
# group after them are one number ("numer 4011 852"), which orderforms takes whole.
_LONG_VALUE = (
    r"((?:[A-ZА-Я]{1,5}[-/]?)?\d[\dA-Z/_-]{3,}(?<!-)(?:-(?-i:[А-ЯЁ]{1,3})(?![^\W\d_]))?)"
    r"(?!(?<=(?<![\w-])\d{4})[ \t]\d{3,4}(?![\w-]|[ \t]?\d|[.,/]\d))"
)
_LINK_EN = (
    r"(?:\s*(?:(?:confirmation|reference|ref|number|num|no|nr|id|code|is|was|as|with|under)\b\.?|"
    r"[#:(,\-–—]))*\s*"
)
_LINK_PL = r"(?:\s*(?:(?:nr|numer|numerze|numerem|o|to|jest|pod)\b\.?|[#:(,\-–—]))*\s*"
_LINK_RU = r"(?:\s*(?:(?:номер|номером|ном|н|n|no|это|под|с)\b\.?|n(?=\d)|[#№:(,\-–—]))*\s*"
_LINK_TRANSLIT = r"(?:\s*(?:(?:nomer|nomerom|no|nr|n|eto|pod|s)\b\.?|[#№:(,\-–—]))*\s*"
# The end of a keyword: a word boundary, or the number right after it ("order49987").
_KEYWORD_END = r"(?![^\W\d_])"

# Order numbers as shops write them; the captured group is the number itself.
# Matched case-insensitively.
_KEYWORD_PATTERNS: tuple[str, ...] = (
    # "#48213", "# 48213"
    r"(?<![\w&])#\s?" + _VALUE,
    # "№ 77-1932", "N° 12345", "Nº 12345"
    r"(?:№|N°|Nº)\s?" + _VALUE,
    # "ZAM/2024/0815", "INV-2024-00012", "ZK/123/2024"
    r"(?<![\w/-])((?-i:[A-Z]{2,6})[/-]\d{1,6}(?:[/-]\d{1,8})+)(?![\w/-])",
    # "order 12345", "order no. 12345", "order number: AB-12345", "order ID is 12345",
    # "order (12345)", "order49987"
    r"\b(?:orders?|ord\.)" + _KEYWORD_END + _LINK_EN + _LONG_VALUE,
    # the word typed with a letter left out or swapped: "ordr 39021", "odrer BK00912",
    # "zamowenie 12345", "zamuwienie 12345", "закз 12345" (not "oder": German "or")
    r"\b(?:ordr|odrer|oredr|ordre)s?" + _KEYWORD_END + _LINK_EN + _LONG_VALUE,
    r"\bzam(?:[óo]wen|[óou]win|uwien|[óo]wein)[^\W\d_]*" + _KEYWORD_END + _LINK_PL + _LONG_VALUE,
    r"\b(?:закз|зказ|закас)[а-яё]{0,3}" + _KEYWORD_END + _LINK_RU + _LONG_VALUE,
    # "zamówienie nr 12345", "zamowienia o numerze 12345", "zam. 12345" (not a code: "ZAM-88102")
    r"\b(?!(?-i:ZAM[-/]))zam(?:[óo]wie[nń][^\W\d_]*|\.|\b)" + _KEYWORD_END + _LINK_PL + _LONG_VALUE,
    # "nr zamówienia 12345", "numer zamówienia: 12345", "numerem zamówienia 12345"
    r"\b(?:nr\.?|numer\w*)\s+zam(?:[óo]wienia|\.)" + _LINK_PL + _LONG_VALUE,
    # "заказ 12345", "заказу № 12345", "заказом номер 12345", "заказ под номером 12345"
    r"\b(?:заказ(?:а|у|ом|е|ы|ов|ам|ами|ах)?|зак\.)" + _KEYWORD_END + _LINK_RU + _LONG_VALUE,
    # the same typed in Latin letters: "zakaz 12345", "po zakazu nomer 12345"
    r"\b(?:zakaz(?:a|u|om|e|y|ov)?|zak\.)" + _KEYWORD_END + _LINK_TRANSLIT + _LONG_VALUE,
    # "номер заказа 12345", "№ заказа: 12345"
    r"(?:\bномер\w*|№)\s+заказа\b" + _LINK_RU + _LONG_VALUE,
    r"\bnomer\w*\s+zakaza\b" + _LINK_TRANSLIT + _LONG_VALUE,
    # the word for an order in the languages a customer may slip into: "Bestellnummer
    # 103882", "pedido 58001", "commande 58001", "ordine 58001", "замовлення 29307"
    r"\b(?:bestell(?:ung|nummer|nr)?|auftrag(?:snummer)?|pedido|commande|ordine|bestelling|"
    r"objedn[áa]vk[ayu]|замовленн(?:я|і|ям))" + _KEYWORD_END + _LINK_EN + _LONG_VALUE,
    # the number of the customer's order where the shop took it, no colon needed: "Номер
    # моего заказа у вас на сайте Z-88412", "my order number on your website is 40218"
    r"(?:\bномер\w*[ \t]+(?:моего[ \t]+)?заказа|\bmy[ \t]+order[ \t]+(?:number|no\.?)|"
    r"\b(?:nr\.?|numer\w*)[ \t]+(?:mojego[ \t]+)?zam[óo]wienia)(?:[ \t]+(?:у[ \t]+вас|"
    r"(?:на|в)[ \t]+(?:вашем[ \t]+)?(?:сайте|магазине)|with[ \t]+you|(?:on|in)[ \t]+your[ \t]+"
    r"(?:web)?(?:site|shop|store)|u[ \t]+(?:was|pa[ńn]stwa)|na[ \t]+(?:waszej[ \t]+)?stronie|"
    r"w[ \t]+(?:waszym[ \t]+)?sklepie)){0,2}(?:[ \t]+(?:is|was|to|jest|это))?[ \t]*[:#№–—-]?[ \t]*"
    + _LONG_VALUE,
    # where the number was read, then a colon: "Order number from my account: 61447",
    # "order no. in the confirmation e-mail - 61447"
    r"\border[ \t]+(?:number|no\.?|nr|id|ref)[ \t]+(?:from|in|on)[ \t]+(?:my|the|your)[ \t]+"
    r"[\w-]+(?:[ \t]+[\w-]+)?[ \t]*[:#–—-][ \t]*" + _LONG_VALUE,
    # "Numer zamówienia z maila: 000185463", "Номер заказа из письма: 000185463"
    r"\b(?:nr\.?|numer\w*)[ \t]+zam(?:[óo]wienia|\.)[ \t]+(?:z|ze|w|we|na)[ \t]+[\w-]+"
    r"(?:[ \t]+[\w-]+)?[ \t]*[:#–—-][ \t]*" + _LONG_VALUE,
    r"(?:\bномер\w*|№)[ \t]+заказа[ \t]+(?:из|в|во|на|с|со)[ \t]+[\w-]+(?:[ \t]+[\w-]+)?"
    r"[ \t]*[:#–—-][ \t]*" + _LONG_VALUE,
    # a letter prefix and digits in groups: "Order AB 12 345", "Zamówienie ZM 71 220",
    # "Заказ ЗК 71 220"
    r"\b(?:orders?|zam(?:[óo]wie[nń][^\W\d_]*|\.)|заказ(?:а|у|ом|е)?)"
    + _KEYWORD_END
    # the blanks matched possessively: "order" and 40,000 spaces took 6 s split two ways
    + r"(?:[ \t]++(?:nr\.?|no\.?|number|numer|номер|№|#))?(?:[ \t]*+:)?[ \t]++"
    r"((?-i:[A-ZА-ЯЁ]{1,4})[ \t]\d{2,3}(?:[ \t]\d{3})+)(?![\w-]|[ \t]\d|[.,]\d)",
    # a letter prefix, a space, then the digits: "My order HF 400712", "заказ ХТ 40071";
    # the word written in lower case (not "MY ORDER IS 12345" all in capitals), the
    # prefix no word of the link ("order NO 40071"), currency or carrier ("order PLN 1200")
    r"\b(?-i:(?=[^\W\d_][a-zа-яёóń]))(?:orders?|zam(?:[óo]wie[nń][^\W\d_]*)|заказ(?:а|у|ом|е)?)"
    + _KEYWORD_END
    # (atomic: linear on a run of spaces)
    + r"(?>[ \t]*+:?[ \t]*+(?:(?:nr\.?|no\.?|number|numer|номер|№|#)(?![^\W\d_])[ \t]*+:?[ \t]*+)?)"
    r"(?<=[ \t])"
    r"((?!(?-i:NR|NO|ID|IS|REF|NUM|PO|НР|НОМ|SKU|EAN|INV|FV|RMA|NIP|TEL|"
    r"DPD|DHL|UPS|GLS|TNT|EMS|USPS|EVRI|ТТН|СДЭК|ПВЗ|PLN|EUR|USD|GBP|RUB|UAH|CHF|CZK|AUD|CAD|"
    r"NZD|SEK|NOK|DKK|HUF|RON|BGN|KZT|BYN|CNY|JPY|INR|ZAR|SGD|HKD|РУБ|ГРН|"
    # a payment's or a login's code, a size, a country: "zamówienie BLIK 482913", "order XL 1234"
    r"BLIK|PIN|CVV|OTP|SMS|СМС|KOD|КОД|XS|XL|XXL|XXXL|UK|EU|US|USA)\b)"
    r"(?-i:[A-ZА-ЯЁ]{2,4})[ \t]\d{4,8})"
    r"(?![\w-]|[ \t]?\d|[.,/]\d)",
    # digits alone in groups after the words for the order's number: "the order number is
    # 61 4408", "nr zamówienia: 220 418", "номер заказа 12 3456" (two groups, the later
    # of three or four digits, no more groups after: three are a phone's, "501 234 567";
    # not a month and a year)
    r"(?:\border[ \t]+(?:number|no\.?|nr|#)|\b(?:nr\.?|numer\w*)[ \t]+zam(?:[óo]wienia|\.)|"
    r"(?:\bномер\w*|№)[ \t]+заказа)"
    r"(?>[ \t]*+(?:[:#№–-]|\b(?:is|was|to|jest)\b)?[ \t]*+)"
    r"(?!\d{1,2}[ \t](?:19|20)\d\d\b)"
    r"(?<![\d])(\d{2,4}[ \t]\d{3,4})(?![\w-]|[ \t]?\d|[.,/]\d)",
)
DEFAULT_ORDER_PATTERNS = _KEYWORD_PATTERNS + MORE_ORDER_PATTERNS  # and see orderforms

# A subject line that carries a bare number ("Re: 49987", "49987 – late"):
# the number is the e-mail's topic.
# "Delivery to 101000 Moscow": a postcode after a word of place.
_PLACE_BEFORE = re.compile(r"(?i:\b(?:to|do|w|na|в|на|ul|ул)\.?)[ \t]*\Z")
_SUBJECT_VALUE = re.compile(r"(?<![\w#№/.,:-])" + BARE_VALUE, re.IGNORECASE)
_DATE = re.compile(
    r"\d{1,2}([./])\d{1,2}\1\d{2,4}|\d{4}([./-])\d{1,2}\2\d{1,2}|\d{1,2}-\d{1,2}-\d{4}"
)


def _is_date(value: str) -> bool:
    """Whether ``value`` has a date's shape and could be one: "12.03.2024",
    "2024-03-12", "3/12/24"; not "9-14-2207" (no month 14, no year 2207)."""
    if not _DATE.fullmatch(value):
        return False
    parts = re.split(r"[./-]", value)
    year, a, b = (parts[0], parts[1], parts[2]) if len(parts[0]) == 4 else (parts[2], *parts[:2])
    if len(year) == 4 and not 1900 <= int(year) <= 2099:
        return False
    first, second = int(a), int(b)
    return (1 <= first <= 31 and 1 <= second <= 12) or (1 <= first <= 12 and 1 <= second <= 31)


_AMOUNT_AFTER = re.compile(
    r"\s?(?:zł(?![^\W\d_])|zl\b|pln|eur|€|usd|\$|gbp|£|руб|р\.|₽|rub|uah|грн|%|szt|pcs|kg\b|km\b|ml\b|"
    r"cm\b|mm\b|euro|dollar|złot|zlot|рубл|pieces|items|units|pairs|sets|sztuk|par\b|шт|"
    r"times|people|persons|customers|users|os[oó]b|razy|человек|раз\b|"
    # counts of time and of things that are no order: "10000 years", "20000 points"
    r"years|days|hours|minutes|weeks|months|miles|points|followers|lat\b|dni\b|godzin|"
    r"minut|tygodni|miesi[eę]cy|punkt|лет\b|дней|часов|минут|недел|месяц|балл|бонус)",
    re.IGNORECASE,
)


# The default patterns that carry no word for "order" ("#48213", "№ 77-1932",
# "ZAM/2024/0815"): a number the words before them name as something else
# ("invoice #5531", "faktura FV/12/2024", "счёт № 12-34", "tracking # ...") is
# not the order's.
# A document code so named ("ref. AB-2024-00012"; no invoice's, ticket's or return's)
# is still taken when nothing else in the e-mail looks like an order number.
_BARE_ORDER_PATTERNS = frozenset((*DEFAULT_ORDER_PATTERNS[:3], *CONTEXT_ORDER_PATTERNS))
_CODE_PATTERN = DEFAULT_ORDER_PATTERNS[2]
_BARE_PATTERNS_COMPILED = tuple(
    re.compile(p, re.IGNORECASE) for p in (*DEFAULT_ORDER_PATTERNS[:3], *CONTEXT_ORDER_PATTERNS)
)
_NOT_ORDER_CONTEXT = re.compile(
    r"invoice|\binv\b|receipt|faktur|rachun|paragon|\bсч[еe]т|квитанц|чек\b|tracking|\btrack|"
    r"trek|трек|отслеж|накладн|przesylk|paczk|parcel|shipment|consignment|waybill|\bawb|"
    r"отправлени[еяю]|przewozow|\bpackage|\bkont[aouy]\b|\bkoncie|ticket|\bcase\b|\brma\b|complaint|claim|zgloszen|reklamacj|sprawy|обращен|заявк|"
    r"претензи|тикет|\bref\b|reference|account|konto|customer|klienta|клиент|договор|umow|"
    r"contract|\biban|\bcard|karta|карт|transakc|transaction|транзакц|payment|platnos|"
    r"плат[еe]ж|\bsku|serial|seryjn|imei|voucher|coupon|kupon|kod\b|code\b|promo|купон|"
    r"подарочн|сертификат|промокод|"  # a gift card's code: not "код" alone ("мой код QX-1")
    r"\btel\b|telefon|phone|mobile|\bkom\b|komork|\bтел\b|телефон|\bмоб|\bfax|факс|\bnip|"
    r"regon|pesel|\bkrs|\bинн|огрн|\bкпп|\bbik\b|\bбик\b|\bfv\b|\bean\b|\bisbn|postcode|"
    r"post code|\bzip|kod poczt|индекс|\bpin\b|\bbox\b|pudelk|mieszkan|apartment|\bflat\b|квартир|"
    r"\biso\b|\bgtin|\bupc\b|model|модел|artyku|артикул|article|\bart\.|\bарт\.|\bpart\b|"
    # an institution's number ("Школа № 1540", "Przedszkole nr 12", "School No. 4"),
    # a payment order's ("платёжным поручением № 1147")
    r"школ|гимнази|лице[йя]|детск\w* сад|больниц|поликлиник|szkol|przedszkol|szpital|"
    r"\bschool|nursery|hospital|поручени|"
    # a newsletter's or a magazine's issue ("welcome to issue #212 of The Checkout Weekly",
    # "w wydaniu #118", "выпуск № 57"), right before the number; not "an issue with #48213"
    r"\b(?:issue|edition|episode|wydani[eua]|numerze|выпуск\w*)[ \t]*(?:no\.?|nr\.?|#|№)?[ \t]*\Z|"
    r"newsletter|рассылк"
)
# (and a delivery's, in a complaint about it: "reklamację dostawy AP-7710", folded)
_ORDER_WORD = re.compile(
    r"order|\bzam|заказ|zakaz|bestell|pedido|commande|замовл|\bdostaw[yea]\b|\bпоставк[аиуе]\b"
)
# A subscription named right before the number, after a payment's words: "płatności za
# subskrypcję SUB-4451", "payment for my subscription SUB-4451" (folded): what the
# customer asks about, as an order is
_SUBSCRIPTION_WORD = re.compile(r"subscription|subskrypc|abonament|подписк")
# A return's number: "return number R-55120", "numer zwrotu ZW-55120", "номер возврата
# ВЗ-55120" (not "return 58120", which may be the order sent back).
_RETURN_NUMBER = re.compile(
    r"return\s+(?:number|no\b|code|id\b|ref)|numer\w*\s+zwrotu|zwrot\w*\s+(?:nr|numer)|"
    r"номер\w*\s+возврат|возврат\w*\s+(?:№|номер)"
)


# A point that ends an abbreviation, not a sentence: "a tracking no. for 55120?",
# "ul. Długa 5", "тел. 8 912 ..." (folded, at the end of the text before it)
_ABBREVIATION_POINT = re.compile(
    r"(?<![^\W\d_])(?:no|nr|ref|tel|ul|np|art|approx|ca|vs|st|al|os|ст|тел|ул|д|кв|г|им)\.\Z"
)
_NUMBER_WORD = re.compile(r"\b(?:nr|no|numer|number|номер)\b")
_SENTENCE_BREAK = re.compile(r"[.!?]+(?=[ \t])|\n")


def _sentence_start(text: str, start: int, floor: int = 0) -> int:
    """Where the sentence holding ``start`` begins (not before ``floor``): after the
    last ".", "!", "?" or line break before it that is no abbreviation's point."""
    for m in reversed(list(_SENTENCE_BREAK.finditer(text, floor, start))):
        if m.group() == "." and _ABBREVIATION_POINT.search(
            fold_same_length(text[max(floor, m.start() - 8) : m.end()])
        ):
            continue
        return m.end()
    return floor


# A payment named as the time the number was shown, not as what it numbers:
# "po płatności wyświetlił się numer 100442", "after payment the page showed 100442",
# "после оплаты/платежа высветился номер 100442" (folded)
_AFTER_PAYING = re.compile(
    r"\b(?:after|following|po|после)[ \t]+(?:the[ \t]+|my[ \t]+)?"
    r"(?:payment|platnos|zaplac|oplat|плат[еe]ж|оплат)\w*"
)
# The buyer's own number for what it orders, a purchase order: "our internal purchase
# order 2026-HF-014", "nasze zamówienie wewnętrzne ZW-118", "наш внутренний заказ 5521"
# (folded, the words right before the number or the word for the order)
_OWN_PURCHASE_ORDER = re.compile(
    r"(?:\bpurchase|\binternal|wewnetrzn\w*|внутренн\w*)[ \t]+"
    r"(?:(?:orders?|zam\w*|заказ\w*)\b[ \t:#№]*(?:(?:no|nr|number|numer|номер)\b\.?[ \t:#№]*)?)?\Z"
    r"|\b(?:zam[oó]wieni\w*|заказ\w*)[ \t]+(?:wewnetrzn|внутренн)\w*[ \t:#№]*"
    r"(?:(?:nr|numer|номер)\b\.?[ \t:#№]*)?\Z"
)
# "your ref. PO-77820" in a sentence about an order: the shop's own reference for it
_YOUR_REFERENCE = re.compile(r"\byour[ \t]+ref(?:erence)?\b\.?")


def _named_otherwise(text: str, start: int) -> bool:
    """Whether the words right before ``start`` (in its sentence, on its line) name
    the number there as something other than an order (or a listed item's line does)."""
    if orderpick.item_line(text, start) or orderpick.gift_card_code(text, start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    floor = max(line_start, start - 40)
    before = fold_same_length(text[floor:start])
    # a sentence of its own naming the number ("... na platnosc. nr 33019"): the words of
    # the one before do not name it (they do a number with no word: "my account. 1234567")
    own = _sentence_start(text, start, floor)
    if _NUMBER_WORD.search(before[own - floor :]):
        before = before[own - floor :]
    if _OWN_PURCHASE_ORDER.search(before):
        return True
    if orderpick.offer_number(before):
        return True  # "Коммерческое предложение № КП-0724/15", "quote no. Q-5521"
    paid_then = [p.span() for p in _AFTER_PAYING.finditer(before)]
    yours = [y.span() for y in _YOUR_REFERENCE.finditer(before)]
    ordered = _ORDER_WORD.search(before)
    negative = [
        n.end()
        for n in _NOT_ORDER_CONTEXT.finditer(before)
        if not any(a <= n.start() < b for a, b in paid_then)
        and not (
            ordered and ordered.start() < n.start() and any(a <= n.start() < b for a, b in yours)
        )
    ]
    # a return's number names the number right after it, not one further on
    negative += [
        n.end()
        for n in _RETURN_NUMBER.finditer(before)
        if not any(ch.isdigit() for ch in before[n.end() :])
    ]
    negative.sort()
    if not negative:
        return False
    ordering = [*_ORDER_WORD.finditer(before), *_SUBSCRIPTION_WORD.finditer(before)]
    return not any(o.start() >= negative[-1] for o in ordering)


def _words_before(text: str, start: int) -> str:
    """The words before ``start`` on its line (40 characters at most), folded."""
    line_start = text.rfind("\n", 0, start) + 1
    return fold_same_length(text[max(line_start, start - 40) : start])


def _coded_otherwise(value: str) -> bool:
    """Whether a code's own letters name it as something other than an order
    ("SKU-12345", "INV-2024-00012", "ISO-9001")."""
    prefix = re.match(r"[^\W\d_]+", value)
    return bool(prefix and _NOT_ORDER_CONTEXT.fullmatch(fold_same_length(prefix.group())))


# A code whose own letters name it an order's ("ORD-660291", "ZAM-2026-118", "ЗАК-4471"):
# the order's, whatever the words before it ("my parcel (ORD-660291)").
_ORDER_CODE_PREFIX = re.compile(r"(?i:ord|order|zam|zamow|зак|заказ|zakaz|bestell)")


def _coded_as_order(value: str) -> bool:
    """Whether a code's own letters name it as an order's ("ORD-660291")."""
    prefix = re.match(r"[^\W\d_]+", value)
    return bool(prefix and _ORDER_CODE_PREFIX.fullmatch(prefix.group()))


@functools.lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def pattern_value_group(m: re.Match[str]) -> int | str:
    """Which group of an order or field pattern's match holds the value: the
    group named ``order``, else the first group, else the whole match (0)."""
    if "order" in m.re.groupindex:
        return "order"
    return 1 if m.re.groups else 0


# A shop's short code right after a word for the parcel ("my parcel DX-66129", "paczka
# DR-8120", "посылка НТ-31559"): the order's; a carrier's number is longer or has no dash
# ("DPD-12345" after "my parcel" is a carrier's: not the order's)
# (in brackets or with a slash too: "paczka (WR/39920)", "the parcel (KD-44120)")
_PARCEL_CODE = re.compile(
    r"(?!(?:DPD|DHL|UPS|GLS|TNT|USPS|EMS|СДЭК|CDEK|PPL)[-/])[A-ZА-ЯЁ]{2,4}[-/]\d{4,6}"
)
_PARCEL_WORDS = r"(?i:parcel|package|paczk[aięe]|paczce|przesy[łl]k[aięe]|посылк[аиуе])"
_PARCEL_WORD_BEFORE = re.compile(_PARCEL_WORDS + r"(?:[ \t]+|[ \t]*\([ \t]*)\Z")


# What a document or a number is for, right before a code marked as a number ("a tracking
# number for #50213", "an invoice for TT-6021", "faktura do #50213", "чек для №50213"):
# the code is the order's, not the document's own (not a ticket's or a return's, nor a
# carrier's: "tracking for DPD-1234567"; folded)
_FOR_BEFORE = re.compile(
    r"\b(?:for|dla|do|za|для|за)[ \t]*(?:(?:#|№|\bnr\b\.?|\bno\b\.?|\bномер\b)[ \t]*)?\Z"
)
_CARRIER_CODE = re.compile(r"(?i:dpd|dhl|ups|gls|tnt|usps|ems|сдэк|cdek|ppl|inpost)\b")
# a parcel's own number, never an order's: UPS "1Z" + 16, the postal S10 "RR123456785PL",
# or 13 letters and digits or more with no separator
_TRACKING_SHAPE = re.compile(r"(?i:1Z[0-9A-Z]{16}|[A-Z]{2}\d{9}[A-Z]{2}|[0-9A-Z]{13,})")


def _document_for(text: str, start: int, value: str) -> bool:
    """Whether the words before ``start`` say what the document named there is for
    ("a tracking number for #50213"): the code at ``start`` is then the order's."""
    words = _words_before(text, start)
    return bool(
        _FOR_BEFORE.search(words)
        and not orderpick.TICKET_WORD.search(words)
        and not _CARRIER_CODE.match(value)
        and not _TRACKING_SHAPE.fullmatch(value)
    )


def _first(
    text: str,
    patterns: Sequence[Finder],
    *,
    is_order: bool = False,
    fallback: list[str] | None = None,
    elsewhere: frozenset[str] = frozenset(),
    articles: frozenset[str] = frozenset(),
) -> str | None:
    """The earliest match of any pattern in ``text``.

    With ``is_order`` (the default order patterns) a match must look like an
    order number: three digits or more, not a date, not an amount or a
    quantity, not a number the words before it name as something else (a
    document code so named goes to ``fallback`` instead), here or anywhere
    in the e-mail (``elsewhere``: "[#CS-20971]" of a subject when the e-mail
    says "case CS-20971"). A pack's own patterns are trusted as they are.
    """
    best: tuple[int, str] | None = None
    for pattern in patterns:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            group = pattern_value_group(m)
            value = (m.group(group) or "").strip()
            if is_order:
                value = value.rstrip("-/_.,;:")
                if (
                    sum(ch.isdigit() for ch in value) < 3
                    or _is_date(value)
                    or value.upper() in articles
                ):
                    continue
                if _AMOUNT_AFTER.match(text, m.start(group) + len(value)):
                    continue
                if _OWN_PURCHASE_ORDER.search(_words_before(text, m.start(group))):
                    continue  # "our internal purchase order 2026-HF-014": the buyer's own
                if _PARCEL_CODE.fullmatch(value) and _PARCEL_WORD_BEFORE.search(
                    text, max(0, m.start(group) - 20), m.start(group)
                ):
                    pass  # "my parcel DX-66129", "paczka DR-8120": the shop's code of the order
                elif (pattern.pattern in _BARE_ORDER_PATTERNS and not _coded_as_order(value)) and (
                    (
                        _named_otherwise(text, m.start())
                        and not _document_for(text, m.start(), value)
                    )
                    or _coded_otherwise(value)
                    or value.upper() in elsewhere
                ):
                    if (
                        fallback is not None
                        and pattern.pattern == _CODE_PATTERN
                        and orderpick.last_resort_code(text, m.start(), value)
                    ):
                        fallback.append(value)
                    continue
            if value:
                best = (m.start(), value)
                break
    return best[1] if best else None


def _subject_number(subject: str) -> str | None:
    """A bare number the subject line carries ("Re: 49987", "49987 - late"),
    unless the words before it name it as something else ("Ticket 49987")."""
    for m in _SUBJECT_VALUE.finditer(subject):
        value = m.group(1)
        if (
            _AMOUNT_AFTER.match(subject, m.end(1))
            or _named_otherwise(subject, m.start())
            or _coded_otherwise(value)
            or _PLACE_BEFORE.search(subject, max(0, m.start() - 12), m.start())
        ):
            continue
        return value
    return None


# The cost or the time of delivery from or to a place: the number after it is a
# postcode ("доставка из 101000?", "shipping from 10115?", "wysyłka z 00950?")
_DELIVERY_FROM = re.compile(
    r"(?i:\b(?:deliver\w*|shipping|postage|dostaw\w*|wysy[łl]k\w*|доставк\w*|пересылк\w*))"
    r"[ \t]+(?i:from|to|into|z|ze|do|na|из|в|во|до)[ \t]*\Z"  # not "the delivery for 10442?"
)


# A number written bare in the customer's text with no word for it at all ("I ordered
# three things on 49987", "the toaster (49987)", "платье из 49987"): five to eight
# digits standing alone, not a part of a longer run of digit groups ("01632 960001").
_LONE_VALUE = re.compile(r"(?<![\w#№/.,:+-])(?<!\d[ \t])(\d{5,8})(?![\w-]|[.,/]\d|[ \t]?\d)")
# What a bare number after these words is: a price, a quantity, a house.
_PRICE_BEFORE = re.compile(
    r"(?i:\b(?:paid|pay|cost|costs|price|priced|total|amount|sum|spent|refund\s+of|worth|"
    r"charged|billed|debited|obciąż\w*|pobra\w*|списал\w*|списан\w*|"
    r"kosztuje|kosztował\w*|cena|kwota|kwotę|zapłaci\w*|wydał\w*|стоит|стоил\w*|цена|"
    r"сумм\w*|заплатил\w*|оплатил\w*|потратил\w*))[ \t]*\Z"
)
# a capitalised word right before, not opening a sentence: "Springfield 62704"
_CAPITALISED_WORD_BEFORE = re.compile(
    r"(?<![.!?:\n])[ \t]+(?-i:[^\W\d_]*[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ][^\W\d_]+)[ \t]*\Z"
)
_CAPITALISED_WORD_AFTER = re.compile(r"[ \t]+(?-i:[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ])")


# "the blender 20455 model", "12345 tracking": a word after it names it otherwise
_NAMED_AFTER = re.compile(r"[ \t]+(?:model|модел|tracking|trek|трек|invoice|faktur|code|kod|код)")


# "Paczka 19982 przyszła mokra", "the parcel 19982": a parcel named by a number of five
# to eight digits right after the word is the order's (a carrier's is longer)
_PARCEL_BEFORE = re.compile(  # and "parcel for 91276 came but ...", "paczka dla 91276"
    r"(?:^|[.!?,]\s+|\n)(?i:(?:the|my|moja|ta|моя)[ \t]+)?"
    + _PARCEL_WORDS
    + r"[ \t]+(?i:(?:for|dla|для)[ \t]+)?\Z"
)


_ASKED_OR_EXCLAIMED = re.compile(r"(?<=[?!])[ \t]+")


def _same_shape_sibling(region: str, order: str) -> str | None:
    """The one other code in ``region`` written in the shape of ``order`` (its letters
    as they are, as many digits in each run: "1102-458" beside "1101-457", "AB-1201"
    beside "AB-1200"), a second order of the same shop; None when none or several."""
    if not re.search(r"\D", order):
        return None  # digits alone: :func:`_lone_number`'s
    shape = "".join(
        rf"\d{{{len(run)}}}" if run[0].isdigit() else re.escape(run)
        for run in re.findall(r"\d+|\D+", order)
    )
    others = {m.group() for m in re.finditer(rf"(?<![\w-]){shape}(?![\w-])", region)} - {order}
    return others.pop() if len(others) == 1 else None


def _lone_number(body: str) -> str | None:
    """The one number the customer's text carries bare, with no word naming it, when
    nothing else there can be an order's: a message to a shop about a number of five
    to eight digits is about an order. Not a price, a quantity or an amount, not a
    number the words before it name as something else, not a postcode (in an
    address, next to a place's capitalised name: "Springfield 62704", "101000
    Москва"); of two or three such numbers, the one the request is about
    (:func:`~expander.email.orderpick.request_about`), else none."""
    found: dict[str, None] = {}
    tried = 0
    for m in _LONE_VALUE.finditer(body):
        value, start = m.group(1), m.start(1)
        if value in found:
            continue  # written again
        if tried >= 20 or len(found) > 3:
            return None  # a table of numbers: none is the one
        tried += 1
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", start)
        # the words around it on its line (a bounded stretch: a line may be long)
        line = body[max(line_start, start - 80) : min(line_end % (len(body) + 1), start + 80)]
        # an address in another sentence of the line, after a question or an exclamation
        # ("can 21986 go to my work instead? 5 Canal Wharf, Leeds LS11 5PS"), is not its own
        at = start - max(line_start, start - 80)
        line = _ASKED_OR_EXCLAIMED.split(line[:at])[-1] + _ASKED_OR_EXCLAIMED.split(line[at:])[0]
        before = body[max(line_start, start - 30) : start]
        if (
            _AMOUNT_AFTER.match(body, m.end(1))
            or (_named_otherwise(body, start) and not _PARCEL_BEFORE.search(before))
            or _PLACE_BEFORE.search(before)
            or _DELIVERY_FROM.search(before)  # "доставка из 101000?": a postcode
            or _PRICE_BEFORE.search(before)
            or _CAPITALISED_WORD_BEFORE.search(body, max(line_start, start - 40), start)
            or _CAPITALISED_WORD_AFTER.match(body, m.end(1))
            or _NAMED_AFTER.match(fold_same_length(body[m.end(1) : m.end(1) + 20]))
            or looks_like_address(line)
        ):
            continue
        found[value] = None
    if len(found) > 1:
        return request_about(list(found), body)
    return next(iter(found), None)


# The customer's own parcel named by a number of five or six digits, the word for it
# in any case after "my": "w sprawie mojej paczki 20933", "any news about my parcel
# 48120?", "что с моей посылкой 770412" (a carrier's number is longer; "numer mojej
# przesyłki 20933", "the tracking number of my parcel", are the carrier's)
_MY_PARCEL = re.compile(
    r"(?i:\b(?:my|our|mojej|mojego|moją|moja|naszej|nasza|моей|мою|моя|нашей|нашу|моего)[ \t]+"
    r"(?:parcel|package|paczk[aięio]|paczce|paczką|przesy[łl]k[aięio]|przesy[łl]ką|"
    r"посылк[аиуеой]|посылкой|посылочк[аиуеой]))[ \t]+(?:#[ \t]*)?(\d{5,6})"
    r"(?![\w-]|[.,/]\d|[ \t]?\d)"
)
_NUMBER_WORD_BEFORE = re.compile(
    r"(?i:\b(?:number|no\.?|nr\.?|numer\w*|номер\w*|tracking|track|trek\w*|трек\w*|list\w*)"
    r"(?:[ \t]+(?:of|for|od|dla|для|у))?)[ \t]+\Z"
)


def _my_parcel_number(body: str, elsewhere: frozenset[str]) -> str | None:
    """The one number of five or six digits the customer gives for "my parcel", when
    no word before it makes it the carrier's number (not a weight or an amount)."""
    found = {
        m.group(1)
        for m in _MY_PARCEL.finditer(body)
        if not _NUMBER_WORD_BEFORE.search(body, max(0, m.start() - 30), m.start())
        and not _AMOUNT_AFTER.match(body, m.end(1))
        and m.group(1) not in elsewhere
    }
    return found.pop() if len(found) == 1 else None


# A short number after "nr", "no.", "№" or "номер" in a sentence that says the customer
# ordered: "zamowione tydzien temu nr 8831", "I ordered a lamp last week, no. 4417",
# "Оформила заказ неделю назад, номер 6612" (four digits: five or more are taken
# after "nr" anyway); no digit and no capitalised word but a weekday between
# ("zamówiłam kurtkę, ul. Mira nr 8831" is an address)
_ORDERED_NUMBER = re.compile(
    r"(?i:\b(?:ordered|placed|bought|purchased|zam[óo]wi[^\W\d_]*|zamawia[^\W\d_]*|"
    r"kupi[^\W\d_]*|заказал[^\W\d_]*|заказан[^\W\d_]*|заказыва[^\W\d_]*|оформ(?:ил|лен)[^\W\d_]*|"
    r"купил[^\W\d_]*))"
    r"(?:[^.!?\n\dA-ZĄĆĘŁŃÓŚŹŻА-ЯЁ]|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b){0,50}?"
    r"(?i:\b(?:nr|no|numer|number|номер)\b\.?|№)[ \t]*+(?:[:#][ \t]*+)?(\d{4})"
    r"(?![\w-]|[.,/]\d|[ \t]?\d)"
)


# a room's, a shop's, a seat's number or a size in that sentence: "delivered to room no.
# 3101", "w sklepie nr 1234", "в магазине № 1234", "rozmiar nr 3840"
_PLACE_NUMBER = re.compile(
    r"(?i:\b(?:room|hotel|store|shop|office|locker|gate|seat|pok[oó]j\w*|sklep\w*|lokal\w*|"
    r"magazyn\w*|paczkomat\w*|магазин\w*|офис\w*|комнат\w*|павильон\w*|"
    r"size|rozmiar\w*|размер\w*))"
    r"[ \t]+(?i:nr|no|numer|number|номер)?\.?[ \t]*№?[ \t]*\Z"
)


# A letter code alone in brackets after the purchase it names, in that sentence: "Купила
# куртку за 8 990 (N-8812)", "I ordered the wrap dress last week (S-12093)"
_BRACKETED_PURCHASE = re.compile(
    r"(?i:\b(?:ordered|bought|purchased|zam[óo]wi[^\W\d_]*|kupi[^\W\d_]*|заказал[^\W\d_]*|"
    r"купил[^\W\d_]*|приобр[^\W\d_]*))[^.!?\n()]{0,60}?"
    r"\([ \t]*((?-i:[A-ZА-ЯЁ]{1,3})-?\d{4,8})[ \t]*\)"
)


def _bracketed_purchase_code(body: str, elsewhere: frozenset[str]) -> str | None:
    """The code in brackets after a purchase (:data:`_BRACKETED_PURCHASE`), unless the
    e-mail names it as something else (an article's, a return's)."""
    for m in _BRACKETED_PURCHASE.finditer(body):
        if m.group(1).upper() not in elsewhere and not _coded_otherwise(m.group(1)):
            return m.group(1)
    return None


def _ordered_number(body: str, elsewhere: frozenset[str]) -> str | None:
    """The four-digit number after "nr" in a sentence that says the customer ordered."""
    for m in _ORDERED_NUMBER.finditer(body):
        value = m.group(1)
        if (
            _named_otherwise(body, m.start(1))
            or _PLACE_NUMBER.search(body, max(0, m.start(1) - 30), m.start(1))
            or value in elsewhere
            or _AMOUNT_AFTER.match(body, m.end(1))
        ):
            continue
        return value
    return None


# A question about a number bare after a preposition, in a question about an order
# or a parcel: "whats the tracking number for 10442??", "how do i send back the boots
# from 88-1204?", "jaki jest numer przesyłki dla 10443?", "где посылка по 10444?"
_ASKED_ABOUT = re.compile(
    r"(?i:\b(?:for|from|of|on|dla|z|ze|od|для|из|по|от))[ \t]++(?:#[ \t]*+)?"
    r"(\d{5,8}|\d{2,4}-\d{4,6})(?![\w-]|[.,/]\d|[ \t]\d)[^.!?\n]{0,40}?\?"
)
_ORDER_OR_PARCEL = re.compile(
    r"order|parcel|package|track|deliver|ship|send\s+(?:it\s+)?back|return|refund|exchange|"
    r"zamowi|paczk|przesylk|zwrot|wysyl|dostaw|odes[lł]a|заказ|посылк|трек|доставк|возврат|"
    r"вернуть|отправ"
)


def _asked_about(body: str, elsewhere: frozenset[str]) -> str | None:
    """The number a question about an order or a parcel is about, written bare after
    a preposition ("the tracking number for 10442?"); not a date or an amount, nor
    a postcode a delivery goes from or to ("доставка из 101000?")."""
    for m in _ASKED_ABOUT.finditer(body):
        value = m.group(1)
        # "a tracking no. for 55120?": one sentence (looked for on its line, 200 characters
        # back at most: from the text's start for each match was quadratic)
        line_start = body.rfind("\n", 0, m.start()) + 1
        start = _sentence_start(body, m.start(), max(line_start, m.start() - 200))
        sentence = fold_same_length(body[start : m.end()])
        if (
            _DELIVERY_FROM.search(body, max(start, m.start() - 40), m.start(1))
            or _is_date(value)
            or value.upper() in elsewhere
            or _AMOUNT_AFTER.match(body, m.end(1))
            or _CAPITALISED_WORD_AFTER.match(body, m.end(1))  # a postcode: "from 00-950 Warszawa"
            or not _ORDER_OR_PARCEL.search(sentence)
        ):
            continue
        return value
    return None


# A number written bare right after a question about the customer's order or parcel:
# "Где мой заказ?!! 39-0045 оплачен 20 ноября", "Where's my order?? 39-0045 was paid"
_AFTER_ORDER_QUESTION = re.compile(
    r"(?i:\bwhere(?:'s|’s|[ \t]+is)[ \t]+my[ \t]+(?:order|parcel|package)|"
    r"\bgdzie[ \t]+(?:jest[ \t]+)?(?:moje[ \t]+zam[óo]wienie|moja[ \t]+paczka)|"
    r"\bгде[ \t]+(?:мой[ \t]+заказ|моя[ \t]+посылка))[ \t]*[?!]+[ \t]*#?"
    r"(\d{2,8}(?:-\d{2,8})?)(?![\w-]|[.,/:]\d|[ \t]\d)"  # not "07700 900123", a phone
)
_POSTCODE = re.compile(r"\d{2}-\d{3}")


def _after_order_question(body: str, elsewhere: frozenset[str]) -> str | None:
    """The number written bare right after "where's my order?" (five to eight
    digits, a dash between them or not); not a date, a postcode, an amount, a phone."""
    for m in _AFTER_ORDER_QUESTION.finditer(body):
        value = m.group(1)
        if (
            not 5 <= sum(ch.isdigit() for ch in value) <= 8
            or _is_date(value)
            or _POSTCODE.fullmatch(value)
            or value.upper() in elsewhere
            or _AMOUNT_AFTER.match(body, m.end(1))
        ):
            continue
        return value
    return None


def _named_otherwise_anywhere(regions: Iterable[str]) -> frozenset[str]:
    """The numbers and codes (upper case) that the words before them name as
    something other than an order somewhere in ``regions`` ("case CS-20971",
    "ticket #88412", "номер возврата RMA-44017"): written bare elsewhere, in a
    subject's "[#CS-20971]" or a reply's "about CS-20971", they are still not
    the order's."""
    found: set[str] = set()
    for region in regions:
        for pattern in _BARE_PATTERNS_COMPILED:
            for m in pattern.finditer(region):
                value = (m.group(1) or "").strip().rstrip("-/_.,;:")
                if (
                    value
                    and not _coded_as_order(value)
                    and _named_otherwise(region, m.start(1))
                    and not _document_for(region, m.start(1), value)
                ):
                    found.add(value.upper())
    return frozenset(found)


_TAG = re.compile(r"\[([^\[\]\n]{1,40})\]")
_TAG_CODE = re.compile(r"#?\s*((?:[^\W\d_]{1,5}-?)?\d[\w/-]{2,})")


# An item's own code so named: "арт. BT-0147", "SKU: LF-22", "kod produktu 44021"; "у меня
# в заказе BT-0147" then cites the item, not the order
_ARTICLE_CODE = re.compile(
    r"(?i:\bartyku\w*|\bартикул\w*|\barticle|\bart\.|\bарт\.|\bsku|\bkod produktu|"
    r"\bproduct code|\bitem (?:no|code|number))\W{0,3}([\w-]{3,30})"
)


def _ticket_tags(subject: str) -> frozenset[str]:
    """The codes a helpdesk tags a subject with in square brackets ("Re: [#CS-20971]
    Missing panel", "[Ticket 88412]"), upper case: a ticket's, not the order's,
    unless the tag or the words right before it say "order" ("[Order #48213]",
    "Your order [#48213] has shipped")."""
    found: set[str] = set()
    for m in _TAG.finditer(subject):
        if not _ORDER_WORD.search(fold_same_length(subject[max(0, m.start() - 20) : m.end()])):
            found.update(c.group(1).upper() for c in _TAG_CODE.finditer(m.group(1)))
    return frozenset(found)


# A code of digits, a dash and digits opening the subject line ("40-88126 — «вручено»,
# но не получено", "Re: 12-40771 nie dotarło"): the e-mail's topic, as a bare number is;
# not a date ("12-2024"), a postcode ("00-950") or a phone ("0800-123456")
_SUBJECT_CODE = re.compile(
    r"\A[ \t]*(?:(?i:re|fwd?|aw|odp|отв|ответ)[ \t]*:[ \t]*)*#?[ \t]*(\d{2,4})-(\d{4,6})"
    r"(?![\w-]|[.,/:]\d|[ \t]?\d)"
)


def _subject_code(subject: str) -> str | None:
    """The code of digits, a dash and digits that opens the subject line, if it can be
    an order's: five to eight digits, not a month and a year, not an amount."""
    m = _SUBJECT_CODE.match(subject)
    if m is None:
        return None
    head, tail = m.group(1), m.group(2)
    if (
        not 5 <= len(head) + len(tail) <= 8
        or (len(tail) == 4 and 1900 <= int(tail) <= 2099)  # "12-2024", "2023-2024"
        or (len(head), len(tail)) == (3, 4)  # a phone number: "555-1234 please call me"
        or _AMOUNT_AFTER.match(subject, m.end())
    ):
        return None
    return f"{head}-{tail}"


# A code of a capital letter (and up to five more letters or digits), a dash and
# digits in the subject line: "Invoice for A7-30045", "Zmiana adresu – A-20261203-17"
_SUBJECT_LETTER_CODE = re.compile(
    r"(?<![\w/.-])((?-i:[A-Z][A-Z\d]{0,5})-\d{4,10}(?:-\d{1,8})*)(?![\w/-]|[.,]\d)"
)
# "invoice for", "faktura do", "счёт на": what the document is for follows
_DOCUMENT_FOR = re.compile(r"(?i:\b(?:for|do|dla|na|на|для|по|к))[ \t]*\Z")


def _subject_letter_code(subject: str, body: str) -> str | None:
    """The code of letters, a dash and digits (five digits or more) the subject line
    carries, when the customer's text speaks of an order without giving its number
    ("could you send an invoice for this order?"); not a code the words before it
    name as something else ("Ticket T-40112"), unless they say what it is for
    ("Invoice for A7-30045")."""
    if not _ORDER_WORD.search(fold_same_length(body)):
        return None
    for m in _SUBJECT_LETTER_CODE.finditer(subject):
        value = m.group(1)
        if sum(ch.isdigit() for ch in value) < 5 or _coded_otherwise(value):
            continue
        words = _words_before(subject, m.start())
        if _named_otherwise(subject, m.start()) and not orderpick.code_named_for(
            words, _DOCUMENT_FOR, value
        ):
            continue
        return value
    return None


def find_order(
    clean: CleanEmail,
    current: list[str],
    pack_orders: list[OwnPattern],
    default_orders: list[re.Pattern[str]],
    include_defaults: bool,
) -> str | None:
    """The order number, most trusted first: a pack's or a default pattern in
    the customer's text (body, then signature); a number written bare that
    the body's words or the subject line make an order's; the patterns in the
    quoted messages; last a document code named otherwise."""
    # a card's number or an IBAN is never the order, nor a part of it: hidden first
    clean, current = without_payment_numbers(clean, current)
    named_otherwise: list[str] = []
    body, quoted = without_links(clean.body), without_links(clean.quoted)
    elsewhere = _named_otherwise_anywhere((body, without_links(clean.signature), quoted))
    elsewhere |= _ticket_tags(clean.subject)
    articles = frozenset(
        m.group(1).upper() for m in _ARTICLE_CODE.finditer(f"{body}\n{quoted}") if m.group(1)
    )

    def patterns(region: str, skip: frozenset[str] = frozenset()) -> str | None:
        return _first(region, pack_orders) or _first(
            without_links(region),
            default_orders,
            is_order=True,
            fallback=named_otherwise,
            elsewhere=elsewhere,
            articles=articles | skip,
        )

    context = [_compile(p) for p in CONTEXT_ORDER_PATTERNS] if include_defaults else []
    for region in current:
        if order := patterns(region):
            if stays(region, order) and (
                acted := _first(without_links(region), context, is_order=True)
                or _lone_number(region)  # "два заказа: 38801 и 38802. Первый (38801) оставляем"
                or _same_shape_sibling(region, order)  # "1101-457 оставьте, а 1102-458 ..."
            ):
                return acted  # "don't ship 49987, the second order 49990 stays"
            if carrier_named(region, order) and (
                own := patterns(region, frozenset([order.upper()])) or _lone_number(region)
            ):
                return own  # "СДЭК: Заказ 1387750092 доставлен" ... "мой заказ у вас № 56120"
            others = functools.partial(patterns, region, frozenset([order.upper()]))
            if own := orderpick.better_than_first(region, order, others):
                return own  # "cudza paczka ... zamówienie 11111-2. Zamawiałam ..., 11111"
            return orderpick.listed_request(region, order) or order  # "– 62301 i 62304"
    if include_defaults:
        subject = _subject_number(clean.subject) or _subject_code(clean.subject)
        if order := (
            _first(body, context, is_order=True, elsewhere=elsewhere)
            or (subject if subject and subject.upper() not in elsewhere else None)
            or (
                code
                if (code := _subject_letter_code(clean.subject, body))
                and code.upper() not in elsewhere
                else None
            )
            or _lone_number(body)
            or orderpick.paid_subject_code(clean.subject, body)
            or orderpick.subject_end_code(clean.subject, body)
            or _asked_about(body, elsewhere)
            or _after_order_question(body, elsewhere)
            or _ordered_number(body, elsewhere)
            or _bracketed_purchase_code(body, elsewhere)
        ):
            return order
    if order := patterns(clean.quoted):
        return order
    if include_defaults and (order := _my_parcel_number(body, elsewhere)):
        return order  # "w sprawie mojej paczki 20933": no order named anywhere else
    if include_defaults and (
        order := _first(quoted, context[:1], is_order=True, elsewhere=elsewhere)
    ):
        return order  # a shop's code in a message forwarded under the text ("... was GT-61733")
    if named_otherwise and not is_non_customer("", cleaned=clean):
        # a document code so named is a customer's ("my reference is AB-...", no invoice's),
        # not the reference of a notice no customer sends ("Dear Merchant ... Ref: SEC-...")
        return named_otherwise[0]
    return None
