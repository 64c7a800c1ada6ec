"""Changes of the parts of a whole: whether a change is written as one of a breakdown (其中/包括/：, 、), and the whole a
part's change is of when its words do not name it (基本支出增加73.07万元，其中人员经费增加70万元、公用经费增加3.07万元)."""

from __future__ import annotations

import re
from os.path import commonprefix

from ..model import WHOLE_OF
from .change_reasons import _REASON_RE
from .change_words import _HEAD_WORD_RE, _NO_ITEM_RE, _named, _opening, within
from .figures import LIST_OPENS_RE, clean_label, part_start


def _listed(text: str, change: dict, before: dict | None) -> bool:
    """Whether a change is written as one of a breakdown (基本支出增加73.07万元，其中基本支出中人员经费增加70万元、
    基本支出中公用经费增加3.07万元): a list opening (其中/包括/：) or a 、 right before its words, since the change
    before it in its part of the sentence — not 基本支出增加73.07万元，基本支出中人员经费增加70万元 (one part named).
    A breakdown going on past a comma: :func:`_listed_past_commas`."""
    opening = _opening(change)
    since = part_start(text, opening)
    if before is not None and since <= before["end"] <= opening:
        since = before["end"]
    return bool(LIST_OPENS_RE.search(text, since, opening)) or text[since:opening].lstrip(" ，,").startswith("、")


def _listed_past_commas(text: str, changes: list[dict]) -> None:
    """Marks as listed (:func:`_listed`) each part of a breakdown that goes on past a comma (基本支出增加73.07万元，其中：
    人员经费增加70.07万元，公用经费增加13万元 — or after the former's reason: …，主要为调整工资标准，公用经费增加13万元):
    a change whose words are the name alone of a part of the whole carried to it (:func:`_whole_carried`) from the
    listed change right before it, itself named so (:data:`~budget_audit.model.WHOLE_OF`: 人员经费 and 公用经费 of
    基本支出) — not 公用经费的办公费 nor 公用经费较2021年增加… — and joined to no change of another item after it
    (…，公用经费减少16.93万元，对个人和家庭的补助增加10万元: a breakdown of more than the parts read)."""
    for before, change, after in zip([None, *changes], changes, [*changes[1:], None], strict=False):
        whole = change["whole"]
        if change["listed"] or before is None or not before["listed"] or not whole:
            continue
        if WHOLE_OF.get(_named(before["label"])) != whole or not _a_part_alone(change["label"], whole):
            continue  # 其中：人员经费增加70万元，公用经费的办公费增加1万元: a part of a part
        if after is not None and after["whole"] != whole and after["depth"] == change["depth"] \
                and text.endswith(label := after["label"].strip(), 0, _opening(after)) \
                and _joined(text, change, _opening(after) - len(label)):
            continue  # …，对个人和家庭的补助增加10万元: another item of the breakdown
        change["listed"] = True


def _a_part_alone(label: str, whole: str) -> bool:
    """Whether a change's words are the name of a part of ``whole`` and nothing else (公用经费 — not 公用经费的办公费, nor
    公用经费较2021年)."""
    own = _named(label)
    return WHOLE_OF.get(own) == whole and label.strip(" ，,、") == own


#: Between a part's change and the next part's words: 、 / ， / 和 ….
_PARTS_JOINED_RE = re.compile(r"[\s、，,和及与]*")
#: … or one clause between commas, the former part's reason (:func:`_joined`): ，主要为调整工资标准，
_CLAUSE_BETWEEN_RE = re.compile(r"[\s，,]*(?P<clause>[^，,、；;。]+)[，,]\s*")


def _joined(text: str, before: dict, start: int) -> bool:
    """Whether the words of a part's change beginning at ``start`` follow the change ``before`` joined by 、/，/和, or
    with its reason in a clause of its own between (人员经费增加70.07万元，主要为调整工资标准，公用经费增加13万元)."""
    if _PARTS_JOINED_RE.fullmatch(text, before["end"], start):
        return True
    between = _CLAUSE_BETWEEN_RE.fullmatch(text, before["end"], start)
    return between is not None and _REASON_RE.match(text, between.start("clause")) is not None


def _whole_carried(text: str, change: dict, before: dict | None) -> str:
    """The whole of the part named right before ``change`` (基本支出中人员经费增加70万元) when ``change``'s words name
    no whole but a part of the same kind, joined to it by 、/，/和 (or after its reason: :func:`_joined`) in one part of
    the sentence at its depth (、公用经费增加2万元; 公务用车购置及运维费中购置费减少18万元，运维费增加0.1万元) — not an item beside the whole
    (、项目支出减少…, ，公务接待费减少…, ，项目经费减少…): its name's stem within the whole's name (运维费 of
    公务用车购置及运维费) or a known part of it (:func:`_a_known_part`); else "". A part named within a part of the item
    whose change is right before it, opening that change's breakdown (基本支出增加73.07万元，其中人员经费中工资福利支出
    增加70万元), is that item's (:func:`_whole_listed`), and so is a part of it after (、商品和服务支出增加3.07万元)."""
    if before is None or before["depth"] != change["depth"]:
        return ""
    inner = within(change["label"])[0]
    own, first = _named(change["label"]), _named(within(before["label"])[1])
    if inner:
        whole = _whole_listed(text, change, before, own, first)
        return whole if whole and _a_known_part(clean_label(inner), whole) else ""
    wholes = [whole for whole in (within(before["label"])[0], before.get("whole", "")) if whole]
    if not wholes:
        return _whole_listed(text, change, before, own, first)
    label = change["label"].strip()
    if _NO_ITEM_RE.match(own) or not label or not text.endswith(label, 0, _opening(change)):
        return ""
    if not _joined(text, before, _opening(change) - len(label)):
        return ""
    head = _HEAD_WORD_RE.search(own)
    if head is None or not first.endswith(head[0]):
        return ""
    return next((whole for whole in wholes if _stem_within(own[: head.start()], whole) or _a_known_part(own, whole)), "")


def _stem_within(stem: str, whole: str) -> bool:
    """Whether a part's stem is in its whole's name, past the words both begin with (运维 of 公务用车购置及运维费, and
    so 公务用车运维; not 公务接待 of it)."""
    common = len(commonprefix([stem, whole]))
    return bool(stem) and (stem in whole or common > 0 and stem[common:] != "" and stem[common:] in whole[common:])


#: A breakdown's opening right after a change: ，其中 / ，其中： / ，包括.
_BREAKDOWN_RE = re.compile(r"[\s，,]*(?:其中|包括)[\s：:，,]*")


def _whole_listed(text: str, change: dict, before: dict, own: str, first: str) -> str:
    """The item ``before``'s change is of when ``change`` opens its breakdown right after it (项目支出减少2090.87万元，
    其中全民大招商资金减少1000万元): ``first``, when ``own`` names a part of it — its stem within the item's name
    (购置费 of 公务用车购置及运维费) or one of its known parts (:func:`_a_known_part`); else "" (基本支出增加…，其中项目支出
    减少… names an item beside it)."""
    if not first or _NO_ITEM_RE.match(first) or not own or _NO_ITEM_RE.match(own):
        return ""
    opening = _BREAKDOWN_RE.match(text, before["end"], _opening(change))
    if opening is None or _named(text[opening.end() : _opening(change)]) != own:
        return ""
    head = _HEAD_WORD_RE.search(own)
    return first if head is not None and (_stem_within(own[: head.start()], first) or _a_known_part(own, first)) else ""


def _group_whole(text: str, group: list[dict], before: dict) -> str:
    """The item ``before``'s change is of when the items of changes written together (分别…, 均…) open its breakdown
    right after it (基本支出增加73.07万元，其中工资福利支出和商品和服务支出分别增加70万元、3.07万元): each names a part of it
    (:func:`_whole_listed`); else ""."""
    first = _named(within(before["label"])[1])
    if before["depth"] != group[0]["depth"] or not first or _NO_ITEM_RE.match(first):
        return ""
    if _BREAKDOWN_RE.match(text, before["end"], group[0]["start"]) is None:
        return ""
    for change in group:
        own = _named(change["label"])
        head = _HEAD_WORD_RE.search(own)
        if head is None or not (_stem_within(own[: head.start()], first) or _a_known_part(own, first)):
            return ""
    return first


#: The parts of wholes that do not name them, and those of their parts: what a part's name begins with, by the
#: whole's last words (人员类项目 and 运转类公用项目: the 2020 reform's names of 人员经费 and 公用经费).
_KNOWN_PARTS = {"基本支出": ("人员", "公用", "运转类公用", "工资福利", "商品和服务"), "人员经费": ("工资福利",),
                "公用经费": ("商品和服务",)}
#: Parts known by how they end: the funds of projects are 项目支出's (全民大招商资金), and so are the kinds of
#: project spending (运转类其他项目支出, 特定目标类项目支出).
_PARTS_BY_ENDING = {"项目支出": ("资金", "项目经费", "专项经费", "项目支出")}


def _a_known_part(own: str, whole: str) -> bool:
    """Whether ``own`` names one of the parts a whole is made of (公用经费 of 基本支出; a project's 资金 of
    项目支出; not 项目经费 or 机关运行经费 of 基本支出, nor 商品和服务支出 of 人员经费)."""
    return any(whole.endswith(name) and own.startswith(parts) for name, parts in _KNOWN_PARTS.items()) or any(
        whole.endswith(name) and own.endswith(endings) for name, endings in _PARTS_BY_ENDING.items())
