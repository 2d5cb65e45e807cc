"""A Vietnamese name: the family name first (Nguyễn, Trần, Lê, ...), then one or two
middle names (Thị, Văn, Đức, Hữu, ...), and the given name last, the one to greet
with: "Nguyen Thi Lan", "Trần Văn Minh", "Nguyễn Thị Thu Hà", "Нгуен Тхи Лан" → Lan,
Minh, Hà, Лан. The surname in capitals first is read so too ("NGUYEN Thi Lan").

Written in the Western order, the family name last, the given name goes first as
American forms write it ("Lan Thi Nguyen") or stays before the family name as the
words are moved ("Thi Lan Nguyen"): a middle name that is hardly ever a given one
(Thị, Văn, Hữu) tells which; when nothing does ("Thu Ha Nguyen": Thu, or Ha of Thu
Ha?), none is better than the wrong one. Two words ("Lan Nguyen", "Nguyen Lan") are
left to :mod:`~expander.email.givenname`, and a name the Chinese tables read another
way (:mod:`~expander.email.chinesenames`) is unclear too.
"""

from __future__ import annotations

import unicodedata

from expander.email.chinesenames import chinese_given_name

__all__ = ["family_name_first", "vietnamese_given_name", "vietnamese_order_unclear"]

# Common Vietnamese family names, without their marks ("Nguyễn" → nguyen, "Đặng" →
# dang), in Latin letters and as Russian writes them; not the ones more often a given
# name (Mai, Ha, Lam)
_FAMILY_NAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan "
    "luong truong trinh luu quach vuong "
    "нгуен чан ле фам хоанг хюинь фан ву во данг буй до хо нго зыонг ли дао доан "
    "лыонг чыонг чинь".split()
)
# Middle names that are hardly ever the given name ("Thị" for women, "Văn" and "Hữu"
# for men): the word after them is the given name, in either order of the name
_PLAIN_MIDDLE = frozenset("thi van huu тхи ван хыу".split())
# The syllables of Vietnamese middle and given names (without marks): the words between
# the family name and the given name, and the given name itself
_SYLLABLES = _PLAIN_MIDDLE | frozenset(
    "an anh bao binh chau chi cuc cuong cong dai dan dat diem diep dieu dinh duc dung "
    "duy gia giang ha hai han hang hanh hao hau hien hieu hoa hoai hoang hong hue hung "
    "huong huy huyen khai khang khanh khoa khoi kien kim lam lan lien linh loan loc "
    "long luan mai manh minh my nam nga ngan nghia ngoc nguyet nhan nhat nhi nhu nhung "
    "oanh phat phong phu phuc phuong quan quang quoc quy quyen quynh sang son tai tam "
    "tan thach thai thang thanh thao thinh thu thuan thuong thuy tien tin toan trang "
    "tri trinh trong trung tu tuan tung tuyet uyen viet vinh vy xuan yen "
    "ань бао динь дык зунг ха хай хань ханг хиен хоа хунг хыонг хюи ким лан линь лонг "
    "май минь ми нам нга нгок ньунг фонг фыонг куанг куок шон там тхань тхао тху тхюи "
    "тьунг туан тунг вьет винь суан иен".split()
)


def _without_marks(word: str) -> str:
    """``word`` in lower case without its diacritics, Vietnamese ones too ("Trần" →
    "tran", "Đặng" → "dang", "Thị" → "thi"), and the commas around it."""
    bare = unicodedata.normalize("NFKD", word.strip(",").lower().replace("đ", "d"))
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def _readings(words: list[str]) -> tuple[str | None, bool]:
    """The given name ``words`` name, and whether they are a Vietnamese name whose
    given name cannot be told ((None, True)); (None, False) for no Vietnamese name."""
    if not 3 <= len(words) <= 4 or not all(w.strip(",").istitle() or w.isupper() for w in words):
        return None, False
    bare = [_without_marks(w) for w in words]
    if not all(w.isalpha() for w in bare):
        return None, False
    first, between, last = bare[0], bare[1:-1], bare[-1]
    if first in _FAMILY_NAMES and last not in _FAMILY_NAMES:
        # "Nguyen Thi Lan", "Hoang Anh Tuan", "Nguyen Thi Thu Ha": the given name last
        if all(w in _SYLLABLES for w in between) and (
            last in _SYLLABLES or between[0] in _PLAIN_MIDDLE
        ):
            return words[-1].strip(","), False
        return None, False
    if last not in _FAMILY_NAMES or first in _FAMILY_NAMES:
        return None, False
    given = bare[:-1]
    if given[0] in _PLAIN_MIDDLE and all(w in _SYLLABLES for w in given[1:]):
        return words[-2].strip(","), False  # "Thi Lan Nguyen", "Van Minh Tran": the middle first
    if len(given) == 2 and given[1] in _PLAIN_MIDDLE and given[0] not in _PLAIN_MIDDLE:
        return words[0].strip(","), False  # "Lan Thi Nguyen": the given name first
    # "Thu Ha Nguyen", "Minh Duc Tran": Thu or Ha, Minh or Duc; no telling
    return None, all(w in _SYLLABLES for w in given)


def vietnamese_given_name(words: list[str]) -> str | None:
    """The given name of a Vietnamese name of three or four words, in either order
    ("Nguyen Thi Lan", "Thi Lan Nguyen", "Lan Thi Nguyen" → Lan), or None."""
    given, _ = _readings(words)
    if given is None or (chinese_given_name(words) or given) != given:
        return None
    return given


def vietnamese_order_unclear(words: list[str]) -> bool:
    """Whether ``words`` are a Vietnamese name whose given name cannot be told: the
    family name last after two names that may each be it ("Thu Ha Nguyen"), or one
    the Chinese tables read another way."""
    given, unclear = _readings(words)
    return unclear or (given is not None and (chinese_given_name(words) or given) != given)


def family_name_first(surname: str, given_names: str) -> bool:
    """Whether a name written with the surname in capitals first ("NGUYEN Thi Lan",
    ``surname`` then the ``given_names`` "Thi Lan") is a Vietnamese one, to keep in
    its order: its given name is the last word, not the first."""
    words = [surname.title(), *given_names.split()]
    return _without_marks(surname) in _FAMILY_NAMES and _readings(words)[0] is not None
