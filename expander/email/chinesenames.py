"""A Chinese given name of two syllables written as two words, as Singapore, Malaysia
and Hong Kong write it, beside a one-syllable family name: "Mei Ling Tan" (the family
name last, in the Western order) and "Tan Mei Ling" (the family name first) are
greeted as Mei Ling, not Mei or Tan.

Only a full name of three words: a common Chinese family name at one end, and two
common given-name syllables (Hanyu Pinyin, Hokkien, Teochew, Cantonese spellings) at
the other. A first name of the other tables is none of them ("Anna Mae Lee", "Mary
Ann Wong" stay as they are), and two words ("Jun Li", "Li Wang") are left to
:mod:`~expander.email.givenname`. When both orders fit the words ("Lin Mei Ling" read
as Lin Mei of the Ling family, or Mei Ling of the Lin), the name to greet with is
unclear: none is better than a family name.
"""

from __future__ import annotations

from expander.textfold import fold_same_length

__all__ = ["chinese_given_name", "chinese_order_unclear"]

# Common one-syllable family names as Singapore, Malaysia, Hong Kong and the mainland
# romanise them (folded); not the ones more often a given syllable (Wei, Hui, Ling)
_FAMILY_NAMES = frozenset(
    "tan lim lee ng ong wong goh chua chan koh teo ang yeo tay ho low toh sim chong chia "
    "seah lau leong cheung chow yip tsang kwok lam foo khoo loh yap soh neo quek pang "
    "fong mok yeung leung tse au lai chen li wang zhang liu yang huang zhao wu zhou xu sun "
    "lin lo tang ma guo he luo gao zheng liang xie song deng feng han cao peng zeng xiao "
    "tian dong pan yuan cai jiang du ye cheng su lu ding ren shen yao jin".split()
)
# Common given-name syllables, each a word of its own in a name written apart ("Mei
# Ling", "Wei Ming", "Siew Ling", "Xiao Hui", "Ka Man", "Kok Wai"), folded; some are
# family names too (Xiao, Li, Lin, Yu): the other two words tell the order
_GIVEN_SYLLABLES = frozenset(
    "mei ling wei ming siew hui jia jun yi xin hao kai jie zhi hong hua ying yan lan qing "
    "chun shu xue fang jing yun ting pei shan yee choon soon beng eng hwee leng swee teck "
    "wee yong khai rui zhen xiu qi yue ning jian ping tao bin lei wen hock seng boon chee "
    "wai kit ka man kok keng kin siu yuen fai chi kwan sze hoi lok yin wah shing "
    "xiao li lin yu".split()
)


def _fits(family: str, given: list[str]) -> bool:
    """Whether ``family`` is a family name and ``given`` two given-name syllables."""
    return fold_same_length(family) in _FAMILY_NAMES and all(
        fold_same_length(w) in _GIVEN_SYLLABLES for w in given
    )


def _orders(words: list[str]) -> tuple[bool, bool] | None:
    """Whether the three words read in the Western order (the family name last) and
    surname first; None for words that are no such name's."""
    words = [w.strip(",") for w in words]
    if len(words) != 3 or not all(w.isalpha() and w.istitle() for w in words):
        return None
    return _fits(words[2], words[:2]), _fits(words[0], words[1:])


def chinese_given_name(words: list[str]) -> str | None:
    """The given name of two words in a Chinese name of three ("Mei Ling Tan", "Tan
    Mei Ling" → Mei Ling), or None when ``words`` are no such name or both orders fit."""
    orders = _orders(words)
    if orders is None or orders[0] == orders[1]:
        return None
    given = words[:2] if orders[0] else words[1:]
    return " ".join(w.strip(",") for w in given)


def chinese_order_unclear(words: list[str]) -> bool:
    """Whether ``words`` read as a Chinese name of three both ways round ("Lin Mei
    Ling"): the given name cannot be told from the family name."""
    return _orders(words) == (True, True)
