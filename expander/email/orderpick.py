"""Which of the order numbers an e-mail gives its request is about (for
:mod:`expander.email.orders`).

- A number the customer leaves as it is is not the one acted on: "the second order
  49990 stays", "drugie zamówienie 49990 zostaje", "второй (57035) оставляем", "Keep
  70012 going", "zostawcie 70012", "66801 пусть едет", "55120 ostav'te" (Russian in
  Latin letters); nor one that came and is fine
  ("40917 ... arrived last week, no problem there", "81200 doszło bez problemu").
- A number on a marketplace notice's item line ("Item: Dinner Set (#395411207781)") is
  the listing's, not the order's, and so is a product set's or kit's number named so
  right before it ("the LEGO set 10316", "zestaw LEGO 10316", "набор 10316"; not "my
  set order 10316") (:func:`item_line`).
- Of a few numbers written bare, with no word for them, the one the customer writes
  again, asking about it ("two orders - 90114 and 89702 ... For 90114 could you change
  the address"), when that is one only; or the one left when the others stay.
- A number a courier's message names ("СДЭК: Заказ 1387750092 доставлен", an SMS
  quoted in the text) is the carrier's own, not the shop's, when the customer gives
  another one too ("мой заказ у вас № 56120").
- Of the numbers listed together after the word for the order ("zamówienie – 62301 i
  62304"), the one the request writes again ("Proszę anulować to drugie, 62304").
- A marketplace message's item number ("Re: Item #334920118742") is not the order's
  when the message labels another one so ("Order number: 23-11942-77305";
  :func:`labelled_over_item`).
- A number in a link is no order's (:func:`without_links`).
- A code of capitals, a dash and digits ending the subject line after a dash ("Bike
  arrived damaged - BIK-20931") is the order's when the text gives no number and
  nothing names the code as a model's, a ticket's or a return's
  (:func:`paid_subject_code`, which takes the subject of a payment too).
- In an e-mail about someone else's parcel ("przyszła do mnie cudza paczka", "это чужая
  посылка"), a number the customer calls their own ("I ordered a kettle, my order is
  55777") is theirs, not the one named first, the other buyer's on the slip
  (:func:`own_over_anothers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from expander.textfold import fold_same_length

__all__ = [
    "TICKET_WORD",
    "better_than_first",
    "carrier_named",
    "code_named_for",
    "gift_card_code",
    "item_line",
    "paid_subject_code",
    "subject_end_code",
    "last_resort_code",
    "listed_request",
    "offer_number",
    "request_about",
    "own_over_anothers",
    "stays",
    "without_links",
]

# The words of a ticket, a case, a complaint or a return: a code so named is never
# the order's, not even as a last resort.
TICKET_WORD = re.compile(
    r"ticket|\bcase\b|\brma\b|complaint|claim|zgloszen|reklamacj|sprawy|обращен|заявк|претензи|"
    r"тикет|return|zwrot|возврат"
)
# A subject's topic of payment, then a dash or a colon and the code: "Płatność –
# OZ-20240211-093", "Payment: AB-20931", "Оплата — ЗК-20931" (folded): what the message
# is about, the order's payment, not the name of the code (a transaction's is named so)
_PAYMENT_WORDS = r"(?:payment|platnosc|oplata|оплата|плат[её]ж)"  # folded
_PAYMENT_TOPIC = re.compile(r"(?:^|[\s:])" + _PAYMENT_WORDS + r"[ \t]*[–—:-][ \t]*\Z")


# A payment's own code: a transaction's, a transfer's or a payment id's letters
# ("TX-2024021109", "TRN-88120", "PAY-20931", "BLIK-..."): the payment, not the order
_PAYMENT_CODE = re.compile(r"(?i:tx|txn|trx|trn|trans|pay|pmt|blik|przelew|плат)\W")


def code_named_for(words: str, document_for: re.Pattern[str], code: str = "") -> bool:
    """Whether the folded ``words`` before a ``code`` in the subject line say what it is
    for ("Invoice for A7-30045", ``document_for``) or give the payment as the topic
    ("Płatność – OZ-20240211-093", not a payment's own code "TX-2024021109"), not a
    ticket's or a return's words."""
    topic = _PAYMENT_TOPIC.search(words) and not _PAYMENT_CODE.match(code)
    said = document_for.search(words) or topic
    return bool(said) and not TICKET_WORD.search(words)


# A subject that is the payment of one code and nothing else: "Payment - AB-20931",
# "Płatność: AB-20931", "Оплата — АБ-20931" (folded; the code last on the line)
_PAYMENT_SUBJECT = re.compile(
    r"^(?:(?:re|fwd?|odp|aw|ответ)[ \t]*:[ \t]*)*"
    + _PAYMENT_WORDS
    + r"[ \t]*[–—:-][ \t]*(?P<code>[a-zа-яё][a-zа-яё\d]{0,5}-\d{5,10})[ \t.!]*$"
)
# A code whose letters name another document than an order: a payment reference, a
# purchase order (the buyer's own), a credit note, a service request, an air waybill,
# an account's or a customer's number (folded)
_OTHER_DOCUMENT_CODE = re.compile(r"(?:ref|po|cn|sr|req|awb|acc|acct|cus|cust|kl|лс)-")
# The codes that are not an order's, whatever the subject's topic: a parcel's, a
# tracking number's, a transaction's, an invoice's, a return's or a ticket's
_NOT_PAID_FOR = re.compile(
    r"track|parcel|paczk|przesyl|посылк|отправлен|трек|transac|transak|транзак|"
    r"invoice|faktur|сч[её]т|rma|ticket|zgloszen|заявк|обращен|waybill|credit note|"
    r"purchase order|account n|customer n|numer klienta|nr klienta|номер клиента|лицев"
)


def paid_subject_code(subject: str, body: str) -> str | None:
    """The code of a subject line that is the payment of one code ("Payment - AB-20931")
    when neither it nor the text names the code as a parcel's, a tracking number's, a
    transaction's, an invoice's, a return's or a ticket's, and it is no payment's own
    code ("TX-2024021109"): the order paid for, the text giving no other."""
    m = _PAYMENT_SUBJECT.match(fold_same_length(subject.strip()).lower())
    if m is None:
        return None
    code = m.group("code")
    if _PAYMENT_CODE.match(code) or _INVOICE_CODE.match(code):
        return None
    if _OTHER_DOCUMENT_CODE.match(code):
        return None
    text = fold_same_length(f"{subject}\n{body}").lower()
    if _NOT_PAID_FOR.search(text) or TICKET_WORD.search(text):
        return None
    return subject.strip()[m.start("code") : m.end("code")]


# A code of capitals, a dash and four digits or more that ends the subject line after a
# dash, the subject's topic before it: "Bike arrived damaged - BIK-20931", "Zły rozmiar –
# KSK-30871", "Не тот цвет — ЗК-20931" (not "XR-200", a model's three digits, nor a date)
_SUBJECT_END_CODE = re.compile(r"[ \t][–—-][ \t]*(?P<code>[A-ZА-ЯЁ]{1,5}-\d{4,10})[ \t.!]*\Z")
# The topic's words that name such a code as something else than an order: a product's
# model, part or serial number, a warranty's (folded); a ticket's, a parcel's, an
# invoice's words are TICKET_WORD's and _NOT_PAID_FOR's
_PRODUCT_CODE_WORD = re.compile(
    r"model|модел|\bpart\b|\bparts\b|cz[eę]s[cć]|детал|artyku|артикул|\bsku\b|serial|"
    r"seryjn|серийн|\bitem[ \t]+(?:no|number|code)|kod[ \t]+produktu|warrant|gwarancj|гаранти"
)
# A code whose letters are a ticket's, a case's, a return's or a complaint's
_TICKET_CODE = re.compile(r"(?:tkt|tick|ticket|case|cs|rma|ret|inc|req|zgl|rekl|rek|тик|обр)-")
# A number in the text that a rule on the text itself may take for the order: five to
# eight digits, digits in two groups ("12-4471"), a code in brackets, four digits after
# "nr" (the text's number wins over the subject's)
_TEXT_NUMBER = re.compile(
    r"(?<![\w.,/-])\d{5,8}(?![\w-])|(?<![\w.,/-])\d{2,4}-\d{4,6}(?![\w-])|"
    r"\([ \t]*[A-ZА-ЯЁ]{1,3}-?\d{4,8}[ \t]*\)|(?i:\b(?:nr|no|numer|number|номер)\b\.?|№)[ \t]*\d{4}"
)


def subject_end_code(subject: str, body: str) -> str | None:
    """The code of capitals, a dash and four digits or more that ends the subject line
    after a dash ("Bike arrived damaged - BIK-20931"), when the text gives no number of
    its own and neither the subject nor the text names the code as something else: a
    ticket's, a return's, a parcel's, an invoice's, a product's model or part ("Wrong
    part - model XR-2000", "Refund - RMA-20931"); a payment's subject ("Payment -
    AB-2093") is left to the payment's rule."""
    m = _SUBJECT_END_CODE.search(subject)
    if m is None:
        return None
    code = m.group("code")
    folded = fold_same_length(code).lower()
    if any(p.match(folded) for p in (_PAYMENT_CODE, _INVOICE_CODE, _TICKET_CODE)):
        return None
    if _OTHER_DOCUMENT_CODE.match(folded) or _names_another(subject[: m.start()]):
        return None
    if re.search(_PAYMENT_WORDS, fold_same_length(subject[: m.start()]).lower()):
        return None  # a payment's subject: the rule of a payment's code alone decides
    if _TEXT_NUMBER.search(body.replace(code, "")):
        return None  # the text's own number, which the rules on the text weigh
    for at in (i.start() for i in re.finditer(re.escape(code), body)):
        if _names_another(body[max(0, at - 30) : at]):
            return None  # "the model BIK-20931", "ticket BIK-20931" in the text
    return code


def _names_another(words: str) -> bool:
    """Whether ``words`` name a code as something other than an order: a ticket's, a
    return's, a parcel's, an invoice's, a product's model or part."""
    folded = fold_same_length(words).lower()
    return any(p.search(folded) for p in (_NOT_PAID_FOR, TICKET_WORD, _PRODUCT_CODE_WORD))


# Nor is an invoice's, a receipt's or a bill's code ("invoice, number INV-2024-10331",
# "faktura FV/12/2024", "счёт № 12-34"): the customer who gives one has no order number
# to give (folded words; a code's own letters: "INV-...", "FV/...")
_INVOICE_WORD = re.compile(
    r"invoice|\binv\b|receipt|faktur|\bfv\b|rachun|paragon|сч[еe]т|квитанц|чек\b"
)
_INVOICE_CODE = re.compile(r"(?:inv|fv|faktura|сч)[-/ ]?\d")


# A supplier's commercial offer, quotation, proposal or price list ("Коммерческое
# предложение № КП-0724/15", "oferta handlowa nr OF-2024/115", "quotation #Q-55123",
# "proposal ref P-7710"): its number is never the shop's order (folded)
_OFFER_WORDS = (
    r"коммерческ\w*[ \t]+предложени|\bкп\b|\boferta\b|\bofert[yęe]\b|\bofercie\b|cennik|"
    r"\bquote\b|quotation|proposal|commercial[ \t]+offer|price[ \t]*list|прайс"
)
# only right before its number, perhaps with a number's sign and the offer's kind ("quote
# no. Q-5521", "oferta handlowa nr 12/2024", "КП № 15"): not "the quote mug #44129",
# "według oferty, numer 44137"
_OFFER_RIGHT_BEFORE = re.compile(
    rf"(?:{_OFFER_WORDS})\w*(?:[ \t]+(?:handlow|cenow|indywidualn|specjaln|ценов|индивидуальн)\w*)?"
    r"[ \t]*(?:no\.?|nr\.?|#|№|number|numer|номер|ref\.?)?[ \t]*\Z"
)
# an order named earlier in the sentence keeps the number the order's ("I placed the
# order from your quote, #44120", "Заказ оформлен по прайсу, № 44138") (folded)
_ORDER_BEFORE = re.compile(r"order|\bzam[oó]w|заказ|\bzakaz")


def offer_number(words_before: str) -> bool:
    """Whether ``words_before`` (folded, the words before a number on its line) name
    the number a supplier's offer's, quotation's or price list's right before it, and
    name no order before that."""
    offer = _OFFER_RIGHT_BEFORE.search(words_before)
    return offer is not None and not _ORDER_BEFORE.search(words_before[: offer.start()])


# A gift card's, a voucher's or a promotion's code ("gift card code GC-7731-...", "kod karty
# podarunkowej", "код сертификата"): what the customer pays with, not an order (folded)
_GIFT_WORD = re.compile(
    r"gift\s*card|giftcard|voucher|coupon|promo|kupon|\bbon\b|\bkarty\b|podarunkow|"
    r"upominkow|подарочн|сертификат|купон|промокод|карты\b"
)
_CODE_WORD_LAST = re.compile(r"(?:code|kod|код)\W*\Z")


def _about_a_gift_card(text: str) -> bool:
    # not cached: a cache keyed on the text would keep customers' e-mails in memory
    return _GIFT_WORD.search(fold_same_length(text)) is not None


def gift_card_code(text: str, start: int) -> bool:
    """Whether the code at ``start`` in ``text`` is named a "code" alone ("Код
    GC-7731-5590.") in a text about a gift card or a voucher: the card's code."""
    line_start = text.rfind("\n", 0, start) + 1
    words_before = fold_same_length(text[max(line_start, start - 40) : start])
    return _CODE_WORD_LAST.search(words_before) is not None and _about_a_gift_card(text)


def last_resort_code(text: str, start: int, value: str) -> bool:
    """Whether a code at ``start`` in ``text`` that the words before it name as
    something other than an order may still be taken as the order's when the e-mail
    gives no other number: a document's code that is no ticket's, return's or
    invoice's ("ref. AB-12345"), nor a gift card's or a voucher's (named so, or a
    "code" alone in a text about one: "... подарочную карту ... Код GC-7731-5590")."""
    line_start = text.rfind("\n", 0, start) + 1
    words_before = fold_same_length(text[max(line_start, start - 40) : start])
    return not (
        TICKET_WORD.search(words_before)
        or _INVOICE_WORD.search(words_before)
        or _INVOICE_CODE.match(fold_same_length(value))
        or _GIFT_WORD.search(words_before)
        or offer_number(words_before)
        or (_CODE_WORD_LAST.search(words_before) and _about_a_gift_card(text))
    )


# A number the customer leaves as it is: "the second order 49990 stays", "drugie
# zamówienie 49990 zostaje", "второй заказ 49990 оставьте", "the other order is 49985,
# keep that one", "второй (57035) оставляем".
# (no other number between: "64410, 64475: 64475 stays" leaves 64410 to act on)
_STAYS = re.compile(
    r"[^.!?\n\d]{0,30}?(?i:\b(?:stays?|remains?|can stay|"
    r"keep(?:ing)?[ \t]+(?:it|that|this)(?:[ \t]+one)?|is fine|we keep|zostaje|zostaw\w*|"
    r"pozostaje|niech zostanie|остаётся|остается|оставьте|оставить|оставляю|оставляем|"
    r"пусть остается|"
    # and in Latin letters: "1101-457 ostav'te", "ostavlyaem", "ostaetsya"
    r"ostav['’]?te|ostavit['’]?|ostavlya(?:yu|em)|osta(?:e|ye|yo|jo)tsya))(?!\w)"
    # the clause ends there: not "49990 remains unpaid"
    r"(?=[ \t]*(?:[.,!;)\n]|\Z|(?i:as it is|as is|unchanged|bez zmian|как есть|без изменений)))"
)
# An order let go on as it is: "66801 пусть едет", "78012 can go ahead" (settled: see
# :func:`_settled`)
_GOES_AHEAD = re.compile(
    r"[^.!?\n\d]{0,30}?(?i:\b(?:пусть (?:едет|ид[её]т)|pust['’]? (?:edet|idet|idyot)|"
    r"niech (?:jedzie|idzie)|can go ahead))\b"
    r"(?=[ \t]*(?:[.,!;)\n]|\Z))"
)
_MENTIONS_LOOKED_AT = 10  # a number written more often than that is in a table


def _mentions(region: str, value: str) -> list[int]:
    """Where ``value`` is written in ``region`` as a number of its own (not a part of
    a longer one), at most :data:`_MENTIONS_LOOKED_AT` times."""
    found: list[int] = []
    at, tries = region.find(value), 0
    while at >= 0 and len(found) < _MENTIONS_LOOKED_AT and tries < 100 * _MENTIONS_LOOKED_AT:
        end, tries = at + len(value), tries + 1
        if not (at and region[at - 1].isalnum()) and not region[end : end + 1].isalnum():
            found.append(at)
        at = region.find(value, at + 1)
    return found


# The same said before the number: "Keep 70012 going", "keep order 70012 as it is",
# "zostawcie 70012", "оставьте 70012" (not "keep 70012 on hold": an action on it)
_KEEP_BEFORE = re.compile(r"(?i:\bkeep[ \t]+(?:order[ \t]+)?)#?[ \t]*\Z")
_KEEP_AFTER = re.compile(r"[ \t]+(?i:going|as[ \t]+it[ \t]+is|as[ \t]+is|active|open|running)\b")
_LEAVE_BEFORE = re.compile(
    r"(?i:\bzostawcie|\bzostawiamy|\bоставьте|\bоставляем|\bostav['’]?te|\bostavlyaem)"
    r"(?:[ \t]+(?i:prosz[eę]|пожалуйста|please),?)?"  # "Zostawcie proszę 81200"
    r"(?:[ \t]+(?i:zam[óo]wienie|заказ))?"
    r"[ \t]+(?:nr[ \t]*|№[ \t]*|#)?\Z"
)


# An order settled: it came and all is well, in the sentence that writes it ("40917 (the
# lamp) arrived last week, no problem there", "81200 doszło bez problemu", "66801 пришёл,
# всё в порядке"); not "41266 arrived broken" (see :func:`_settled` for the rest)
_ARRIVED_FINE = re.compile(
    r"[^.!?\n\d]{0,50}?(?i:\b(?:arrived|came|was delivered|got here|przysz[łl]\w{0,3}|"
    r"dosz[łl]\w{0,3}|dotar[łl]\w{0,3}|dostarczon\w{0,3}|пришл\w{0,2}|пришёл|пришел|"
    r"доставлен\w{0,2}|получил\w{0,2}))\b[^.!?\n\d]{0,30}?"
    r"(?i:\b(?:fine|ok|okay|safely|no problems?|all good|perfect|bez problem[óu]w?|"
    r"w porz[aą]dku|ca[łl][aey]|без проблем|в порядке|нормально|вс[её] хорошо))\b"
    # and more of the same: "came ok no problems", "dotarła cała, dzięki"
    r"(?:[ \t,;-]*(?i:no problems?|all good|thanks?|thank you|cheers|dzi[eę]ki|bez problem[óu]w?|"
    r"wszystko ok|спасибо|без проблем|вс[её] хорошо|в порядке)\b){0,3}"
)
# A number written in the text (an order's shape)
_ANY_NUMBER = re.compile(r"(?<![\w-])(?:[A-Za-z]{1,3}-?\d{4,8}|\d{5,8})(?![\w-])")
# A turn after the settled words, in any form: "but", "ale", "только", "но", "though"...
# that is no other order's own clause ("78001 arrived fine, but 78002 is still
# processing": the other number within three words after it)
_TURN = re.compile(
    r"(?i:\b(?:but|though|although|except|however|ale|lecz|tylko|jednak|но|только|однако|"
    r"правда)\b)"
)
_TURN_TO_NUMBER = re.compile(
    r"(?i:\b(?:but|ale|lecz|но|однако|а(?:[ \t]+вот)?|a)\b)[ \t,]*(?:[^\W\d_]+[ \t]+){0,3}"
    r"(?:#|№|nr[ \t]*)?\d"
)
# A request or a problem: what the customer wants done, or what went wrong
_REQUEST_OR_PROBLEM = re.compile(
    r"(?i:\b(?:please|pls|plz|could|can|would|i['’]d|want|need|like|cancel\w*|refund\w*|"
    r"return\w*|change|add|swap|exchange|still|yet|not|no|never|n['’]t|missing|broken|"
    r"chipped|cracked|damaged|faulty|wrong|gone|lost|processing|waiting|where|problem|issue|"
    r"prosz[eę]|prosimy|chc[eę]|chcia\w*|anuluj\w*|zwr[óo]\w*|wymian\w*|zmie[nń]\w*|nadal|"
    r"wci[aą][żz]|jeszcze|nie|brak\w*|czekam|gdzie|uszkodz\w*|прошу|пожалуйста|хочу|хотел\w*|"
    r"отмен\w*|верн\w*|возврат\w*|поменя\w*|измен\w*|замен\w*|ещ[её]|до сих пор|нет|не|жду|"
    r"где|брак\w*|разбит\w*|сломан\w*|"
    # Russian in Latin letters: "a 66802 otmenite pozhaluysta"
    r"otmen\w*|pozhal\w*|proshu|khochu|vernite|vozvrat\w*|pomenya\w*|zamen\w*)\b)"
)
# A pronoun that takes the settled order up again: "return the jumper from it", "хочу
# вернуть из него", "zwrócić z niego"
_BACK_TO_IT = re.compile(
    r"(?i:\b(?:it|from it|on it|to it|in it|z niego|w nim|na nie|go|niego|из него|на него|"
    r"в н[её]м|его|е[её]|из не[её])\b)"
)
_SENTENCE_END = re.compile(r"[.!?\n]+")


def _sentence_after(region: str, at: int) -> tuple[int, int]:
    """Where the sentence that runs on from ``at`` ends, and where the next one ends."""
    first = _SENTENCE_END.search(region, at)
    end = first.end() if first else len(region)
    second = _SENTENCE_END.search(region, end)
    return end, second.end() if second else len(region)


def _other_is_asked(region: str, order: str, after: int) -> bool:
    """Whether another number ``region`` writes carries a request or a problem in its
    own clause: "78002 is still showing processing", "а 78013 отмените", "where is
    78002", "Order 78032 - missing"."""
    for m in _ANY_NUMBER.finditer(region):
        if m.group().upper() == order.upper():
            continue
        start = max(region.rfind(".", 0, m.start()), region.rfind("\n", 0, m.start()) + 1)
        if start <= after <= m.start():
            start = after  # the same sentence as the settled words: only what follows them
        end = _SENTENCE_END.search(region, m.end())
        if _REQUEST_OR_PROBLEM.search(region, max(0, start), end.start() if end else len(region)):
            return True
    return False


def _settled(region: str, order: str, at: int) -> bool:
    """Whether ``order``, written at ``at``, came fine or goes ahead as it is ("78001
    arrived fine", "66801 пусть едет") while another number carries the request: never
    when a turn follows it ("can go ahead, but please change the address on it"), a
    request or a problem in the rest of its sentence ("can go ahead, please add gift wrap
    to it"), or the next sentence takes it up again ("arrived ok. I'd like to return the
    jumper from it"); and only when another number's own clause asks or complains."""
    end = at + len(order)
    said = _ARRIVED_FINE.match(region, end) or _GOES_AHEAD.match(region, end)
    if said is None:
        return False
    sentence_end, next_end = _sentence_after(region, said.end())
    rest = region[said.end() : sentence_end]
    turn = _TURN.search(rest)
    if turn and not _TURN_TO_NUMBER.match(rest, turn.start()):
        return False
    other = _ANY_NUMBER.search(rest)  # "пусть едет, а 78013 отмените": the other's clause
    if not turn and _REQUEST_OR_PROBLEM.search(rest, 0, other.start() if other else len(rest)):
        return False
    following = region[sentence_end:next_end]
    if not _ANY_NUMBER.search(following) and _BACK_TO_IT.search(following):
        return False
    return _other_is_asked(region, order, said.end())


def stays(region: str, order: str) -> bool:
    """Whether the words after ``order`` (where ``region`` writes it, any time), or the
    ones right before it, say it stays as it is, or that it came and all is well."""
    for at in _mentions(region, order):
        before, end = region[max(0, at - 30) : at], at + len(order)
        if _STAYS.match(region, end) or _LEAVE_BEFORE.search(before):
            return True
        if _settled(region, order, at):
            return True
        if _KEEP_BEFORE.search(before) and _KEEP_AFTER.match(region, end):
            return True
    return False


def request_about(candidates: Sequence[str], body: str) -> str | None:
    """The one of ``candidates`` (a few numbers written bare in ``body``, two or more)
    the request is about: the only one that does not stay, or else the only one written
    more than once; None when that tells none."""
    kept = [value for value in candidates if not stays(body, value)]
    if len(kept) == 1:
        return kept[0]
    again = [value for value in kept if len(_mentions(body, value)) > 1]
    return again[0] if len(again) == 1 else None


# One more number listed after the order's: "62301 i 62304", "48102 and 48107", "(71120,
# 71124)", "№ 5510 или № 5514"
_LISTED_NEXT = re.compile(
    r"[ \t]*(?:,|&|/|(?i:and|or|i|oraz|lub|albo|и|или))[ \t]*(?:#|№|(?i:nr\.?|no\.?)[ \t]*)?"
    r"(\d[\d-]{2,}\d)(?![\w-]|[.,]\d)"
)


def listed_request(region: str, order: str) -> str | None:
    """Another of the numbers listed with ``order`` where ``region`` first writes it
    ("złożyłam dwa razy to samo zamówienie – 62301 i 62304 ... Proszę anulować to drugie,
    62304"): the one the request is about (:func:`request_about`: written again, or the
    only one that does not stay), when it is not ``order``, not a year, and a sentence
    after the list writes it again asking for something done to it (:func:`_asked_about`:
    not "48107 arrived fine"); else None."""
    mentions = _mentions(region, order)
    if not mentions:
        return None
    listed, end = [order], mentions[0] + len(order)
    while len(listed) < 4 and (m := _LISTED_NEXT.match(region, end)):
        listed.append(m.group(1))
        end = m.end()
    if len(listed) < 2 or len(set(listed)) < len(listed):
        return None
    chosen = request_about(listed, region)
    if not chosen or chosen == order or _YEAR.fullmatch(chosen):
        return None  # "order 48102 and 2024 catalogue": a year, not an order
    return chosen if _asked_about(region, chosen, end) else None


# A year, never taken for an order of a list ("48102 and 2024 catalogue")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A request for something done to a number: "Please cancel 48107", "Proszę anulować to
# drugie, 62304", "Отмените, пожалуйста, 55114" (not "48107 arrived fine")
_REQUEST_WORD = re.compile(
    r"(?i:cancel|return|refund|change|please|anul|zwrot|zwróć|zmie[nń]|prosz[eę]|"
    r"отмен|измени|прошу|верните|возврат)"
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _asked_about(region: str, value: str, listed_end: int) -> bool:
    """Whether a sentence that writes ``value`` again (after the list ending at
    ``listed_end``) asks for something done to it."""
    for at in _mentions(region, value):
        if at < listed_end:
            continue
        ends = [m.start() for m in _SENTENCE_END.finditer(region, 0, at)]
        start = ends[-1] + 1 if ends else 0
        stop = _SENTENCE_END.search(region, at + len(value))
        if _REQUEST_WORD.search(region[start : stop.start() if stop else len(region)]):
            return True
    return False


# A line a marketplace's notice labels with the listed item ("Item: Dinner Set 16pc
# (#395411207781)", "Przedmiot: Lampka LED (#1358842)", "Товар: Плед (№ 55012)"): a
# number in it is the listing's, not the order's, which such a notice labels apart.
_ITEM_LABEL = re.compile(
    r"[ \t>]*(?i:item|listing|product|przedmiot|produkt|oferta|towar|товар|лот|объявлени[ея])"
    r"(?:[ \t]+(?i:title|name|nazwa|название))?[ \t]*:"
)


# A product set or kit named right before its number, one or two words between or none
# (a brand's, a line's: "the LEGO set 10316", "zestaw LEGO 10316", "набор № 10316",
# "kit #4471", folded): the set's number in the maker's list, not an order's; not when
# the words between name the order ("my set order 10316") or lead on ("set up 10316")
_SET_BEFORE = re.compile(
    r"\b(?:set|kit|bundle|zestaw\w*|komplet\w*|klock\w*|набор\w*|комплект\w*|конструктор\w*)"
    r"(?:[ \t]+(?!(?:order|zam|zak|заказ|зак\.)|(?:nr|no|number|numer|номер|for|of|to|up|at|"
    r"on|in|from|dla|z|ze|od|na|do|w|для|из|от|на|в|с|по)\b)[^\W\d_]{2,}){0,2}"
    r"[ \t]*(?:(?:no|nr|number|numer|номер)\b\.?|[#№])?[ \t]*\Z"
)


def item_line(text: str, start: int) -> bool:
    """Whether the number at ``start`` is a listed item's: on a line labelled with one,
    or a product set's so named right before it (:data:`_SET_BEFORE`)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = fold_same_length(text[max(line_start, start - 40) : start])
    return bool(_ITEM_LABEL.match(text, line_start) or _SET_BEFORE.search(before))


# A carrier's name, folded: its message ("СДЭК: Заказ 1387750092 доставлен", "DPD: your
# parcel 15501234567 ...") numbers the carrier's own order or parcel
_CARRIER = re.compile(
    r"\b(?:сдэк|cdek|dpd|dhl|ups|gls|inpost|fedex|tnt|usps|evri|hermes|yodel|royal mail|"
    r"parcelforce|poczta polska|pocztex|orlen paczka|boxberry|почта россии|пэк|5post)\b"
)


def carrier_named(region: str, order: str) -> bool:
    """Whether the words right before ``order``, where ``region`` first writes it (on its
    line, 40 characters at most), name a carrier: the number is the carrier's."""
    mentions = _mentions(region, order)
    if not mentions:
        return False
    at = mentions[0]
    line_start = region.rfind("\n", 0, at) + 1
    return bool(_CARRIER.search(fold_same_length(region[max(line_start, at - 40) : at])))


# The e-mail says the parcel or its goods are another buyer's (folded): "someone else's
# parcel", "not mine", "cudzą paczkę", "nie moja paczka", "чужая посылка", "не мой заказ"
# (not "nie moja wina", "не моя вина": not my fault)
_ANOTHERS = re.compile(
    r"\b(?:some(?:one|body)[ \t]+else'?s|another[ \t]+(?:customer|person|buyer)'?s|"
    r"not[ \t]+(?:mine|my[ \t]+(?:order|parcel|package))|cudz\w+|"
    r"nie[ \t]+moj\w*[ \t]+(?:paczk|przesyl|zamowien|rzecz|towar|karton)|"
    r"чуж\w+|не[ \t]+мо(?:й|я|е|e|и)[ \t]+(?:посылк|заказ|товар|коробк|вещ))"
)
# The customer's own ordering or order, right before a number (folded, its sentence):
# "I ordered a kettle, my order is", "zamawiałam lampę, zamówienie", "мой заказ"; not
# denied ("не мой заказ")
_CLAIMED = re.compile(
    r"\b(?<!not )(?<!nie )(?<!не )(?:i[ \t]+(?:ordered|bought|paid)|my[ \t]+(?:own[ \t]+)?order|"
    r"(?:zamawial|zamowil|kupowal|kupil)\w*|moj\w*[ \t]+zamowien\w*|"
    r"(?:заказывал|заказал|покупал|купил)\w*|мо(?:й|его|[еёe]м)[ \t]+заказ\w*)"
)
_CLAIM_REACH = 60  # characters before the number the claim is looked for in


def _claimed(region: str, order: str) -> bool:
    """Whether the words right before ``order`` (where ``region`` writes it, any time, in
    its sentence, :data:`_CLAIM_REACH` characters at most) call it the customer's own."""
    return any(
        _CLAIMED.search(
            fold_same_length(re.split(r"[.!?\n]", region[max(0, at - _CLAIM_REACH) : at])[-1])
        )
        for at in _mentions(region, order)
    )


def own_over_anothers(region: str, order: str, others: Callable[[], str | None]) -> str | None:
    """The customer's own number when ``region`` says the parcel is another buyer's and
    names ``order`` (the first number found) without calling it the customer's, and
    the next number found (``others()``, looked for only then) as the customer's:
    ``order`` is the other buyer's, from the slip. Else None."""
    if not _ANOTHERS.search(fold_same_length(region)) or _claimed(region, order):
        return None
    own = others()
    return own if own is not None and own != order and _claimed(region, own) else None


# A listing's own number: "Re: Item #334920118742", "item no. 3349201187", "przedmiot nr
# 1358842", "лот № 55012" (the words right before it)
_ITEM_NUMBER_BEFORE = re.compile(
    r"(?i:\b(?:item|listing|przedmiot\w*|oferty|oferta|aukcj\w*|лот\w*|объявлени\w*|товар\w*)"
    r"[ \t]*(?:#|№|no\.?|nr\.?|number|numer|номер|id)[ \t]*:?[ \t]*#?[ \t]*)\Z"
)
# The order's number so labelled, right before another number: "Order number: 23-11942-
# 77305", "Numer zamówienia: ...", "Номер заказа: ..." (the words right before it)
_ORDER_LABEL_BEFORE = re.compile(
    r"(?i:\b(?:order[ \t]+(?:number|no\.?|id|#)|(?:nr\.?|numer)[ \t]+zam[óo]wienia|"
    r"(?:номер|№)[ \t]+заказа)[ \t]*(?:[:#№][ \t]*)?)\Z"
)


def _written_after(region: str, value: str, before: re.Pattern[str]) -> bool:
    """Whether ``region`` writes ``value`` anywhere right after words ``before`` matches."""
    return any(before.search(region, max(0, at - 40), at) for at in _mentions(region, value))


def labelled_over_item(region: str, order: str, others: Callable[[], str | None]) -> str | None:
    """The number an explicit order label names ("Order number: 23-11942-77305") when
    ``order`` (the first number found) is a listing's item number ("Item #334920118742"):
    a marketplace message gives both. Else None (an item number alone stays taken)."""
    if not _written_after(region, order, _ITEM_NUMBER_BEFORE):
        return None
    labelled = others()
    if labelled is None or labelled == order:
        return None
    return labelled if _written_after(region, labelled, _ORDER_LABEL_BEFORE) else None


def better_than_first(region: str, order: str, others: Callable[[], str | None]) -> str | None:
    """Another number the customer's request is about than ``order``, the first one found
    in ``region`` (``others()`` finds the next), or None: the customer's own when the
    first is another buyer's, the labelled order's when the first is a listing's item
    number."""
    return own_over_anothers(region, order, others) or labelled_over_item(region, order, others)


# A link: a scheme ("https://", a defanged "hxxp://"), "www.", or a domain with a path
# ("shop.example/confirm?id=88213"). Each run of non-blanks is looked at on its own, from
# its start or a bracket or quote in it: a pattern searched at every position took
# seconds on a long run of dotted words ("a.b.c.d...", quadratic backtracking).
_CHUNK = re.compile(r"[^\s<>()\[\]\"'«»]+")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{1,15}://")
_DOMAIN_PATH = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,12}")


def _is_link(chunk: str) -> bool:
    lowered = chunk.lower()
    if lowered.startswith("www.") or "://" in lowered and _SCHEME.search(lowered):
        return True
    host, slash, _ = chunk.partition("/")
    return bool(slash) and "." in host and _DOMAIN_PATH.fullmatch(host) is not None


def without_links(text: str) -> str:
    """``text`` with every link blanked out, its length kept: a number in a link
    ("...confirm?id=88213", "https://shop.example/p/48213") is no order's."""
    if "/" not in text and "www" not in text.lower():
        return text
    return _CHUNK.sub(lambda m: " " * len(m.group()) if _is_link(m.group()) else m.group(), text)
