"""The monthly figures as a table (rows shared by every format), Markdown, CSV and an HTML page with an
inline SVG chart (no scripts, no CDN)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html import escape

from bot.reports.monthly import MonthlyFigures

NOT_AVAILABLE = "chưa có số liệu"
COLUMNS = ("STT", "Chỉ tiêu", "Số lượng", "Tỷ lệ")


@dataclass(frozen=True)
class Row:
    key: str
    number: str
    label: str
    value: int | float | None
    share: float | None = None  # of the parent row

    @property
    def value_text(self) -> str:
        if self.value is None:
            return NOT_AVAILABLE
        if isinstance(self.value, float):
            return _pct(self.value)
        return str(self.value)

    @property
    def share_text(self) -> str:
        return _pct(self.share) if self.share is not None else ""


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".", ",")


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def table_rows(f: MonthlyFigures) -> list[Row]:
    c = f.complaints
    return [
        Row("received_total", "1", "Tổng số hồ sơ tiếp nhận", f.received_total),
        Row("carried_over", "1.1", "Kỳ trước chuyển sang", f.carried_over, _share(f.carried_over, f.received_total)),
        Row("new_total", "1.2", "Tiếp nhận mới trong kỳ", f.new_total, _share(f.new_total, f.received_total)),
        Row(
            "new_online",
            "1.2.1",
            "Trực tuyến (dịch vụ công toàn trình và một phần)",
            f.new_online,
            _share(f.new_online, f.new_total),
        ),
        Row("new_direct", "1.2.2", "Trực tiếp tại Bộ phận Một cửa", f.new_direct, _share(f.new_direct, f.new_total)),
        Row("new_postal", "1.2.3", "Qua dịch vụ bưu chính công ích", f.new_postal, _share(f.new_postal, f.new_total)),
        Row(
            "resolved_total",
            "2",
            "Đã giải quyết, trả kết quả",
            f.resolved_total,
            _share(f.resolved_total, f.received_total),
        ),
        Row("resolved_early", "2.1", "Trước hạn", f.resolved_early, _share(f.resolved_early, f.resolved_total)),
        Row("resolved_on_time", "2.2", "Đúng hạn", f.resolved_on_time, _share(f.resolved_on_time, f.resolved_total)),
        Row("resolved_late", "2.3", "Quá hạn", f.resolved_late, _share(f.resolved_late, f.resolved_total)),
        Row(
            "in_progress_total",
            "3",
            "Đang giải quyết",
            f.in_progress_total,
            _share(f.in_progress_total, f.received_total),
        ),
        Row(
            "in_progress_within_time",
            "3.1",
            "Chưa đến hạn",
            f.in_progress_within_time,
            _share(f.in_progress_within_time, f.in_progress_total),
        ),
        Row(
            "in_progress_overdue",
            "3.2",
            "Quá hạn",
            f.in_progress_overdue,
            _share(f.in_progress_overdue, f.in_progress_total),
        ),
        Row(
            "waiting_for_citizen",
            "3.3",
            "Trong đó: chờ bổ sung hồ sơ hoặc nộp phí",
            f.waiting_for_citizen,
            _share(f.waiting_for_citizen, f.in_progress_total),
        ),
        Row(
            "returned_or_withdrawn",
            "4",
            "Trả lại hồ sơ cho tổ chức, cá nhân (từ chối, dừng xử lý, rút hồ sơ)",
            f.returned_or_withdrawn,
            _share(f.returned_or_withdrawn, f.received_total),
        ),
        Row("online_share", "5", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", f.online_share),
        Row("complaints_received", "6", "Phản ánh, kiến nghị về TTHC đã tiếp nhận", c.received),
        Row(
            "complaints_answered",
            "6.1",
            "Phản ánh, kiến nghị đã trả lời",
            c.answered,
            _share(c.answered, c.received) if c.available else None,
        ),
    ]


def title(f: MonthlyFigures) -> str:
    return f"Kết quả giải quyết hồ sơ thủ tục hành chính tháng {f.period.label}"


def notes(f: MonthlyFigures) -> list[str]:
    p = f.period
    out = [f"Số liệu từ ngày {p.first_day:%d/%m/%Y} đến hết ngày {p.last_day:%d/%m/%Y}."]
    if not f.complaints.available:
        why = f" ({f.complaints.note})" if f.complaints.note else ""
        out.append(f"Số liệu phản ánh, kiến nghị: {NOT_AVAILABLE}{why}.")
    if f.samples:
        out.append(f"Có {f.samples} hồ sơ MẪU (dữ liệu thử nghiệm) trong số liệu trên.")
    return out


def to_markdown(f: MonthlyFigures) -> str:
    lines = [f"## {title(f)}", "", "| " + " | ".join(COLUMNS) + " |", "| --- | --- | ---: | ---: |"]
    for r in table_rows(f):
        lines.append(f"| {r.number} | {r.label} | {r.value_text} | {r.share_text} |")
    lines.append("")
    lines.extend(f"- {n}" for n in notes(f))
    return "\n".join(lines) + "\n"


def to_csv(f: MonthlyFigures) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["ma", *COLUMNS])
    for r in table_rows(f):
        value = "" if r.value is None else (f"{r.value:.4f}" if isinstance(r.value, float) else r.value)
        writer.writerow([r.key, r.number, r.label, value, "" if r.share is None else f"{r.share:.4f}"])
    return buf.getvalue()


def to_json(f: MonthlyFigures) -> dict:
    return {
        "month": f"{f.period.year:04d}-{f.period.month:02d}",
        "first_day": f.period.first_day.isoformat(),
        "last_day": f.period.last_day.isoformat(),
        "title": title(f),
        "columns": list(COLUMNS),
        "rows": [
            {"key": r.key, "number": r.number, "label": r.label, "value": r.value, "share": r.share}
            for r in table_rows(f)
        ],
        "notes": notes(f),
        "complaints_available": f.complaints.available,
        "sample_dossiers": f.samples,
    }


def chart_svg(f: MonthlyFigures) -> str:
    """Stacked horizontal bar: how the month's dossiers ended up."""
    parts = [
        ("Trước hạn", f.resolved_early, "#2e7d32"),
        ("Đúng hạn", f.resolved_on_time, "#81c784"),
        ("Quá hạn", f.resolved_late, "#c62828"),
        ("Đang giải quyết, chưa đến hạn", f.in_progress_within_time, "#1565c0"),
        ("Đang giải quyết, quá hạn", f.in_progress_overdue, "#ef6c00"),
        ("Trả lại, rút hồ sơ", f.returned_or_withdrawn, "#757575"),
    ]
    total = sum(v for _, v, _ in parts)
    width, bar_h, legend_h = 640, 36, 22
    height = 40 + bar_h + legend_h * len(parts) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="Biểu đồ kết quả giải quyết hồ sơ tháng {escape(f.period.label)}">',
        f'<text x="0" y="20" font-size="15" font-weight="bold">Tổng số {total} hồ sơ</text>',
    ]
    x = 0.0
    for label, value, color in parts:
        if total and value:
            w = width * value / total
            out.append(
                f'<rect x="{x:.2f}" y="30" width="{w:.2f}" height="{bar_h}" fill="{color}">'
                f"<title>{escape(label)}: {value}</title></rect>"
            )
            x += w
    if not total:
        out.append(f'<rect x="0" y="30" width="{width}" height="{bar_h}" fill="#eeeeee"/>')
    y = 30 + bar_h + 20
    for label, value, color in parts:
        share = f" ({_pct(value / total)})" if total else ""
        out.append(f'<rect x="0" y="{y - 12}" width="14" height="14" fill="{color}"/>')
        out.append(f'<text x="20" y="{y}" font-size="13">{escape(label)}: {value}{share}</text>')
        y += legend_h
    out.append("</svg>")
    return "\n".join(out)


def to_html(f: MonthlyFigures) -> str:
    rows = "\n".join(
        f"<tr><td>{escape(r.number)}</td><td>{escape(r.label)}</td>"
        f'<td class="n">{escape(r.value_text)}</td><td class="n">{escape(r.share_text)}</td></tr>'
        for r in table_rows(f)
    )
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    note_items = "".join(f"<li>{escape(n)}</li>" for n in notes(f))
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(title(f))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;color:#1a1a1a;max-width:56rem}}
table{{border-collapse:collapse;width:100%;margin:1rem 0}}th,td{{border:1px solid #bbb;padding:.35rem .6rem}}
th{{background:#f0f0f0;text-align:left}}td.n{{text-align:right;font-variant-numeric:tabular-nums}}
</style></head>
<body>
<h1>{escape(title(f))}</h1>
<figure>{chart_svg(f)}</figure>
<table><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table>
<ul>{note_items}</ul>
</body></html>
"""
