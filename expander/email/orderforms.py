"""Order numbers in shapes the patterns of :mod:`expander.email.orders` miss, added to
its ``DEFAULT_ORDER_PATTERNS`` (each captures the number):

- **words between the number's name and the number**: "My order number, according to
  the letter in the box, is 104482", "my order number on the confirmation I got is
  104482", "My order reference, as printed on the delivery note, is 330-1178" (a few
  words without digits, then "is" or "was");
- **digits in groups after an explicit word for the order**: "zamówienie nr 61 204",
  "заказ 88 04 51 когда теперь", "order no. 12 345 67", kept as written with their
  spaces. Five to eight digits in all (a phone has nine or more), in groups of two to
  four joined by single spaces, nothing more after them (not a quantity: "order 12
  items"; not a date: "12 09 2024", "09 2024");
- **a letter code after a dash closing the sentence about the order**: "заказ в апреле
  тоже показан один — П-2204" (one capital letter, no model's, part's or item's code);
- **a clause in commas after the words for the order's number**: "Numer zamówienia,
  który zapisała mi sąsiadka, to 61087";
- **a few words and a colon after the words for the order's number**: "Номер заказа у
  меня записан в тетради: 12-334-90" (none of them naming another number, a call, or
  the number not known: "Номер заказа не помню, телефон: ...");
- **the order "with you"**, the shop, then the number, or a few words and a dash:
  "заказ у вас 92-115", "Наш заказ у вас на поставку — 5512" (never a phone's shape);
- **the shop's reference beside the buyer's own**: "(your ref B2B-0457, our PO-7731)",
  "nasz nr 7731, Wasz nr ZK-0457": the buyer's purchase order is not the shop's order;
- **a number in brackets after the words about the order**: "a zamówienie jest tylko
  jedno (nr 83-0055, komplet pościeli)";
- **the order's date between its word and its number**: "złożyłam zamówienie 15.03.2024
  (nr 240315-0042)", "my order of 15/03/2024 (no. 240315-0042)" (the date is not the
  number, nor a phone after "tel.");
- **a marketplace's id after the order's word and the marketplace**: "zam. allegro
  8a41c2e0-77f1" (Allegro's ids are hexadecimal groups joined by dashes), "my order on
  eBay 12-34567-89012".

And ``CONTEXT_ORDER_PATTERNS``, for a number written bare that the words before it make
an order's: "nr 49987", "don't ship 49987", "can u send 72294 to my work", "regarding
49987", "where is 49987?" (:mod:`expander.email.orders` tries them where no default
pattern finds a number).
"""

from __future__ import annotations

__all__ = ["BARE_VALUE", "CONTEXT_ORDER_PATTERNS", "MORE_ORDER_PATTERNS"]

_KEYWORD = (
    r"\b(?:orders?|zam(?:[óo]wie[nń][^\W\d_]*|\.)|заказ(?:а|у|ом|е)?|zakaz(?:a|u|om|e)?)"
    r"(?![^\W\d_])"
)
_GROUPED = (
    _KEYWORD
    # (possessive: linear on a run of spaces)
    + r"(?:[ \t]++(?:nr\.?|no\.?|number|numer|номер|№|#))?(?:[ \t]*+:)?[ \t]++"
    # not a date: "12 09 2024", "09 2024"
    r"(?!(?:0?[1-9]|[12]\d|3[01])[ \t](?:0?[1-9]|1[0-2])[ \t](?:19|20)?\d\d\b"
    r"|(?:0?[1-9]|1[0-2])[ \t](?:19|20)\d\d\b)"
    # five to eight digits in all, no digit after them
    r"(?=(?:\d[ \t]?){5,8}(?![ \t]?\d))"
    r"(\d{2,4}(?:[ \t]\d{2,4}){1,3})(?![\w-]|[ \t]?\d|[.,/]\d)"
)
_WORDS_BETWEEN = (
    r"\border[ \t]+(?:number|no\.?|nr|id|ref(?:erence)?)(?![^\W\d_])"
    # ", according to the letter in the box," or " on the confirmation I got"
    r"(?:[ \t]*,[^\d\n,.!?:;]{3,60},|(?:[ \t]+[^\W\d_][\w'’-]*){1,8}?)"
    r"[ \t]+(?:is|was)[ \t]*[:#]?[ \t]*"
    r"((?:[A-Z]{1,5}[-/]?)?\d[\dA-Z/_-]{3,}(?<!-))"
    r"(?![ \t]?\d)"  # not a phone's first group: "..., and my phone number, is 07911 123456"
)

# a code of letters, a dash and digits after a dash that ends the sentence about the
# order: "заказ в апреле тоже показан один — П-2204", "the order for May shows as one
# - P-2204", "zamówienie z kwietnia jest jedno – Z-2204" (no number between)
# (a model's, a part's or an item's code is not: "the order included the lamp model -
# LX-4500", "заказ пришёл не тот, модель — Т-4500")
_CODE_AFTER_DASH = (
    r"\b(?:orders?|zam[óo]wie[nń][^\W\d_]*|заказ[а-яё]*)(?![^\W\d_])"
    r"(?:(?!\b(?:model|parts?\b|item|cz[ęe][śs][ćc]|produkt|artyku[łl]|модел|артикул|товар|"
    r"детал))[^.!?\n\d]){1,60}?[ \t][—–-][ \t]*+"
    r"((?-i:[A-ZА-ЯЁ])-\d{3,8})(?![\w/-])"
)

# a clause between the words for the order's number and the number: "Numer zamówienia,
# który zapisała mi sąsiadka, to 61087", "Номер заказа, который пришёл в смс, — 61087"
_CLAUSE_BETWEEN = (
    r"(?:\b(?:nr\.?|numer\w*)[ \t]+zam(?:[óo]wienia|\.)|(?:\bномер\w*|№)[ \t]+заказа)"
    r"[ \t]*,[^\d\n,.!?:;]{3,60},[ \t]*(?:to|jest|brzmi|это|[—–-](?:[ \t]*это)?)[ \t]*[:#№]?[ \t]*"
    r"((?:[A-Z]{1,5}[-/]?)?\d[\dA-Z/_-]{3,}(?<!-))(?![\w/-]|[.,]\d)"
)
# words between the words for the order's number and a colon before it: "Номер заказа у
# меня записан в тетради: 12-334-90", "The order number, as I wrote it down: 55-120-33",
# "Numer zamówienia mam zapisany w zeszycie: 12-334-90" (one to seven words in the
# sentence; none names another number or document, a call, or says the number is not
# known: "Номер заказа не помню, телефон: 8-912-...", "order number lost, receipt: 4471")
_OTHER_NUMBER_WORD = (
    # whole words: "не", "no", "tel" (not "недавно", "notebook", "tell")
    r"(?i:(?:nr|no|nie|not|don'?t|dont|never|lost|tel|code|kod|card|karta|karty|karcie|"
    r"не|нет|тел|моб|код|чек\w{0,2})(?![\w'’])|"
    # and the stems of the words for other numbers and documents
    r"(?:номер|number|numer|phone|telefon|mobile|call|serial|seryjn|invoice|faktur|receipt|"
    r"paragon|rachun|track|trek|ticket|model|zwrot|return|refund|reklamac|zg[lł]osz|account|"
    r"konto|parcel|przesy[lł]k|paczk|телефон|звон|позвон|серийн|сч[её]т|квитанц|трек|"
    r"накладн|посылк|модел|артикул|возврат|претенз|заявк|обращен|карт[аыуеой]|договор|"
    r"whatsapp|viber|telegram))"
)
_WORDS_TO_COLON = (
    r"(?:\border[ \t]+(?:number|no\.?|nr|id|ref(?:erence)?)|\b(?:nr\.?|numer\w*)[ \t]+"
    r"zam(?:[óo]wienia|\.)|(?:\bномер\w*|№)[ \t]+заказа|\bnomer\w*[ \t]+zakaza)(?![^\W\d_])"
    r"(?:[ \t]*,?[ \t]+(?!"
    + _OTHER_NUMBER_WORD
    + r")[^\W\d_][\w'’-]*){1,7}?[ \t]*:[ \t]*[#№]?[ \t]*"
    # never a phone's shape: no more than three groups, ten digits, nor 0, 8-800, 7-9xx first
    r"(?![\dA-ZА-ЯЁ]*(?:[-/_][\dA-ZА-ЯЁ]*){3})(?!(?:[A-ZА-ЯЁ/_-]*\d){11})"
    r"(?!0|8[- ]?800|7[- ]?9\d\d)"
    r"((?:[A-ZА-ЯЁ]{1,5}[-/]?)?\d[\dA-Z/_-]{3,}(?<!-))(?![\w/-]|[.,]\d)"
)
# the order "with you", the shop, and a few words to a dash: "заказ у вас 92-115", "Наш
# заказ у вас на поставку — 5512", "zamówienie u Was – 61087", "my order with you: 61087"
_WITH_YOU = (
    r"\b(?:заказ(?:а|у|ом|е)?|zam[óo]wieni[ea]|orders?)[ \t]+"
    r"(?:у[ \t]+вас|u[ \t]+(?:was|pa[ńn]stwa)|with[ \t]+you)"
    r"(?:(?:[ \t]+[^\W\d_]+){0,3}?[ \t]*[:—–-])?[ \t]*[#№]?[ \t]*"
    # never a phone's shape ("заказ у вас 8-800-555-35-35 не отвечает"): no more than
    # three groups of digits, ten digits, nor a leading 0, 8-800 or 7-9xx
    r"(?![\dA-ZА-ЯЁ]*(?:[-/_][\dA-ZА-ЯЁ]*){3})(?!(?:[A-ZА-ЯЁ/_-]*\d){11})"
    r"(?!0|8[- ]?800|7[- ]?9\d\d)"
    r"((?:[A-ZА-ЯЁ]{1,5}[-/]?)?\d[\dA-Z/_-]{3,}(?<!-))(?![\w/-]|[.,]\d)"
)
# the shop's reference given beside the buyer's own purchase order: "(your ref B2B-0457,
# our PO-7731)", "our PO 7731 / your reference 40-1187", "nasz nr 7731, Wasz nr ZK-0457",
# "ваш номер ЗК-0457, наш заказ 7731": the shop's is the order's number
_OURS = (
    r"\b(?:our|nasz[aey]?|naszego|наш[аеи]?|нашего)[ \t]+(?:p\.?o\b\.?|purchase[ \t]+order|"
    r"ref(?:erence)?\b\.?|order|zam[óo]wieni[^\W\d_]*|zam\.|заказ[а-яё]*|numer[^\W\d_]*|nr\b\.?|"
    r"номер[а-яё]*)"
)
_YOUR_LABEL = (
    r"\b(?:your|wasz[aey]?|waszego|pa[ńn]stwa|ваш[аеи]?|вашего)[ \t]+"
    r"(?:ref(?:erence)?|numer[^\W\d_]*|nr|номер[а-яё]*)(?![^\W\d_])\.?"
    r"(?:[ \t]+(?:no|nr|number|numer|номер)\b\.?)?[ \t]*[:#№]?[ \t]*"
    # not a phone: "Państwa numer 221234567 nie odpowiada", "Wasz numer 601 234 567"
    r"(?!\d{9,}(?![\w/-]))"
    r"((?:[A-ZА-ЯЁ\d]{1,6}[-/])?\d[\dA-ZА-ЯЁ/_-]{2,}(?<![-/]))(?![\w/-]|[ \t]\d)"
)
_YOURS_BESIDE_OURS = _YOUR_LABEL + r"(?=[^!?\n]{0,40}?" + _OURS + ")"
_OURS_BESIDE_YOURS = _OURS + r"[^!?\n]{0,40}?" + _YOUR_LABEL
# the number in brackets after the words about the order, in the same clause: "a
# zamówienie jest tylko jedno (nr 83-0055, komplet pościeli)", "the order was just one
# (no. 83-0055, a duvet set)", "заказ был один (номер 83-0055, комплект белья)"; digits
# joined by a dash, never a phone's or a postcode's shape ("(tel. 83-0055)", "(nr 83-005)")
# the words that put another document, a call or a return between the order's words and
# the bracket: "zamówienie opłaciłam, faktura (nr 2024-0311)", "zwrot (nr 2024-3311)",
# "proszę dzwonić (nr ...)": the number in brackets is theirs
_OTHER_DOCUMENT = (
    r"(?i:\b(?:faktur|invoice|receipt|rachun|paragon|zwrot|return|refund|reklamac|zg[lł]osz|"
    r"ticket|claim|rma\b|przelew|transfer|dzwo|call|ring|nip\b|regon|pesel|сч[её]т|чек|"
    r"возврат|претенз|заявк|обращен|звон|позвон|перевод|инн\b))"
)
_BRACKETED_AFTER_ORDER = (
    _KEYWORD
    + r"(?:(?!\b(?:tel|phone|telefon|kod|code|postcode|индекс|телефон)\b|"
    + _OTHER_DOCUMENT
    + r")[^.!?\n\d()]){0,40}?"
    r"[ \t]\([ \t]*(?:nr|no|number|numer|номер)\.?[ \t]*[:#№]?[ \t]*"
    # never a phone's shape: "601-234-567", "903-1234567"
    r"(?!\d{3}-\d{3}-\d{3,4}(?!\d)|\d{3}-\d{7}(?!\d))"
    r"(\d{2,6}-\d{3,8}(?:-\d{1,8})?)(?![\w/-]|[.,]\d)(?<!\b\d\d-\d\d\d)"
)
# the order's date between its word and its number, given in brackets, after a comma or
# after "nr": "złożyłam zamówienie 15.03.2024 (nr 240315-0042)", "my order of 15/03/2024
# (no. 240315-0042)", "заказ от 15.03.2024 г., № 240315-0042", "zamówienie złożone dnia
# 15.03.2024 r. nr 240315-0042": the date is when it was placed, the number the order's
_DATE = r"(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d|(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2})"
_DATED = (
    _KEYWORD
    + r"(?:[ \t]+[^\W\d_]+){0,3}?[ \t]+"  # "z dnia", "placed on", "от", "złożone dnia"
    + _DATE
    + r"(?:[ \t]*(?:r|г)\.)?(?:[ \t]*[,(][ \t]*|[ \t]+)"
    r"(?:nr|no|number|numer|номер|№|#)\.?[ \t]*[:#№]?[ \t]*"
    r"(?!\d{3}-\d{3}-\d{3,4}(?!\d)|\d{3}-\d{7}(?!\d))"  # never a phone's shape
    r"((?:[A-ZА-ЯЁ]{1,5}[-/]?)?\d[\dA-Z/_-]{3,}(?<![-/]))(?![\w/-]|[.,]\d)"
)
# the order at a marketplace, then the marketplace's own id for it: "zam. allegro
# 8a41c2e0-77f1" (Allegro's ids are groups of hexadecimal digits joined by dashes),
# "zamówienie na Allegro nr 8a1f0c20-3b7e", "my order on eBay 12-34567-89012",
# "заказ на Ozon 41233-0021"
_MARKETPLACE_ID = (
    _KEYWORD + r"(?:[ \t]+(?:z|ze|na|w|przez|from|on|via|at|through|на|в|с|через))?[ \t]+"
    r"(?:allegro|ebay|amazon|etsy|olx|vinted|ozon|wildberries|озон|вайлдберриз)(?![^\W\d_])"
    r"(?:[ \t]+(?:nr|no|numer|number|id|номер)\b\.?)?[ \t]*[:#№]?[ \t]*"
    r"(\d[\dA-Z/_-]{3,}(?<![-/]))(?![\w/-]|[.,]\d)"
)
MORE_ORDER_PATTERNS: tuple[str, ...] = (
    _GROUPED,
    _WORDS_BETWEEN,
    _CODE_AFTER_DASH,
    _CLAUSE_BETWEEN,
    _WORDS_TO_COLON,
    _WITH_YOU,
    _YOURS_BESIDE_OURS,
    _OURS_BESIDE_YOURS,
    _BRACKETED_AFTER_ORDER,
    _DATED,
    _MARKETPLACE_ID,
)
"""The patterns above, matched case-insensitively as the others are."""


# A number written bare, taken only from the customer's own text, only where
# no default pattern finds one, and only when the words before it do not name
# it as something else: five to eight digits, or a letter prefix and four to
# eight digits ("A-1234"). Longer runs are phones, parcels and accounts.
BARE_VALUE = r"((?:[A-Z]{1,3}-?\d{4,8}|\d{5,8}))(?![\w-]|[.,/]\d)"
CONTEXT_ORDER_PATTERNS: tuple[str, ...] = (
    # "ORD-49987", "ZK-123456": a shop's code of one part; "AB7-20198", "ELK/30077"
    r"(?<![\w/-])((?-i:[A-Z]{2,5}|[А-ЯЁ]{2,5})-\d{4,8}|(?-i:[A-Z]{2,4})\d-\d{4,8}|"
    r"(?-i:[A-Z]{2,5})/\d{5,8})"
    r"(?![\w/-])",
    # a number alone: "..., nr 49987", "no. 49987", "номер 49987"
    r"\b(?:nr|no|numer|number|номер)\b\.?[ \t]*[:#]?[ \t]*" + BARE_VALUE,
    # what is done with an order: "don't ship 49987", "cancel #49987", "chasing 49987",
    # "anulujcie 49987", "отмените 49987"; and what it is about: "regarding 49987",
    # "w sprawie 49987", "по поводу 49987"; what was paid or is awaited: "paid for 49987",
    # "czekam na 49987", "жду 49987"
    r"\b(?:(?:ship|dispatch|cancel|deliver|hold|stop|amend|check)(?:s|es|ed|led|ping|ing|ling)?|"
    r"(?:chas|chang|locat|trac|expedit)(?:e|es|ed|ing)|modif(?:y|ied|ying)|shipped|stopped|"
    r"track(?:ed)?|regarding|concerning|re:|"
    r"(?:paid|pay|paying|waiting|wait|refund)[ \t]+(?:for|on)|"
    r"(?:zap[łl]aci[łl]\w*|p[łl]aci[łl]\w*)[ \t]+za|czekam[ \t]+na|"
    r"(?:оплатил\w*|заплатил\w*)[ \t]+за|жду|anuluj[^\W\d_]*|anulowa[ćc]|"
    r"wysy[łl]a[^\W\d_]*|wy[śs]lij[^\W\d_]*|"
    r"wstrzymaj[^\W\d_]*|zatrzymaj[^\W\d_]*|sprawd[źz][^\W\d_]*|w\s+sprawie|dotycz[^\W\d_]*|"
    r"odno[śs]nie|отмен[^\W\d_]*|отправ[^\W\d_]*|отслед[^\W\d_]*|провер[^\W\d_]*|"
    r"останов[^\W\d_]*|придерж[^\W\d_]*|касательно|насч[её]т|по\s+поводу)"
    r"(?:[ \t]*,?[ \t]+(?:please|pls|prosz[eę]|пожалуйста),?)?"
    r"[ \t]+#?[ \t]*" + BARE_VALUE,
    # a number sent elsewhere: "can u send 72294 to my work instead", "przekierujcie 72294
    # do pracy", "перенаправьте 72294 на работу" (the destination after: not "send 30000
    # to my account", an amount)
    r"\b(?:send|resend|redirect|re-?route|forward|przekieruj[^\W\d_]*|prze[śs]lij[^\W\d_]*|"
    r"перенаправ[^\W\d_]*|переадрес[^\W\d_]*)[ \t]+#?[ \t]*"
    # no round quantity or sum ("send 25000 to the distribution centre"), nor one when the
    # text gives a labelled reference ("... Our PO is PO-4471": what is sent is counted)
    r"(?!\d{2,5}000(?!\d))(?![\s\S]{0,300}?\b(?i:PO|P\.O\.|purchase[ \t]+order|ref|reference|"
    r"invoice|faktur\w{0,3}|сч[её]т\w{0,2})\b[ \t]*(?:is|:|#|no\.?|nr\.?|№)?[ \t]*[A-Z]{0,4}-?\d)"
    + BARE_VALUE
    + r"(?=[ \t]+(?:to|do|на|в)[ \t]+(?!(?:my|the|your|moje|мой|мою)?[ \t]*"
    r"(?:account|card|bank|konto|kart|сч[её]т|карт)))",
    # a Cyrillic letter code after "номер" in a sentence about the order: "заказ оформлен
    # на её имя, номер Б-1207" (the words between stay in the sentence)
    r"\bзаказ[а-яё]*[^.!?\n]{0,50}?\bномер\b[ \t]*[:#№]?[ \t]*((?-i:[А-ЯЁ]{1,3})-?\d{4,8})"
    r"(?![\w-]|[.,/]\d)",
    # "where is 49987?", "gdzie jest 49987", "где 49987"
    r"(?:\bwhere(?:'s|’s|\s+is)|\bgdzie(?:\s+jest)?|\bгде)[ \t]+#?[ \t]*" + BARE_VALUE,
)
