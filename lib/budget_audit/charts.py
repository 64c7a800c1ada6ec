"""Figures of the per-unit report, with Chinese labels that render on a fresh machine.

The CJK font is set up in one place, :func:`setup_fonts`, called when this module is
imported: it registers the bundled OFL font ``fonts/NotoSansSC-Regular.ttf`` with
matplotlib's font manager (no font-cache rebuild) and puts "Noto Sans SC" first in
``font.family`` and ``font.sans-serif``, with matplotlib's own DejaVu Sans behind it for
the few symbols it lacks. Each chart is also built under those settings,
so it keeps its font even if a notebook resets matplotlib's defaults; a character that
neither font has (a rare Extension-B ideograph in a name) is shown as □, the usual mark
for a missing character, rather than as an empty box with a "Glyph missing" warning. Every chart is a pure function of model objects or DataFrames that
returns a :class:`matplotlib.figure.Figure`; amounts are shown in 万元; colours are fixed.

Figures are built with :class:`matplotlib.figure.Figure` on an Agg canvas, not through
``pyplot``: nothing is registered in pyplot's figure manager (no leaks, nothing to close),
the global backend is left alone, and the same code runs headless and in a Jupyter kernel
(a figure displays itself as PNG through ``_repr_png_``, or through the inline backend's
formatter when that is active).
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import functools
import io
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import matplotlib
from matplotlib import colors, font_manager, image, ticker
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

from .model import Disclosure, Project, StatedChange
from .model import Figure as Amount

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FONT_FAMILY",
    "INDICATOR_CLASSES",
    "REPORT_CHARTS",
    "VARIANCE_COLUMNS",
    "all_charts",
    "alt_text",
    "displayable",
    "expenditure_chart",
    "figure_to_data_uri",
    "figure_to_png_bytes",
    "findings_chart",
    "font_path",
    "income_chart",
    "indicator_heatmap",
    "no_data_figure",
    "project_labels",
    "projects_pareto_chart",
    "sangong_chart",
    "setup_fonts",
    "short_name",
    "subtitle",
    "variance_chart",
]

# ---------------------------------------------------------------------------- font set-up

#: Family name of the bundled font.
FONT_FAMILY = "Noto Sans SC"
#: Fonts for the glyphs Noto Sans SC lacks (✔, some symbols); DejaVu Sans ships with matplotlib.
FALLBACK_FAMILIES = ("DejaVu Sans",)
#: Shown in a chart in place of a character that none of the chart fonts has (a rare
#: ideograph of CJK Extension B, an emoji): the customary mark for a missing character.
MISSING_CHARACTER = "□"
_FONT_RESOURCE = ("fonts", "NotoSansSC-Regular.ttf")

# Keeps a font extracted from a zipped install alive until the interpreter exits.
_resource_stack = contextlib.ExitStack()
atexit.register(_resource_stack.close)


@functools.cache
def font_path() -> Path:
    """Filesystem path of the bundled Noto Sans SC font (package data)."""
    ref = resources.files(__package__).joinpath(*_FONT_RESOURCE)
    if isinstance(ref, Path):
        return ref
    return _resource_stack.enter_context(resources.as_file(ref))


def _font_rc() -> dict[str, Any]:
    """The font rcParams: Noto Sans SC first, ASCII hyphen for minus signs.

    The family is named in ``font.family`` itself, not only through the generic
    "sans-serif" (which matplotlib expands when a figure is drawn, not when its text is
    made): text made under these settings keeps Noto Sans SC whatever the rcParams are
    when it is saved or shown. :data:`FALLBACK_FAMILIES` follow it for the glyphs it lacks
    (the generic "sans-serif" would only name Noto Sans SC again).
    """
    others = [f for f in matplotlib.rcParams["font.sans-serif"] if f != FONT_FAMILY]
    return {
        "font.family": [FONT_FAMILY, *FALLBACK_FAMILIES],
        "font.sans-serif": [FONT_FAMILY, *others],
        "axes.unicode_minus": False,
    }


def _register_font() -> Path:
    path = font_path()
    manager = font_manager.fontManager
    if not any(Path(entry.fname) == path for entry in manager.ttflist):
        manager.addfont(path)
    return path


@functools.cache
def _covered() -> frozenset[int]:
    """Code points that the chart fonts (Noto Sans SC and the fallbacks) have glyphs for."""
    from matplotlib.ft2font import FT2Font

    paths = [font_path()]
    paths += [Path(font_manager.findfont(family, fallback_to_default=False))
              for family in FALLBACK_FAMILIES]
    covered: set[int] = set()
    for path in paths:
        covered.update(FT2Font(str(path)).get_charmap())
    return frozenset(covered)


def displayable(text: str) -> str:
    """``text`` as a chart can show it: a character no chart font has becomes
    :data:`MISSING_CHARACTER` (instead of an empty box and a "Glyph … missing" warning);
    invisible format characters (zero-width space, BOM, variation selectors) are dropped."""
    covered = _covered()
    if all(ord(ch) in covered or ch in "\n\t " for ch in text):
        return text
    shown: list[str] = []
    for ch in text:
        if ord(ch) in covered or ch in "\n\t ":
            shown.append(ch)
        elif unicodedata.category(ch) not in ("Cf", "Mn", "Cc"):
            shown.append(MISSING_CHARACTER)
    return "".join(shown)


class _DisplayableFormatter(ticker.Formatter):
    """A tick formatter whose labels pass through :func:`displayable` (tick labels are
    made anew from the formatter each time the figure is drawn)."""

    def __init__(self, inner: ticker.Formatter) -> None:
        self.inner = inner

    def __call__(self, x: float, pos: int | None = None) -> str:
        return displayable(self.inner(x, pos))

    def format_ticks(self, values: Any) -> list[str]:
        return [displayable(label) for label in self.inner.format_ticks(values)]

    def format_data(self, value: float) -> str:
        return displayable(self.inner.format_data(value))

    def format_data_short(self, value: float) -> str:
        return displayable(self.inner.format_data_short(value))

    def get_offset(self) -> str:
        return displayable(self.inner.get_offset())

    def set_locs(self, locs: Any) -> None:
        self.inner.set_locs(locs)

    def set_axis(self, axis: Any) -> None:
        super().set_axis(axis)
        self.inner.set_axis(axis)


def _displayable_figure(fig: Figure) -> None:
    """Make every text of ``fig`` displayable (:func:`displayable`), tick labels included."""
    for text in fig.findobj(Text):
        content = text.get_text()
        shown = displayable(content)
        if shown != content:
            text.set_text(shown)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for formatter, setter in ((axis.get_major_formatter(), axis.set_major_formatter),
                                      (axis.get_minor_formatter(), axis.set_minor_formatter)):
                if not isinstance(formatter, _DisplayableFormatter):
                    setter(_DisplayableFormatter(formatter))


def setup_fonts() -> Path:
    """Register the bundled font and make it matplotlib's first sans-serif font.

    Idempotent; called when :mod:`budget_audit.charts` is imported. Returns the font path.
    Charts do not depend on the global settings staying in place: each chart applies the
    same font settings while it is built.
    """
    path = _register_font()
    matplotlib.rcParams.update(_font_rc())
    return path


setup_fonts()

# ---------------------------------------------------------------------------- style

FIGSIZE = (8.0, 4.5)
DPI = 110

#: Fixed palette (no random colours); red/blue rather than red/green for increase/decrease.
BLUE = "#4C72B0"
LIGHT_BLUE = "#93B5E1"
ORANGE = "#DD8452"
LIGHT_ORANGE = "#F2C29B"
RED = "#C44E52"
GREEN = "#55A868"
GREY = "#9A9A9A"
LIGHT_GREY = "#D9D9D9"
DARK = "#333333"
MUTED = "#666666"

_STYLE: dict[str, Any] = {
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 9,
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "text.parse_math": False,  # project names may contain "$"
}

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _styled(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Build a chart under the report's font and style settings, whatever the globals are,
    with every text displayable in those fonts."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        _register_font()
        with matplotlib.rc_context({**_STYLE, **_font_rc()}):
            result = func(*args, **kwargs)
        if isinstance(result, Figure):
            _displayable_figure(result)
        return result

    return wrapper


class ChartFigure(Figure):
    """A Figure that shows itself as PNG in Jupyter even when no backend is active, its title as the image's alt
    text (what the HTML report gives screen readers and text search)."""

    def _repr_png_(self) -> tuple[bytes, dict[str, str]]:
        return figure_to_png_bytes(self, close=False), {"alt": alt_text(self)}


def alt_text(fig: Figure) -> str:
    """A chart's alt text: its title (the figure's suptitle), else "图"."""
    return " ".join(fig.get_suptitle().split()) or "图"


def _new_figure(width: float = FIGSIZE[0], height: float = FIGSIZE[1]) -> ChartFigure:
    fig = ChartFigure(figsize=(width, height), dpi=DPI, layout="constrained", facecolor="white")
    FigureCanvasAgg(fig)  # an Agg canvas for this figure only; the global backend is untouched
    fig.get_layout_engine().set(h_pad=0.06, w_pad=0.08)  # type: ignore[union-attr]
    return fig


_TITLE_PT = 13.0
_SUBTITLE_PT = 8.5


def _em_width(text: str) -> float:
    """Approximate width of text in em: CJK and full-width characters 1, others ~0.55."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in text)


def _wrap(parts: Sequence[str], max_em: float) -> list[str]:
    """Join subtitle parts with "；" into lines of at most ``max_em``, breaking between parts."""
    lines: list[str] = []
    for part in (p for p in parts if p):
        if lines and _em_width(lines[-1] + "；" + part) <= max_em:
            lines[-1] += "；" + part
        else:
            lines.append(part)
    return lines


def _titles(fig: Figure, title: str, *subtitle: str) -> None:
    """Title and a small grey subtitle, both left-aligned at the top of the figure.

    The title is a suptitle, so the layout engine makes room for it; it is padded with
    empty lines that reserve the room the subtitle is drawn in, just below its first line.
    """
    width_pt = fig.get_figwidth() * 72
    lines = _wrap(subtitle, (width_pt - 24) / _SUBTITLE_PT)
    line_pt = _TITLE_PT * 1.2
    reserve = math.ceil((4.5 + len(lines) * _SUBTITLE_PT * 1.3) / line_pt) if lines else 0
    heading = fig.suptitle(title + "\n" * reserve, x=0.012, ha="left", fontsize=_TITLE_PT,
                           color=DARK)
    if lines:
        note = Annotation("\n".join(lines), xy=(0, 1), xycoords=heading,
                          xytext=(0, -line_pt - 1.5), textcoords="offset points", ha="left",
                          va="top", fontsize=_SUBTITLE_PT, color=MUTED, linespacing=1.3)
        note.set_in_layout(False)
        fig.add_artist(note)


def subtitle(fig: Figure) -> str:
    """The subtitle of a chart made here ("" if none): unit, year and the key figures."""
    return next((a.get_text() for a in fig.artists if isinstance(a, Annotation)), "")


def _legend(fig: Figure, handles: Sequence[Any]) -> None:
    """Legend below the plot, outside the data (never over bars or labels)."""
    fig.legend(handles=list(handles), loc="outside lower center", ncols=min(len(handles), 4))


def _money_axis(axis: Any) -> None:
    """Tick labels in 万元 with thousands separators and no needless decimals."""
    axis.set_major_formatter(ticker.FuncFormatter(
        lambda x, _pos: f"{x:,.2f}".rstrip("0").rstrip(".")))


def _doc_caption(doc: Disclosure | None) -> str:
    """"单位名称 · 2023年预算" for subtitles; empty when the document says neither."""
    if doc is None:
        return ""
    parts: list[str] = []
    name = doc.unit.name.text if doc.unit.name else (doc.issuer.text if doc.issuer else "")
    if name:
        parts.append(name)
    if doc.year is not None:
        parts.append(f"{doc.year}年{doc.kind or ''}")
    return " · ".join(parts)


@_styled
def no_data_figure(title: str, message: str = "无数据", *, doc: Disclosure | None = None) -> Figure:
    """A figure with its title and a centred Chinese note such as 无数据."""
    fig = _new_figure(height=2.6)
    ax = fig.add_subplot()
    ax.set_axis_off()
    _titles(fig, title, _doc_caption(doc))
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=16, color=GREY,
            transform=ax.transAxes)
    return fig


# ---------------------------------------------------------------------------- numbers


def _wan(yuan: Decimal | None) -> float | None:
    """Yuan → float 万元 for plotting (labels are formatted from the Decimal)."""
    return None if yuan is None else float(yuan / 10_000)


def _fmt(value: float) -> str:
    return f"{value:,.2f}"


def _fmt_signed(value: float) -> str:
    return f"{value:+,.2f}"


def _amount_wan(fig: Amount | None) -> float | None:
    return None if fig is None else _wan(fig.yuan)


def _pad_limits(ax: Axes, values: Sequence[float], *, axis: str = "x", room: float = 0.22) -> None:
    """Leave room after the largest bar for its value label; cope with all-zero data."""
    hi = max([0.0, *values])
    lo = min([0.0, *values])
    span = hi - lo or 1.0
    lim = (lo - span * room if lo < 0 else 0.0, hi + span * room if hi > 0 or lo == 0 else 0.0)
    (ax.set_xlim if axis == "x" else ax.set_ylim)(*lim)


# ---------------------------------------------------------------------------- names


_DOC_NO = r"[\u4e00-\u9fff]{1,5}\s*[【\[〔（(]\s*\d{4}\s*[】\]〕）)]\s*\d+\s*号"
# A project named after its funding notice: 关于(提前)下达<body>的通知 <document number>(<note>)
_NOTICE = re.compile(
    r"^关于(?:提前)?(?:下达|拨付|分配|印发|安排|预拨)?(?P<body>.+?)的(?:通知|批复|函)\s*"
    rf"(?:{_DOC_NO})?(?P<note>\s*[（(][^（()）]*[）)])?\s*$"
)
# A document number such as 冀财教【2021】174号 standing apart at the end of a name.
_TRAILING_DOC_NO = re.compile(r"\s+[\u4e00-\u9fff]{1,5}\s*[【\[〔]\s*\d{4}\s*[】\]〕]\s*\d+\s*号\s*$")
_TAIL_NOTE = re.compile(r"[（(][^（()）]*[）)]$")


def short_name(name: str, width: int = 18) -> str:
    """A project name shortened for axis labels, at most ``width`` characters.

    Names copied from a funding notice lose the boilerplate (``关于提前下达…的通知`` and the
    document number such as ``冀财教【2021】174号``); a trailing note in brackets, which
    often tells similar projects apart (``（办公费10万元）``), is kept and the middle is
    elided with "…"; other long names are cut at the end with "…".
    """
    text = re.sub(r"\s+", " ", name).strip()
    notice = _NOTICE.match(text)
    if notice:
        text = notice["body"] + (notice["note"] or "").strip()
    else:
        text = _TRAILING_DOC_NO.sub("", text)
    text = text.strip() or name.strip()
    if len(text) <= width:
        return text
    note = _TAIL_NOTE.search(text)
    if note and len(note.group()) <= width - 7 and note.start() > 0:
        head = width - 1 - len(note.group())
        return text[:head].rstrip() + "…" + note.group()
    return text[: width - 1].rstrip() + "…"


def project_labels(projects: Sequence[Project], width: int = 18) -> list[str]:
    """Unique short axis labels for projects: ``"8 2022年技术创新…（办公费10万元）"``.

    The project's sequence number (or its position) comes first, so that labels of
    projects with the same name stay distinct and can be found in the source table.
    """
    labels: list[str] = []
    seen: dict[str, int] = {}
    for pos, project in enumerate(projects, start=1):
        number = project.seq if project.seq is not None else pos
        label = f"{number} {short_name(project.title, width)}"
        count = seen.get(label, 0)
        seen[label] = count + 1
        labels.append(label if count == 0 else f"{label}（{count + 1}）")
    return labels


# ---------------------------------------------------------------------------- 1 income


@_styled
def income_chart(doc: Disclosure) -> Figure:
    """收入来源构成: horizontal bars of income by source plus 上年结转, in 万元.

    Each bar carries its amount and its share of all sources shown (current income and
    carry-over together); the subtitle repeats the stated 收入合计.
    """
    title = "收入来源构成"
    rows: list[tuple[str, float, str]] = [
        (f.label, v, BLUE) for f in doc.income.parts if (v := _amount_wan(f)) is not None
    ]
    carry_fig = doc.income.carry_over
    carry = _amount_wan(carry_fig)
    if carry_fig is not None and carry is not None:
        rows.append((carry_fig.label or "上年结转", carry, ORANGE))
    if not rows:
        return no_data_figure(title, doc=doc)

    fig = _new_figure(height=max(FIGSIZE[1], 0.45 * len(rows) + 1.6))
    ax = fig.add_subplot()
    labels = [r[0] for r in rows]
    values = [r[1] for r in rows]
    ax.barh(range(len(rows)), values, color=[r[2] for r in rows], height=0.6)
    ax.set_yticks(range(len(rows)), labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    denominator = sum(v for v in values if v > 0)
    for i, value in enumerate(values):
        share = f"（{value / denominator:.1%}）" if denominator else ""
        ax.annotate(f"{_fmt(value)}{share}", (max(value, 0.0), i), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=8, color=DARK)
    _pad_limits(ax, values, room=0.3)
    _money_axis(ax.xaxis)
    ax.set_xlabel("金额（万元）")
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    total = _amount_wan(doc.income.total)
    _titles(
        fig, title, _doc_caption(doc),
        f"收入合计（公开数）{_fmt(total)}万元" if total is not None else "",
        f"上年结转{_fmt(carry)}万元" if carry is not None else "",
        "括号内为占全部来源的比重",
    )
    if carry is not None:
        _legend(fig, [Patch(color=BLUE, label="本年收入"), Patch(color=ORANGE, label="上年结转")])
    return fig


# ---------------------------------------------------------------------------- 2 expenditure


@_styled
def expenditure_chart(doc: Disclosure) -> Figure:
    """支出结构: stacked horizontal bars 支出合计 / 基本支出 / 项目支出, in 万元.

    基本支出 is split into 人员经费 and 公用经费, 项目支出 into its stated parts (本级支出,
    对下补助…) when there are several; 支出合计 stacks all of them. A black tick marks each
    stated total, so a bar that does not reach its tick shows parts that do not add up.
    Legend entries carry the amounts.
    """
    title = "支出结构"
    exp = doc.expenditure
    basic_parts: list[tuple[str, float | None, str]] = [
        ("人员经费", _amount_wan(exp.personnel), BLUE),
        ("公用经费", _amount_wan(exp.public), LIGHT_BLUE),
    ]
    basic_segments = [(n, v, c) for n, v, c in basic_parts if v is not None]
    basic = _amount_wan(exp.basic)
    if not basic_segments and basic is not None:
        basic_segments = [("基本支出", basic, BLUE)]
    project = _amount_wan(exp.project)
    project_parts = [(f.label, v) for f in exp.project_parts if (v := _amount_wan(f)) is not None]
    shades = [ORANGE, LIGHT_ORANGE, "#B5651D", "#F7DCC3"]
    if len(project_parts) > 1:
        project_segments = [(n, v, shades[i % len(shades)]) for i, (n, v) in enumerate(project_parts)]
    elif project is not None:
        project_segments = [("项目支出", project, ORANGE)]
    else:
        project_segments = [(n, v, ORANGE) for n, v in project_parts]
    total = _amount_wan(exp.total)
    if not basic_segments and not project_segments:
        if total is None:
            return no_data_figure(title, doc=doc)

    bars: list[tuple[str, list[tuple[str, float, str]], float | None]] = [
        ("支出合计", basic_segments + project_segments, total),
        ("基本支出", basic_segments, basic),
        ("项目支出", project_segments, project),
    ]
    fig = _new_figure()
    ax = fig.add_subplot()
    extent: list[float] = []
    legend: dict[str, Patch] = {}
    for row, (_name, segments, stated) in enumerate(bars):
        left = 0.0
        for label, value, colour in segments:
            ax.barh(row, value, left=left, color=colour, height=0.55, edgecolor="white",
                    linewidth=0.8)
            legend.setdefault(label, Patch(color=colour, label=f"{label} {_fmt(value)}"))
            left += value
        extent.append(left)
        if stated is not None:
            extent.append(stated)
            ax.plot([stated, stated], [row - 0.36, row + 0.36], color=DARK, linewidth=1.6)
        shown = stated if stated is not None else (left if segments else None)
        if shown is not None:
            note = "（公开数）" if stated is not None else "（各项之和）"
            ax.annotate(f"{_fmt(shown)}{note}", (max(left, stated or 0.0), row), xytext=(5, 0),
                        textcoords="offset points", va="center", fontsize=8, color=DARK)
    ax.set_yticks(range(len(bars)), [b[0] for b in bars])
    ax.set_ylim(len(bars) - 0.5, -0.5)
    _pad_limits(ax, extent, room=0.3)
    _money_axis(ax.xaxis)
    ax.set_xlabel("金额（万元）")
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    handles = list(legend.values())
    handles.append(Line2D([], [], color=DARK, linewidth=1.6, label="公开数"))
    _legend(fig, handles)
    _titles(fig, title, _doc_caption(doc), "金额单位：万元；竖线为文中公开的合计数")
    return fig


# ---------------------------------------------------------------------------- 3 variance

#: Columns of the year-on-year DataFrame taken by :func:`variance_chart`.
VARIANCE_COLUMNS = ("项目", "本年", "上年", "变动额", "变动率")


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _records(table: pd.DataFrame | Sequence[Mapping[str, Any]] | None, column: str) -> list[Mapping[str, Any]] | None:
    """The rows of a DataFrame or of a list of row dicts; None without ``column``."""
    if table is None:
        return None
    if hasattr(table, "to_dict"):
        return table.to_dict("records") if column in table.columns else None
    rows = list(table)
    return rows if all(column in row for row in rows) else None


@_styled
def variance_chart(
    variance: pd.DataFrame | Sequence[Mapping[str, Any]] | None,
    *,
    title: str = "同比变动",
    value: str = "变动额",
    doc: Disclosure | None = None,
) -> Figure:
    """同比变动: diverging horizontal bars, increases right (red), decreases left (blue).

    ``variance`` (a DataFrame, or its rows as dicts) has one row per item, in the order to
    be shown, with the columns
    ``项目`` (str, e.g. "基本支出"), ``本年`` and ``上年`` (amounts in 万元; Decimal, float or
    int; None/NaN when unknown), ``变动额`` (本年 − 上年 in 万元, signed) and ``变动率``
    (percent: ``-25.3`` means −25.3 %; NaN when 上年 is 0 or unknown). A missing 变动额 is
    computed from 本年 − 上年, a missing 变动率 from 变动额 / 上年; rows where neither can be
    had are left out. ``value`` chooses the bar length: "变动额" (default) or "变动率" —
    the rate keeps items of very different size (支出 vs 三公) readable on one axis.
    """
    if value not in ("变动额", "变动率"):
        raise ValueError(f"value must be 变动额 or 变动率, not {value!r}")
    records = _records(variance, "项目")
    if records is None:
        return no_data_figure(title, doc=doc)
    rows: list[tuple[str, float, float | None]] = []  # name, amount change, rate
    for record in records:
        current, prior = _number(record.get("本年")), _number(record.get("上年"))
        delta = _number(record.get("变动额"))
        if delta is None and current is not None and prior is not None:
            delta = current - prior
        rate = _number(record.get("变动率"))
        if rate is None and delta is not None and prior:
            rate = delta / prior * 100
        if delta is None or (value == "变动率" and rate is None):
            continue
        rows.append((str(record["项目"]), delta, rate))
    if not rows:
        return no_data_figure(title, doc=doc)

    fig = _new_figure(height=max(3.0, 0.42 * len(rows) + 1.9))
    ax = fig.add_subplot()
    lengths = [r[1] if value == "变动额" else r[2] or 0.0 for r in rows]
    colours = [RED if v > 0 else BLUE if v < 0 else GREY for v in lengths]
    ax.barh(range(len(rows)), lengths, color=colours, height=0.6)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.axvline(0, color=DARK, linewidth=0.8)
    for i, ((_, delta, rate), length) in enumerate(zip(rows, lengths, strict=True)):
        if value == "变动额":
            text = f"{_fmt_signed(delta)}" + (f"（{rate:+.1f}%）" if rate is not None else "")
        else:
            text = f"{rate:+.1f}%（{_fmt_signed(delta)}万元）"
        ax.annotate(text, (length, i), xytext=(4 if length >= 0 else -4, 0),
                    textcoords="offset points", va="center",
                    ha="left" if length >= 0 else "right", fontsize=8, color=DARK)
    bound = max(abs(v) for v in lengths) or 1.0
    room = 1.6 if value == "变动额" else 1.95  # rate labels are longer
    ax.set_xlim(-bound * room, bound * room)
    if value == "变动额":
        _money_axis(ax.xaxis)
    ax.set_xlabel("变动额（万元）" if value == "变动额" else "变动率（%）")
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    _legend(fig, [Patch(color=RED, label="增加"), Patch(color=BLUE, label="减少")])
    _titles(fig, title, _doc_caption(doc),
            "本年比上年" + ("，括号内为变动率" if value == "变动额" else "，括号内为变动额"))
    return fig


# ---------------------------------------------------------------------------- 4 三公


def _clean_subject(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", text)


# Which stated change belongs to which 三公 item when its subject is not the figure's label.
_SANGONG_MATCH: dict[str, Callable[[str], bool]] = {
    "total": lambda s: "合计" in s or s in ("三公经费", "三公"),
    "overseas": lambda s: "出国" in s or "出境" in s,
    "vehicle": lambda s: "购置" in s and ("运维" in s or "运行" in s),
    "vehicle_purchase": lambda s: "购置" in s and "运维" not in s and "运行" not in s,
    "vehicle_operation": lambda s: ("运维" in s or "运行" in s) and "购置" not in s,
    "reception": lambda s: "接待" in s,
}


def _prior_yuan(key: str, current: Amount, changes: Sequence[StatedChange]) -> Decimal | None:
    """Last year's value: the stated prior, else current − stated change; None if unstated."""
    label = _clean_subject(current.label)
    change = next((c for c in changes if _clean_subject(c.subject) == label), None)
    if change is None:
        change = next((c for c in changes if _SANGONG_MATCH[key](_clean_subject(c.subject))), None)
    if change is None:
        return None
    if change.prior is not None and change.prior.yuan is not None:
        return change.prior.yuan
    if current.yuan is None or change.delta_yuan is None:
        return None
    return current.yuan - change.delta_yuan


@_styled
def sangong_chart(doc: Disclosure) -> Figure:
    """"三公"经费: grouped bars of each part this year and last year, in 万元.

    Parts are 因公出国（境）费, 公务用车购置费 and 公务用车运维费 (or 公务用车购置及运维费
    when not split) and 公务接待费. Last year's value is the prior written next to the
    stated change, else this year's value minus the stated change; a part whose change the
    document does not state is marked 上年数未说明.
    """
    title = "“三公”经费本年与上年对比"
    sg = doc.sangong
    keys = ["overseas"]
    if sg.vehicle_purchase is not None or sg.vehicle_operation is not None:
        keys += ["vehicle_purchase", "vehicle_operation"]
    else:
        keys.append("vehicle")
    keys.append("reception")
    items = [(k, f) for k in keys if (f := getattr(sg, k)) is not None and f.yuan is not None]
    if not items and sg.total is not None and sg.total.yuan is not None:
        items = [("total", sg.total)]
    if not items:
        return no_data_figure(title, doc=doc)

    rows = [(f.label, _wan(f.yuan), _wan(_prior_yuan(k, f, sg.changes))) for k, f in items]
    fig = _new_figure(height=max(FIGSIZE[1], 0.6 * len(rows) + 1.6))
    ax = fig.add_subplot()
    height = 0.36
    extent: list[float] = []
    for i, (_label, current, prior) in enumerate(rows):
        y_prior, y_current = i - height / 2, i + height / 2
        if prior is not None:
            ax.barh(y_prior, prior, height=height, color=GREY)
            ax.annotate(_fmt(prior), (max(prior, 0.0), y_prior), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=7.5, color=MUTED)
            extent.append(prior)
        else:
            ax.annotate("上年数未说明", (0, y_prior), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=7.5, color=MUTED)
        assert current is not None
        ax.barh(y_current, current, height=height, color=BLUE)
        ax.annotate(_fmt(current), (max(current, 0.0), y_current), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=7.5, color=DARK)
        extent.append(current)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _pad_limits(ax, extent, room=0.25)
    _money_axis(ax.xaxis)
    ax.set_xlabel("金额（万元）")
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    this_year = f"{doc.year}年" if doc.year else "本年"
    last_year = f"{sg.prior_year}年" if sg.prior_year else (f"{doc.year - 1}年" if doc.year else "上年")
    _legend(fig, [Patch(color=GREY, label=last_year), Patch(color=BLUE, label=this_year)])
    total_note = ""
    if sg.total is not None and sg.total.yuan is not None:
        total_prior = _wan(_prior_yuan("total", sg.total, sg.changes))
        total_note = f"合计{this_year}{_fmt(_wan(sg.total.yuan) or 0.0)}万元" + (
            f"、{last_year}{_fmt(total_prior)}万元" if total_prior is not None else "")
    _titles(fig, title, _doc_caption(doc), total_note,
            "上年数取文中所列上年数，未列时按本年数与公开的增减额推算；金额单位：万元")
    return fig


# ---------------------------------------------------------------------------- 5 projects


def _is_carry_over(project: Project, year: int | None) -> bool:
    code_year = project.code_year
    return year is not None and code_year is not None and code_year < year


PARETO_MIN_PROJECTS = 3
"""The fewest projects the 项目预算帕累托图 draws the cumulative share and its 80% line for."""


@_styled
def projects_pareto_chart(doc: Disclosure, *, label_width: int = 18) -> Figure:
    """项目预算帕累托图: projects sorted by budget (bars, 万元) with the cumulative share (line).

    Carry-over projects (project-code year before the budget year) are drawn in orange,
    the others in blue; the dashed line marks 80 % of the total (the line and its share only
    from :data:`PARETO_MIN_PROJECTS` projects on). Long names are shortened
    with :func:`project_labels`. Projects without a budget figure are counted in the
    subtitle but not drawn.
    """
    title = "项目预算分布（帕累托图）"
    funded = [(p, v) for p in doc.projects if (v := _amount_wan(p.budget)) is not None]
    if not funded:
        return no_data_figure(title, doc=doc)
    labels_by_id = dict(zip(map(id, doc.projects), project_labels(doc.projects, label_width),
                            strict=True))
    funded.sort(key=lambda pv: -pv[1])  # stable: equal budgets keep document order
    values = [v for _, v in funded]
    carry = [_is_carry_over(p, doc.year) for p, _ in funded]
    total = sum(values)
    cumulative: list[float] = []
    running = 0.0
    for v in values:
        running += v
        cumulative.append(running / total * 100 if total else 0.0)

    n = len(funded)
    fig = _new_figure(height=max(FIGSIZE[1], 0.24 * n + 1.9))
    ax = fig.add_subplot()
    ys = list(range(n))
    ax.barh(ys, values, color=[ORANGE if c else BLUE for c in carry], height=0.7)
    ax.set_yticks(ys, [labels_by_id[id(p)] for p, _ in funded])
    ax.set_ylim(n - 0.5, -0.5)
    for y, v in zip(ys, values, strict=True):
        ax.annotate(_fmt(v), (max(v, 0.0), y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7, color=DARK)
    _pad_limits(ax, values, room=0.14)
    _money_axis(ax.xaxis)
    ax.set_xlabel("预算数（万元）")
    ax.grid(axis="x", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)

    handles: list[Any] = [Patch(color=BLUE, label="本年项目")]
    if any(carry):
        handles.append(Patch(color=ORANGE, label="上年结转项目（编码年份早于预算年度）"))
    if n >= PARETO_MIN_PROJECTS:  # of one or two projects, a cumulative share says nothing
        cum_ax = ax.twiny()
        cum_ax.plot(cumulative, ys, color=DARK, linewidth=1.1, marker="o", markersize=2.5)
        cum_ax.axvline(80, color=RED, linewidth=0.8, linestyle="--")
        cum_ax.set_xlim(0, 105)
        cum_ax.set_ylim(n - 0.5, -0.5)
        cum_ax.set_xlabel("累计占比（%）", color=MUTED)
        cum_ax.tick_params(axis="x", colors=MUTED)
        cum_ax.spines["top"].set_visible(True)
        cum_ax.spines["top"].set_color("#BBBBBB")
        cum_ax.spines["right"].set_visible(False)
        handles += [
            Line2D([], [], color=DARK, marker="o", markersize=2.5, label="累计占比"),
            Line2D([], [], color=RED, linestyle="--", label="80%"),
        ]
    _legend(fig, handles)
    carry_total = sum(v for v, c in zip(values, carry, strict=True) if c)
    unfunded = len(doc.projects) - n
    _titles(
        fig, title, _doc_caption(doc),
        f"{n}个项目合计{_fmt(total)}万元"
        + (f"，其中上年结转{sum(carry)}个、{_fmt(carry_total)}万元" if any(carry) else ""),
        f"另有{unfunded}个项目未列预算数" if unfunded else "",
    )
    return fig


# ---------------------------------------------------------------------------- 6 indicators

#: Second-level indicator classes, in the order of the usual indicator tree.
INDICATOR_CLASSES = ("数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益",
                     "可持续影响", "满意度")
_QUALITATIVE = "定性值"
_OTHER = "其他"


def _indicator_class(level1: str, level2: str) -> str:
    for text in (level2, level1):
        for name in INDICATOR_CLASSES:
            if name in text:
                return name
    return _OTHER


@_styled
def indicator_heatmap(doc: Disclosure, *, include_unit: bool = True, label_width: int = 18) -> Figure:
    """绩效指标分布: counts of indicators per project (rows) and class (columns).

    Columns are the nine second-level classes 数量 … 满意度 (plus 其他 when a class is not
    recognised) in blue, and a last column in orange counting qualitative values (no
    number, e.g. 及时, 有效). Empty cells of a class show 0 in grey. The unit-wide
    indicators, when ``include_unit`` and present, form the first row (单位整体).
    """
    title = "绩效指标分布"
    rows: list[tuple[str, list[Any]]] = []
    if include_unit and doc.unit_goals.indicators:
        rows.append(("单位整体", list(doc.unit_goals.indicators)))
    rows += [(label, list(p.indicators))
             for label, p in zip(project_labels(doc.projects, label_width), doc.projects, strict=True)]
    if not rows or not any(indicators for _, indicators in rows):
        return no_data_figure(title, doc=doc)

    classes = list(INDICATOR_CLASSES)
    counts = [[0] * (len(classes) + 2) for _ in rows]  # + 其他 + 定性值
    for r, (_, indicators) in enumerate(rows):
        for ind in indicators:
            name = _indicator_class(ind.level1, ind.level2)
            col = classes.index(name) if name in classes else len(classes)
            counts[r][col] += 1
            if ind.value.is_qualitative:  # what IN001 lists: not a blank, nor 每月15日前
                counts[r][-1] += 1
    columns = [*classes, _OTHER, _QUALITATIVE]
    keep = [c for c in range(len(columns)) if columns[c] != _OTHER or any(row[c] for row in counts)]
    columns = [columns[c] for c in keep]
    counts = [[row[c] for c in keep] for row in counts]

    import numpy as np

    matrix = np.array(counts, dtype=float)
    n_rows, n_cols = matrix.shape
    fig = _new_figure(height=max(FIGSIZE[1], 0.24 * n_rows + 2.0))
    ax = fig.add_subplot()
    class_part = np.ma.masked_array(matrix, mask=np.zeros_like(matrix, dtype=bool))
    class_part.mask[:, -1] = True
    qual_part = np.ma.masked_array(matrix, mask=np.ones_like(matrix, dtype=bool))
    qual_part.mask[:, -1] = False
    vmax = max(1.0, float(matrix[:, :-1].max()))
    ax.imshow(class_part, cmap="Blues", vmin=0, vmax=vmax * 1.15, aspect="auto")
    ax.imshow(qual_part, cmap="Oranges", vmin=0, vmax=max(1.0, float(matrix[:, -1].max())) * 1.15,
              aspect="auto")
    for r in range(n_rows):
        for c in range(n_cols):
            count = int(matrix[r, c])
            scale = vmax if c < n_cols - 1 else max(1.0, float(matrix[:, -1].max()))
            colour = "white" if count > scale * 0.6 else (GREY if count == 0 else DARK)
            ax.text(c, r, str(count), ha="center", va="center", fontsize=7, color=colour,
                    in_layout=False)  # inside its cell: nothing for the layout engine to fit
    ax.set_xticks(range(n_cols), columns)
    ax.set_yticks(range(n_rows), [label for label, _ in rows])
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", labelsize=8)
    # Cell borders as two line collections (minor ticks would add two labels per line).
    ax.vlines([x - 0.5 for x in range(1, n_cols)], -0.5, n_rows - 0.5, color="white", linewidth=1.0)
    ax.hlines([y - 0.5 for y in range(1, n_rows)], -0.5, n_cols - 0.5, color="white", linewidth=1.0)
    ax.axvline(n_cols - 1.5, color="white", linewidth=4)
    for spine in ax.spines.values():
        spine.set_visible(False)
    numeric = int(matrix[:, :-1].sum())
    qualitative = int(matrix[:, -1].sum())
    _titles(fig, title, _doc_caption(doc),
            f"指标{numeric}条，其中定性值（无数值）{qualitative}条", "单元格为指标条数")
    return fig


# ---------------------------------------------------------------------------- 7 findings

_SEVERITY_ORDER = ("error", "warning", "info")
_SEVERITY_COLOURS = {"error": RED, "warning": ORANGE, "info": LIGHT_BLUE}


def _finding_pairs(findings: Any) -> list[tuple[str, str]] | None:
    """(category, severity) of each finding, from a DataFrame with those columns or from
    Finding objects; None for a DataFrame without them."""
    if hasattr(findings, "columns"):
        if not {"category", "severity"} <= set(findings.columns):
            return None
        return [(str(c), str(s)) for c, s in zip(findings["category"], findings["severity"], strict=True)]
    return [(str(getattr(f, "category", None)), str(getattr(f, "severity", None))) for f in findings]


@_styled
def findings_chart(findings: pd.DataFrame | Iterable[Any] | None, *,
                   doc: Disclosure | None = None) -> Figure:
    """审计发现分布: stacked bars of findings by category and severity.

    ``findings`` is a DataFrame with the columns ``category`` (reconcile, completeness,
    indicator, consistency, variance) and ``severity`` (error, warning, info), one row per
    finding — or the Finding objects themselves. All five categories are always shown
    (勾稽核对, 完整性, 绩效指标质量, 一致性, 同比变动), with 错误/警告/提示 stacked and the
    total on top; unknown codes are shown as written after them. No findings → a figure
    that says 未发现问题.
    """
    from .checks.base import CATEGORIES, Severity

    title = "审计发现分布"
    if findings is None:
        return no_data_figure(title, doc=doc)
    pairs = _finding_pairs(findings)
    if pairs is None:
        return no_data_figure(title, doc=doc)
    if not pairs:
        return no_data_figure(title, "未发现问题", doc=doc)

    categories = list(CATEGORIES) + sorted({c for c, _ in pairs} - set(CATEGORIES))
    severities = list(_SEVERITY_ORDER) + sorted({s for _, s in pairs} - set(_SEVERITY_ORDER))
    fig = _new_figure()
    ax = fig.add_subplot()
    xs = list(range(len(categories)))
    bottoms = [0] * len(categories)
    extra_colours = [GREY, GREEN, "#8172B3"]
    counts_by = {sev: [sum(1 for c, s in pairs if c == cat and s == sev) for cat in categories]
                 for sev in severities}
    top = max(sum(col) for col in zip(*counts_by.values(), strict=True)) or 1
    # Segment counts only where a bar is split and the segment is tall enough to hold one.
    split = [sum(1 for h in col if h) > 1 for col in zip(*counts_by.values(), strict=True)]
    for k, severity in enumerate(severities):
        heights = counts_by[severity]
        if not any(heights) and severity not in _SEVERITY_ORDER:
            continue
        label = Severity(severity).label if severity in _SEVERITY_ORDER else severity
        colour = _SEVERITY_COLOURS.get(severity, extra_colours[k % len(extra_colours)])
        ax.bar(xs, heights, bottom=bottoms, color=colour, width=0.6, label=label,
               edgecolor="white", linewidth=0.8)
        for x, (h, b) in enumerate(zip(heights, bottoms, strict=True)):
            if h and split[x] and h >= top * 0.06:
                ax.text(x, b + h / 2, str(h), ha="center", va="center", fontsize=7.5,
                        color="white" if severity == "error" else DARK)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    for x, total in enumerate(bottoms):
        ax.text(x, total + top * 0.02, str(total), ha="center", va="bottom", fontsize=8.5,
                color=DARK)
    ax.set_ylim(0, top * 1.15)
    ax.set_xticks(xs, [CATEGORIES.get(c, c) for c in categories])
    ax.set_ylabel("发现条数")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color=LIGHT_GREY, linewidth=0.6)
    ax.set_axisbelow(True)
    _legend(fig, ax.get_legend_handles_labels()[0])
    counts = {s: sum(1 for _, t in pairs if t == s) for s in _SEVERITY_ORDER}
    other = len(pairs) - sum(counts.values())
    _titles(fig, title, _doc_caption(doc),
            f"共{len(pairs)}条：错误{counts['error']}、警告{counts['warning']}、提示{counts['info']}"
            + (f"、其他{other}" if other else ""))
    return fig


# ---------------------------------------------------------------------------- all + export


_ChartMaker = Callable[[Disclosure, Any, Any], Figure]

#: The charts of the per-unit report in report order, keyed by a stable file-name stem;
#: each is drawn from (document, variance table, findings).
REPORT_CHARTS: dict[str, _ChartMaker] = {
    "income": lambda doc, variance, findings: income_chart(doc),
    "expenditure": lambda doc, variance, findings: expenditure_chart(doc),
    "variance": lambda doc, variance, findings: variance_chart(variance, doc=doc),
    "sangong": lambda doc, variance, findings: sangong_chart(doc),
    "projects": lambda doc, variance, findings: projects_pareto_chart(doc),
    "indicators": lambda doc, variance, findings: indicator_heatmap(doc),
    "findings": lambda doc, variance, findings: findings_chart(findings, doc=doc),
}


def all_charts(
    doc: Disclosure,
    *,
    variance: pd.DataFrame | Sequence[Mapping[str, Any]] | None = None,
    findings: pd.DataFrame | Iterable[Any] | None = None,
) -> dict[str, Figure]:
    """Every chart of the per-unit report (:data:`REPORT_CHARTS`), drawn, in report order."""
    return {name: draw(doc, variance, findings) for name, draw in REPORT_CHARTS.items()}


def _close(fig: Figure) -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:  # only figures made through pyplot are held anywhere
        pyplot.close(fig)


def _png_options() -> dict[str, Any]:
    """How charts are written (fresh dicts per call): no timestamp or version in the file;
    zlib level 1, a third less encoding time than the default 6 and, for these flat charts,
    slightly smaller files."""
    return {"metadata": {"Software": None}, "pil_kwargs": {"compress_level": 1}}


def _draws_as_saved(fig: Figure, dpi: float) -> bool:
    """Whether one draw of the figure's own canvas gives what ``savefig`` below would.

    True for the charts made here (an Agg canvas at the report's DPI, white background)
    under matplotlib's usual save settings.
    """
    return (
        type(fig.canvas) is FigureCanvasAgg
        and fig.dpi == dpi
        and colors.same_color(fig.get_facecolor(), "white")
        and not matplotlib.rcParams["savefig.transparent"]
        and matplotlib.rcParams["savefig.bbox"] is None
    )


def figure_to_png_bytes(fig: Figure, *, dpi: float = DPI, close: bool = True) -> bytes:
    """Render a figure to PNG bytes (deterministic: no timestamp or version metadata).

    A chart made here is drawn once on its canvas and encoded the way ``savefig`` encodes
    it — the same bytes, without the extra pass in which ``savefig`` runs the layout
    engine before it draws (about an eighth of the time of these charts). Other figures
    go through ``savefig`` on a white background. With ``close`` (default) a figure
    managed by pyplot is closed afterwards so that it is neither kept in memory nor shown
    again by an inline backend.
    """
    buffer = io.BytesIO()
    if _draws_as_saved(fig, dpi):
        canvas = fig.canvas
        canvas.draw()  # runs the layout engine, then draws
        image.imsave(buffer, canvas.buffer_rgba(), format="png", origin="upper", dpi=dpi,
                     **_png_options())
    else:
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", **_png_options())
    if close:
        _close(fig)
    return buffer.getvalue()


def figure_to_data_uri(fig: Figure, *, dpi: float = DPI, close: bool = True) -> str:
    """``data:image/png;base64,…`` for embedding a figure in HTML."""
    encoded = base64.b64encode(figure_to_png_bytes(fig, dpi=dpi, close=close)).decode("ascii")
    return f"data:image/png;base64,{encoded}"
