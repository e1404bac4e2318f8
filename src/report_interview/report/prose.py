"""Reading report prose: the counts a text states, the years it names, the problems it
lists. Stdlib only; used by the checks (R8, R10, R13), the reader of published reports
and the carrying of last year's report into this year's interview."""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .numerals import parse_chinese_number

# ---------------------------------------------------------------- counts stated in words

# Quantities that report texts state in words, and where each is in the tables.
NEW = "new"
CARRIED_OVER = "carried_over"
CONCLUDED = "concluded"
CARRIED_FORWARD = "carried_forward"
RECONSIDERATION = "reconsideration"
LITIGATION = "litigation"
DOCS_ISSUED = "documents_issued"
DOCS_REPEALED = "documents_repealed"
DOCS_IN_FORCE = "documents_in_force"
QUANTITIES = (
    NEW, CARRIED_OVER, CONCLUDED, CARRIED_FORWARD, RECONSIDERATION, LITIGATION,
    DOCS_ISSUED, DOCS_REPEALED, DOCS_IN_FORCE,
)  # fmt: skip


@dataclass(frozen=True)
class Statement:
    """A quantity the text states: its key (one of QUANTITIES), the number, and the
    words that state it as written in the text, starting at offset `start`."""

    quantity: str
    value: int
    phrase: str
    start: int


def plain_text(text: str) -> tuple[str, list[int]]:
    """The text NFKC-normalised (全角 digits → ASCII) without spaces or tabs, and each
    kept character's offset in the original text. Line breaks are kept. Several rules
    read the same texts, so the last few results are kept (a copy of the offsets is
    handed out, the cached one never changes)."""
    plain, offsets = _plain_text(text)
    return plain, list(offsets)


_BLANK = re.compile(r"[^\S\n]+")  # whitespace other than line breaks


@functools.lru_cache(maxsize=16)
def _plain_text(text: str) -> tuple[str, tuple[int, ...]]:
    """Whitespace runs cut out (their offsets skipped range by range, in C), then the
    rest NFKC-normalised character for character through a translate table."""
    offsets: list[int] = []
    previous = 0
    for match in _BLANK.finditer(text):
        offsets.extend(range(previous, match.start()))
        previous = match.end()
    offsets.extend(range(previous, len(text)))
    plain = _BLANK.sub("", text).translate(_NFKC)
    if _BLANK.search(plain):  # NFKC made a character whitespace (rare): go one by one
        return _plain_text_slow(text)
    return plain, tuple(offsets)


def _plain_text_slow(text: str) -> tuple[str, tuple[int, ...]]:
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        normal = _NFKC[ord(char)]
        normal = char if normal is None else normal
        if normal.isspace() and normal != "\n":
            continue
        chars.append(normal)
        offsets.append(i)
    return "".join(chars), tuple(offsets)


class _NfkcTable(dict[int, str]):
    """str.translate table: each character's one-character NFKC form (全角 → 半角),
    itself when NFKC gives more or fewer characters; filled as characters are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        normal = unicodedata.normalize("NFKC", char)
        self[code] = normal if len(normal) == 1 else char
        return self[code]


_NFKC = _NfkcTable()


_CN_NUMERALS = "〇零一二两三四五六七八九十"
# A statement never runs across the end of a clause or sentence.
_STOPS = "。；;!?！？,，:：、\n"
# Words that start another statement or a sub-count: the gap before a number never
# passes over them (so "行政复议结果维持1件" is not the 复议 total).
_BLOCKERS = (
    "复议|诉讼|起诉|结转|办结|答复|收到|新收|受理|废止|制发|印发|现行有效|规章|未|没有|无|"
    "予以|不予|部分|维持|纠正|其他|其中|审结|结果|自然人|法人|企业|机构|组织"
)


def _gap(most: int) -> str:
    return rf"(?:(?!{_BLOCKERS})[^{_STOPS}0-9]){{0,{most}}}?"


# The number of a statement: digits or a small Chinese numeral, then 件 (not 件次).
_NUM = (
    rf"(?<![0-9.{_CN_NUMERALS}逐每第同统唯])"
    rf"(?P<num>[0-9]+|[{_CN_NUMERALS}]{{1,3}})件(?!次)"
)
_APPLICATION = rf"{_gap(24)}申请(?!人){_gap(6)}"
_NUMBER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (quantity, re.compile(pattern))
    for quantity, pattern in (
        (NEW, rf"(?<!未)(?<!没有)(?<!没)(?:新收|收到|受理|接收|接到){_APPLICATION}{_NUM}"),
        (CARRIED_OVER, rf"上一?年度?结转{_gap(12)}{_NUM}"),
        (CONCLUDED, rf"(?<![未没])办结{_gap(16)}{_NUM}"),
        (CONCLUDED, rf"(?:共|已|累计)答复{_gap(12)}{_NUM}"),
        (CARRIED_FORWARD, rf"(?:结转|转入)(?:至|到)?下一?年度?{_gap(8)}{_NUM}"),
        (RECONSIDERATION, rf"行政复议{_gap(8)}{_NUM}"),
        (LITIGATION, rf"行政诉讼{_gap(8)}{_NUM}"),
        (DOCS_ISSUED, rf"(?:制发|印发|制定|出台){_gap(6)}规范性文件{_gap(4)}{_NUM}"),
        (DOCS_REPEALED, rf"废止{_gap(6)}规范性文件{_gap(4)}{_NUM}"),
        (DOCS_REPEALED, rf"规范性文件{_gap(8)}废止{_gap(4)}{_NUM}"),
        (DOCS_IN_FORCE, rf"现行有效{_gap(6)}规范性文件{_gap(4)}{_NUM}"),
        (DOCS_IN_FORCE, rf"规范性文件{_gap(6)}现行有效{_gap(4)}{_NUM}"),
    )
)
# "未收到政府信息公开申请": no new application this year.
_NO_APPLICATION = re.compile(
    rf"(?:未|没有|没|无)新?(?:收到|受理|接到|接收){_gap(20)}申请(?!人)"
    r"|(?:无|没有)(?:任何)?(?:政府信息公开|依申请公开)申请(?!人)"
)
# "未发生……行政复议、行政诉讼": the clause names the kinds of case there were none of.
_NO_APPEAL = re.compile(
    rf"(?:未发生|没有发生|未出现|没有出现|未有|没有|未被|(?<![并毫])无)"
    rf"[^{_STOPS}0-9经]{{0,24}}?(?:行政复议|行政诉讼)"
)
_CLAUSE_END = re.compile(rf"[{_STOPS.replace('、', '')}]")
# Words before a statement, in its clause, that make it a part and not the total
# ("未经复议直接起诉的行政诉讼2件", "尚未审结的行政复议1件", "其中自然人收到…").
_PART_OF = re.compile("未经|直接|复议后|经复议|尚未|审结|维持|纠正|其中|自然人|法人|企业")


MAX_DIGITS = 15  # no count or amount in a report has more digits


def chinese_number(text: str) -> int | None:
    """ASCII digits, or a Chinese numeral as a clerk writes one (answers.py reads those:
    十七, 两, 二〇二三); None for anything else, a number of more than MAX_DIGITS digits
    included (no count is that large, and int() refuses very long digit strings)."""
    if text.isascii() and text.isdigit():
        return int(text) if len(text) <= MAX_DIGITS else None
    return parse_chinese_number(text)


_STOP_CHARS = re.compile(f"[{re.escape(_STOPS)}]")


@functools.lru_cache(maxsize=16)
def _stop_positions(plain: str) -> list[int]:
    """Where the clause stops of a text are, once per text (a search back from every
    number would make a long text without stops quadratic)."""
    return [match.start() for match in _STOP_CHARS.finditer(plain)]


_CLAUSE_REACH = 80  # a clause is looked at this far back at most: bounded work per number


def _clause_before(plain: str, start: int) -> str:
    """The clause before a statement (at most _CLAUSE_REACH characters of it)."""
    stops = _stop_positions(plain)
    before = bisect.bisect_left(stops, start)
    begin = stops[before - 1] + 1 if before else 0
    return plain[max(begin, start - _CLAUSE_REACH) : start]


def _clause_end(plain: str, start: int) -> int:
    match = _CLAUSE_END.search(plain, start)
    return match.start() if match else len(plain)


def _numbers(plain: str) -> Iterator[tuple[str, int, int, int]]:
    """(quantity, value, start, end) of each number statement, in plain-text offsets."""
    for quantity, pattern in _NUMBER_PATTERNS:
        for match in pattern.finditer(plain):
            value = chinese_number(match.group("num"))
            if value is not None and not _PART_OF.search(_clause_before(plain, match.start())):
                yield quantity, value, match.start(), match.end()


def _zeros(plain: str) -> Iterator[tuple[str, int, int, int]]:
    """(quantity, 0, start, end) of each statement that something did not happen."""
    for match in _NO_APPLICATION.finditer(plain):
        yield NEW, 0, match.start(), _clause_end(plain, match.end())
    for match in _NO_APPEAL.finditer(plain):
        end = _clause_end(plain, match.end())
        clause = plain[match.start() : end]
        for word, quantity in (("行政复议", RECONSIDERATION), ("行政诉讼", LITIGATION)):
            if word in clause:
                yield quantity, 0, match.start(), end


def stated_numbers(text: str) -> list[Statement]:
    """Every quantity of QUANTITIES the text states, in text order.

    Tolerates spaces, 全角 digits, words between the subject and the number, and small
    Chinese numerals; numbers not followed by 件 (条, 次, 个, 元, 年 …) are never taken."""
    plain, offsets = plain_text(text)
    seen: set[tuple[str, int]] = set()
    statements: list[Statement] = []
    for quantity, value, start, end in (*_numbers(plain), *_zeros(plain)):
        if (quantity, end) in seen:
            continue
        seen.add((quantity, end))
        phrase = text[offsets[start] : offsets[end - 1] + 1].replace("\n", " ")
        statements.append(Statement(quantity, value, phrase, offsets[start]))
    return sorted(statements, key=lambda s: (s.start, QUANTITIES.index(s.quantity)))


# ---------------------------------------------------------------- who a statement is about

# A subject narrower than a government's whole area: its office (区政府办, 县政府办公室),
# the government's own level (本级, 本机关) or an office acting for it (代表区政府).
_OFFICE = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:政府办公室|政府办|办公室)(?:代表[\u4e00-\u9fff]{1,8}?政府)?"
    r"|[区县市](?:政府)?本级|本机关|机关本级"
)
_SENTENCE_START = re.compile(r"[。；;!?！？\n]")


def narrower_subject(text: str, start: int) -> str | None:
    """The office or level a statement at `start` speaks of, when its sentence names one
    before it ("区政府办代表区政府受理…17件"): its figure may be that office's, not the
    area total a government's tables give (report-format.md §10)."""
    begin = max((m.end() for m in _SENTENCE_START.finditer(text, 0, start)), default=0)
    match = _OFFICE.search(text, begin, start)
    return match.group() if match else None


# ---------------------------------------------------------------- years

# A year written in digits (2023 年) or in Chinese numerals (二〇二三年).
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年|([〇零一二三四五六七八九]{4})\s*年")


def years_in(text: str) -> Iterator[tuple[int, str]]:
    """Each year named in a text, with a short excerpt around it."""
    for match in _YEAR.finditer(text):
        digits, chinese = match.groups()
        year = int(digits) if digits else parse_chinese_number(chinese)
        if year is None:
            continue
        start = max(match.start() - 6, 0)
        yield year, text[start : match.end() + 8].replace("\n", " ")


# ---------------------------------------------------------------- problems named

_SENTENCES = re.compile(r"[。；;!?！？\n]")
_OUTCOME_WORDS = re.compile("整改|改进|落实|解决|完成|改善|建立|完善|针对|已")
# Words of a sentence that reports what became of a problem.
_REFERS_BACK = re.compile("针对|整改")
# Words that mark a phrase of 五 as a problem.
_PROBLEM_WORDS = (
    "不够|不足|有待|仍需|尚需|欠缺|滞后|较少|不高|不强|不规范|不到位|不及时|不全面|不完善|"
    "不充分|不够完善|薄弱|单一|不深入|不健全"
)
_PROBLEM = re.compile(_PROBLEM_WORDS)
_ITEMS = re.compile(r"[。；;!?！？\n]|[一二三四五六七八九十]是")
# Cut out of a problem phrase before taking its distinctive part: the problem words,
# words every report uses, and function words.
_FILLER = re.compile(
    rf"{_PROBLEM_WORDS}|政府信息公开|政务公开|信息公开|主要问题|主要是|主要|进一步|不断|方面|"
    "存在|问题|工作|一定|一些|较为|仍然|还有|还是|有所|加以|我镇|我局|我区|我县|我市|我委|"
    "本机关|本单位|[的了和与及]"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_LEAD = re.compile(r"^(?:(?:存在的)?(?:主要)?问题(?:是|有|表现在)?|主要(?:是|有|表现在))[:：]?")


def _skeleton(text: str) -> str:
    """The text without whitespace and digits, NFKC-normalised: what a copy keeps."""
    plain, _ = plain_text(text)
    return re.sub(r"[\s0-9]", "", plain)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCES.split(_skeleton(text)) if s]


def is_near_copy(text: str, previous: str) -> bool:
    """True when `text` repeats `previous`: 80% alike, or 80% of it in identical sentences."""
    this, last = _skeleton(text), _skeleton(previous)
    if not this or not last:
        return False
    if difflib.SequenceMatcher(None, this, last, autojunk=False).ratio() >= 0.8:
        return True
    old = set(_sentences(previous))
    mine = _sentences(text)
    copied, total = sum(len(s) for s in mine if s in old), sum(len(s) for s in mine)
    return total > 0 and copied >= 0.8 * total


def named_problems(text: str) -> list[str]:
    """Each problem named in a 五 text, in text order: an item (split at 。；and
    一是/二是…) with a problem word (不够, 有待 …), not an introduction ending in ： nor an
    account of an earlier problem's 整改. Next year's interview takes these as last
    year's problems, every one of them."""
    found: list[str] = []
    for item in _ITEMS.split(text):
        item = re.sub(r"\s+", "", item)
        phrase = _LEAD.sub("", item.strip(",，:："))
        plain, _ = plain_text(phrase)
        if item.endswith((":", "：")) or _REFERS_BACK.search(plain) or not _PROBLEM.search(plain):
            continue
        found.append(phrase)
    return found


def problem_phrases(text: str) -> list[tuple[str, str]]:
    """(phrase, distinctive part) of each problem named in a 五 text (named_problems)
    that has one: its longest run of 4+ CJK characters once problem words, common words
    and function words are cut out — what R13 looks for in this year's text. A problem
    said only in common words (“征地信息公开的及时性还不够”) has none and is left out."""
    found: list[tuple[str, str]] = []
    for phrase in named_problems(text):
        runs = _CJK_RUN.findall(_FILLER.sub(" ", plain_text(phrase)[0]))
        if runs:
            found.append((phrase, max(runs, key=len)))
    return found


def followed_up(plain: str, parts: Sequence[str]) -> bool:
    """Whether a 五 text takes up any of last year's problems: names one's distinctive
    part, or shares four characters of it in a sentence that reports on a problem."""
    if any(part in plain for part in parts):
        return True
    windows = {part[i : i + 4] for part in parts for i in range(len(part) - 3)}
    back = [s for s in _SENTENCES.split(plain) if _REFERS_BACK.search(s)]
    return any(window in sentence for sentence in back for window in windows)


def mentions_last_year(text: str, year: int) -> bool:
    last_year = re.compile(rf"去年|上一?年|{year - 1}年")
    return any(last_year.search(s) and _OUTCOME_WORDS.search(s) for s in _SENTENCES.split(text))


# ---------------------------------------------------------------- the 主动公开 count

# "共主动公开政府信息166条", "主动公开各类信息1,234条": the first count in 条 after 主动公开,
# in the same clause; no table holds it, so a county's overview takes it from here.
_PROACTIVE_COUNT = re.compile(rf"主动公开[^{re.escape(_STOPS)}\d]{{0,12}}?(\d[\d,]{{0,14}})条")


def proactive_count(text: str) -> int | None:
    """The number of items a 主动公开 paragraph says were published, or None."""
    plain, _ = plain_text(text)
    match = _PROACTIVE_COUNT.search(plain)
    return chinese_number(match.group(1).replace(",", "")) if match else None
