"""Server-rendered SVG charts: lines, horizontal bars (plain, grouped, stacked) and columns.

Why inline SVG made in Python: no JavaScript, no CDN, nothing to download, and the chart is in the
page the moment it loads. Every chart is an `<svg role="img">` named by its `<title>` and `<desc>`
(aria-labelledby), and the dashboards always put a table with the same numbers beside it, so nothing
is only visible as a picture. Colours keep at least 3:1 contrast against white (WCAG 1.4.11) and
series also differ by dash pattern, so colour is never the only difference.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bistand.statistics.cells import format_value

PALETTE = ("#0b4f8a", "#b35900", "#1d5e20", "#7a2c8f", "#8a1c0b", "#006d77", "#4a4a4a", "#8c6d00")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "12 2 2 2")
HIDDEN_FILL = "#d0d0d0"
FONT = 'font-family="DejaVu Sans, sans-serif"'


def _f(x: float) -> str:
    return f"{x:.1f}"


def nice_max(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 2.5, 5 × 10^n)."""
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def nice_ticks(value: float, count: int = 4, whole: bool = False) -> list[float]:
    """Round tick values from 0 up to at least `value`: steps of 1, 2 or 5 × 10^n (whole numbers if asked)."""
    if value <= 0:
        return [0.0, 1.0]
    raw = value / count
    exponent = 10 ** math.floor(math.log10(raw))
    step = next(m * exponent for m in (1, 2, 5, 10) if raw <= m * exponent)
    if whole:
        step = max(1, round(step))
    top = math.ceil(value / step - 1e-9) * step
    return [k * step for k in range(int(round(top / step)) + 1)]


def axis_label(value: float, kind: str) -> str:
    if kind == "share":
        return format_value(Decimal(str(value)), "share").replace(",0\u00a0%", "\u00a0%")
    if kind == "money":
        if value >= 1_000_000:
            return f"{value / 1_000_000:.1f}".replace(".", ",").replace(",0", "") + "\u00a0mkr"
        if value >= 1000:
            return f"{value / 1000:.0f}\u00a0tkr"
    return format_value(int(round(value)), "count")


def label_space(labels: list[str], width: int) -> int:
    """Room for the longest label at 13 px (about 7.6 px a character), at most 45 % of the chart."""
    longest = max((len(label) for label in labels), default=0)
    return int(min(width * 0.45, 16 + 7.6 * longest))


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" {FONT} font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>',
    ]


def _legend(x: float, y: float, names: list[str], line: bool = False) -> list[str]:
    parts = []
    for i, name in enumerate(names):
        color, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        yy = y + i * 20
        if line:
            parts.append(
                f'<line x1="{_f(x)}" y1="{_f(yy)}" x2="{_f(x + 24)}" y2="{_f(yy)}" stroke="{color}" '
                f'stroke-width="3" stroke-dasharray="{dash}"/>'
            )
        else:
            parts.append(f'<rect x="{_f(x)}" y="{_f(yy - 7)}" width="14" height="14" fill="{color}"/>')
        parts.append(f'<text x="{_f(x + 30)}" y="{_f(yy + 4)}" fill="#1a1a1a">{escape(name)}</text>')
    return parts


def line_chart(
    chart_id: str, title: str, desc: str, x_labels: list[str], series: list[tuple[str, list]], kind: str
) -> SafeString:
    width, height = 760, 340
    left, right, top, bottom = 78, 170, 16, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for _, vs in series for v in vs if v is not None]
    ticks = nice_ticks(max(values, default=0), whole=kind != "share")
    top_value = ticks[-1]
    n = max(len(x_labels), 2)

    def x(i):
        return left + plot_w * i / (n - 1)

    def y(v):
        return top + plot_h * (1 - float(v) / top_value)

    parts = _open(chart_id, title, desc, width, height)
    for value in ticks:
        parts.append(
            f'<line x1="{left}" y1="{_f(y(value))}" x2="{left + plot_w}" y2="{_f(y(value))}" stroke="#d8d8d8"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{_f(y(value) + 4)}" text-anchor="end" fill="#4a4a4a">'
            f"{escape(axis_label(value, kind))}</text>"
        )
    step = max(1, round(n / 6))
    for i, label in enumerate(x_labels):
        if i % step == 0 or i == len(x_labels) - 1:
            parts.append(
                f'<text x="{_f(x(i))}" y="{height - bottom + 18}" text-anchor="middle" fill="#4a4a4a">'
                f"{escape(label)}</text>"
            )
    for s, (_name, vs) in enumerate(series):
        # A hidden or missing month breaks the line instead of being bridged by a straight segment.
        runs, run = [], []
        for i, v in enumerate(vs):
            if v is None:
                runs, run = runs + [run] if run else runs, []
            else:
                run.append(f"{_f(x(i))},{_f(y(v))}")
        runs += [run] if run else []
        for points in runs:
            if len(points) == 1:
                cx, cy = points[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{PALETTE[s % len(PALETTE)]}"/>')
                continue
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{PALETTE[s % len(PALETTE)]}" '
                f'stroke-width="2.5" stroke-dasharray="{DASHES[s % len(DASHES)]}" stroke-linejoin="round"/>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#4a4a4a"/>'
    )
    parts += _legend(left + plot_w + 20, top + 10, [name for name, _ in series], line=True)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def hbar_chart(
    chart_id: str,
    title: str,
    desc: str,
    items: list[tuple[str, object]],
    kind: str,
    target: float | None = None,
    target_label: str = "",
    max_value: float | None = None,
    width: int = 760,
) -> SafeString:
    """One bar per item; a value of None is drawn as no bar with the text "–" (hidden or missing)."""
    row_h, right, top = 30, 90, 30 if target is not None else 10
    left = label_space([label for label, _ in items], width)
    height = top + row_h * len(items) + 16
    plot_w = width - left - right
    values = [float(v) for _, v in items if v is not None]
    top_value = max_value or nice_max(max([*values, target or 0], default=0))
    parts = _open(chart_id, title, desc, width, height)
    for i, (label, value) in enumerate(items):
        y = top + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + 19}" text-anchor="end" fill="#1a1a1a">{escape(label)}</text>'
        )
        if value is None:
            parts.append(f'<text x="{left + 4}" y="{y + 19}" fill="#4a4a4a">–</text>')
            continue
        w = plot_w * float(value) / top_value
        color = PALETTE[0]
        if target is not None and float(value) < target:
            color = PALETTE[1]
        parts.append(f'<rect x="{left}" y="{y + 5}" width="{_f(w)}" height="{row_h - 10}" fill="{color}"/>')
        parts.append(
            f'<text x="{_f(left + w + 6)}" y="{y + 19}" fill="#1a1a1a">{escape(format_value(value, kind))}</text>'
        )
    if target is not None:
        tx = left + plot_w * target / top_value
        parts.append(
            f'<line x1="{_f(tx)}" y1="{top - 6}" x2="{_f(tx)}" y2="{height - 10}" stroke="#1a1a1a" '
            f'stroke-width="2" stroke-dasharray="5 3"/>'
        )
        parts.append(
            f'<text x="{_f(tx)}" y="{top - 12}" text-anchor="middle" fill="#1a1a1a">{escape(target_label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def grouped_hbar_chart(
    chart_id: str, title: str, desc: str, series: list[str], rows: list[tuple[str, list]], kind: str
) -> SafeString:
    """Per row (e.g. district) one bar per series; None = "–"."""
    bar_h, gap, right, top = 16, 14, 70, 10 + 20 * len(series) + 6
    width = 760
    left = max(120, label_space([label for label, _ in rows], width))
    group_h = bar_h * len(series) + gap
    height = top + group_h * len(rows) + 10
    plot_w = width - left - right
    values = [float(v) for _, vs in rows for v in vs if v is not None]
    top_value = 1.0 if kind == "share" else nice_max(max(values, default=0))
    parts = _open(chart_id, title, desc, width, height)
    parts += _legend(left, 14, series)
    for i, (label, vs) in enumerate(rows):
        y0 = top + i * group_h
        parts.append(
            f'<text x="{left - 8}" y="{_f(y0 + bar_h * len(series) / 2 + 4)}" text-anchor="end" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
        for s, value in enumerate(vs):
            y = y0 + s * bar_h
            if value is None:
                parts.append(f'<text x="{left + 4}" y="{_f(y + 12)}" fill="#4a4a4a">–</text>')
                continue
            w = plot_w * float(value) / top_value
            parts.append(
                f'<rect x="{left}" y="{_f(y + 1)}" width="{_f(w)}" height="{bar_h - 2}" '
                f'fill="{PALETTE[s % len(PALETTE)]}"/>'
            )
            parts.append(
                f'<text x="{_f(left + w + 5)}" y="{_f(y + 12)}" font-size="11" fill="#1a1a1a">'
                f"{escape(format_value(value, kind))}</text>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def stacked_share_chart(
    chart_id: str, title: str, desc: str, groups: list[str], rows: list[tuple[str, list]]
) -> SafeString:
    """100 % bars per row; hidden cells (None) are drawn together as one grey "små grupper" segment."""
    row_h, right = 30, 20
    legend_rows = math.ceil((len(groups) + 1) / 3)
    top = 10 + legend_rows * 20 + 6
    width = 760
    left = max(120, label_space([label for label, _ in rows], width))
    height = top + row_h * len(rows) + 10
    plot_w = width - left - right
    parts = _open(chart_id, title, desc, width, height)
    for g, name in enumerate([*groups, "Små grupper (visas inte)"]):
        lx, ly = left + (g % 3) * 190, 14 + (g // 3) * 20
        color = PALETTE[g % len(PALETTE)] if g < len(groups) else HIDDEN_FILL
        parts.append(f'<rect x="{lx}" y="{ly - 7}" width="14" height="14" fill="{color}"/>')
        parts.append(f'<text x="{lx + 20}" y="{ly + 4}" fill="#1a1a1a">{escape(name)}</text>')
    for i, (label, shares) in enumerate(rows):
        y = top + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + 19}" text-anchor="end" fill="#1a1a1a">{escape(label)}</text>'
        )
        x = float(left)
        for g, share in enumerate(shares):
            if share is None or not share:
                continue
            w = plot_w * float(share)
            parts.append(
                f'<rect x="{_f(x)}" y="{y + 5}" width="{_f(w)}" height="{row_h - 10}" '
                f'fill="{PALETTE[g % len(PALETTE)]}" stroke="#fff"/>'
            )
            x += w
        if any(s is None for s in shares) and x < left + plot_w - 0.5:
            parts.append(
                f'<rect x="{_f(x)}" y="{y + 5}" width="{_f(left + plot_w - x)}" height="{row_h - 10}" '
                f'fill="{HIDDEN_FILL}" stroke="#fff"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def column_chart(
    chart_id: str, title: str, desc: str, items: list[tuple[str, int]], over_from: int | None, over_label: str
) -> SafeString:
    """Vertical columns (a distribution); columns from index `over_from` on are drawn in the warning colour."""
    width, height = 760, 300
    left, right, top, bottom = 60, 20, 40, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    ticks = nice_ticks(max((v for _, v in items), default=0), whole=True)
    top_value = ticks[-1]
    n = max(len(items), 1)
    slot = plot_w / n
    parts = _open(chart_id, title, desc, width, height)
    for value in ticks:
        yy = top + plot_h * (1 - value / top_value)
        parts.append(f'<line x1="{left}" y1="{_f(yy)}" x2="{left + plot_w}" y2="{_f(yy)}" stroke="#d8d8d8"/>')
        parts.append(
            f'<text x="{left - 6}" y="{_f(yy + 4)}" text-anchor="end" fill="#4a4a4a">{axis_label(value, "count")}</text>'
        )
    for i, (label, value) in enumerate(items):
        h = plot_h * value / top_value
        over = over_from is not None and i >= over_from
        color = PALETTE[4] if over else PALETTE[0]
        x = left + i * slot + slot * 0.15
        parts.append(
            f'<rect x="{_f(x)}" y="{_f(top + plot_h - h)}" width="{_f(slot * 0.7)}" height="{_f(h)}" fill="{color}"/>'
        )
        parts.append(
            f'<text x="{_f(x + slot * 0.35)}" y="{_f(top + plot_h - h - 5)}" text-anchor="middle" '
            f'fill="#1a1a1a">{value}</text>'
        )
        parts.append(
            f'<text x="{_f(x + slot * 0.35)}" y="{height - bottom + 18}" text-anchor="middle" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
    if over_from is not None:
        parts.append(f'<rect x="{left}" y="12" width="14" height="14" fill="{PALETTE[0]}"/>')
        parts.append(f'<text x="{left + 20}" y="23" fill="#1a1a1a">Inom taket</text>')
        parts.append(f'<rect x="{left + 130}" y="12" width="14" height="14" fill="{PALETTE[4]}"/>')
        parts.append(f'<text x="{left + 150}" y="23" fill="#1a1a1a">{escape(over_label)}</text>')
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle" fill="#4a4a4a">Antal aktuella ärenden per handläggare</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))
