"""Which language an e-mail is written in: English, Polish or Russian."""

from __future__ import annotations

import re

from expander.textfold import fold_same_length

__all__ = ["detect_language"]

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
    szanowny serdecznie uprzejmie odpowiedz odpowiedzi informacje informacji
    mozecie mozesz moge mozemy sprawdzic sprawdzcie potrzebuje potrzebujemy brak kasa
    kasy pieniedzy czesc kupilem kupilam kupilismy dziala dzialac dzialaja poczatku
    zamiast wyslijcie prosimy prosze pozdr firme firmy robic zrobic zamowic wymiana
    wymienic odeslac odeslalem odeslalam odeslane konta koncie nadal""".split()
)
# Russian written in Latin letters: frequent words in the common spellings
# (й as y/i/j, х as kh/h, щ as shch/sch/sh), none of them an English or Polish
# word ("net", "na", "po", "nas", "ona", "kto", "brak", "kurier", "oplata", "hotel"
# and "trek" are left out).
_RU_LATIN_WORDS = frozenset(
    """zdravstvuyte zdravstvujte zdravstvuite spasibo pozhaluysta pozhalujsta pozhaluista
    gde kogda chto shto chtoby eto etot eta eti etogo etoy etoi uzhe eshche esche eshe
    zakaz zakaza zakazu zakaze zakazom zakazal zakazala zakazyvala zakazyval posylka
    posylku posylki posylke dostavka dostavku dostavki dostavke dobryy dobryj dobryi
    dobriy dobroe dobrogo vozvrat vozvrata pochemu zachem skolko mne menya ochen privet
    ya vy vas vam vash vasha vashe vashi vashey vashei moy moj moya moe moyo moyu moego
    moey moei nash nasha yego ikh kak kuda uzhe tolko vse vsyo
    vsya bylo byla byli budet budut mozhno nuzhno nado khochu hochu khotel khotela hotela
    mogu mozhete mozhet pomogite podskazhite skazhite den dnya dney vecher seychas seichas
    segodnya vchera zavtra nedelyu nedeli nedelya mesyats mesyac potom ili dlya cherez
    posle pered tovar tovara tovaru obmen razmer razmera dengi den'gi oplatil oplatila
    oplachen oplatit poluchil poluchila poluchit prishel prishla prishlo prishli otpravil
    otpravila otpravili nomer chek skidka skidku promokod parol parolya magazin
    magazina kupil kupila slomalsya slomana slomannyy povrezhden povrezhdena vernut
    vernite vernuli otmenit otmenite otmena zamenit zamenite pochta pochtoy pochtoi
    otvet otvette otvechaet nikto nichego nikogda khorosho horosho plokho ploho kurer
    kurera pomoshch ne v iz ot pri esli tozhe takzhe vot tut ih ee ego menya tebya
    sebya kotoryy kotoryi kotoraya kotorye pishet pishut napisano oshibka oshibku
    rabotaet korzina korzine korzinu sayt saite sluchayno sluchaino deneg
    hvataet khvataet nashel nashla deshevle ostavte ostavit otzyv otzyvy tovare
    probovala probovali delat sdelat pokupatel prodavets prodavcu""".split()
)
# Letter sequences (in folded words) that one of the two languages does not use.
_EN_MARKS = re.compile(r"th|wh|ee|oo|ou|ea|ck|gh|ph|sh|ing|q|x|v|tion|ay")
_PL_MARKS = re.compile(r"rz|sz|cz|dz|yc|wy|kt|zn|uje|owa|owy|ych|ymi|acj|ej$|ac$")
# ...and Russian in Latin letters (ж as zh, х as kh, щ as shch, -ий/-ый, -ться, ю as yu).
_RU_MARKS = re.compile(r"zh|kh|shch|tsya$|iy$|yy$|aya$|yu")
_POLISH_LETTERS = frozenset("ąćęłńśźżĄĆĘŁŃŚŹŻ")
_FOREIGN_LATIN = frozenset("äöüßàâçèéêëîïôùûÿñãõřěůčšžýáíúňťďåøæœ")
_UKRAINIAN = frozenset("іїєґІЇЄҐ")
_RUSSIAN_ONLY = frozenset("ыэъёЫЭЪЁ")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NOISE_RE = re.compile(r"(?<!\S)\S*(?:@|https?://|www\.)\S*")
# A phrase in quotation marks on one line: "...", “...”, „...”, «...»
_QUOTED_RE = re.compile(r'"[^"\n]{3,200}"|[“„][^”“\n]{3,200}[”“]|«[^»\n]{3,200}»')
_QUOTED_WEIGHT = 0.3


# The letters (str.isalpha) of the Cyrillic block and of ASCII and Latin-1 to Latin
# Extended-B, counted in C: the block's signs and combining marks (U+0482-U+0489),
# "×" and "÷" are no letters (tests/email/test_language.py checks every code point)
_CYRILLIC_LETTER = re.compile("[\u0400-\u0481\u048a-\u04ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def detect_language(text: str) -> str | None:
    """``"en"``, ``"pl"`` or ``"ru"`` for the text's language, or None if unsure.

    Script first (mostly Cyrillic is Russian, unless it is clearly Ukrainian),
    then for Latin script: words frequent in only one of English and Polish,
    Polish letters in lower-case words (a capitalised "Łukasz" in an English
    e-mail is a name, not Polish), and letter sequences one language does not
    use, so Polish written without diacritics is still Polish. Russian written
    in Latin letters is recognised by its common words. In Latin script, words in
    quotation marks (an error message the site showed) count 0.3 of the writer's
    own; a mostly Cyrillic text is Russian whatever it quotes.
    Run it on the cleaned body: a quote in another language must not decide.
    """
    text = _NOISE_RE.sub(" ", text)
    cyrillic = len(_CYRILLIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if not cyrillic and not latin:
        return None
    if cyrillic > latin:
        ukrainian = sum(ch in _UKRAINIAN for ch in text)
        if ukrainian >= 2 and not any(ch in _RUSSIAN_ONLY for ch in text):
            return None
        return "ru"
    # words cited in quotation marks (an error message the site showed, a product's
    # name) are someone else's language: they count for less than the writer's own
    quoted = " ".join(m.group(0)[1:-1] for m in _QUOTED_RE.finditer(text))
    own = _QUOTED_RE.sub(" ", text)
    scores = {"en": 0.0, "pl": 0.0, "ru": 0.0, "other": 0.0}
    counted = _count_words(own, 1.0, scores) + _count_words(quoted, _QUOTED_WEIGHT, scores)
    other = scores.pop("other")
    best = max(scores, key=lambda lang: scores[lang])
    top = scores[best]
    if top < max(1.0, 0.2 * counted) or other >= top:
        return None
    if sum(1 for s in scores.values() if s == top) > 1:
        return None
    return best


def _count_words(text: str, weight: float, tally: dict[str, float]) -> float:
    """Add ``weight`` per word of ``text`` to the language (or ``"other"``) it
    marks in ``tally``; return the weight of the words longer than one letter."""
    words = _WORD_RE.findall(text)
    # fold_same_length keeps letters letters and lengths, so the words line up.
    for word, folded in zip(
        words, _WORD_RE.findall(fold_same_length(text).replace("’", "'")), strict=True
    ):
        if not _POLISH_LETTERS.isdisjoint(word):  # a set operation: one pass in C
            tally["pl"] += weight * (1.0 if word[0].islower() or word.isupper() else 0.3)
            continue
        if not _FOREIGN_LATIN.isdisjoint(folded):
            tally["other"] += weight
            continue
        if folded in _EN_WORDS:
            tally["en"] += weight
        elif folded in _PL_WORDS:
            tally["pl"] += weight
        elif folded in _RU_LATIN_WORDS:
            tally["ru"] += weight
        elif len(folded) > 2 and word[0].islower():
            en_mark = bool(_EN_MARKS.search(folded))
            pl_mark = bool(_PL_MARKS.search(folded))
            ru_mark = bool(_RU_MARKS.search(folded))
            if en_mark + pl_mark + ru_mark == 1:  # only one language writes it so
                tally["en"] += 0.4 * weight * en_mark
                tally["pl"] += 0.4 * weight * pl_mark
                tally["ru"] += 0.4 * weight * ru_mark
    return weight * sum(len(word) > 1 for word in words)
