"""Clearly marked SAMPLE dossiers (is_sample, "MẪU" in the applicant's name) so the demo and the report have data.

October 2026 mirrors the one-stop figures of the seed's monthly report (seed 004, tháng 4/2025): 331 received
(6 carried over, 325 new, all online), 322 resolved (319 early, 3 on time, 0 late), 9 in progress within time,
nothing returned. November 2026 adds what a demo needs: late and overdue dossiers, direct and postal
channels, every status of the vocabulary. Two dossiers were received just before Tết Bính Ngọ 2026.
Procedure codes and processing times are the catalogue's; dates and codes are fixed, so reruns are identical.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from bot.catalog.schema import Procedure
from bot.dossiers.calendar import WorkingCalendar, default_calendar
from bot.dossiers.codes import make_code
from bot.dossiers.deadlines import compute_due_date
from bot.dossiers.statuses import Channel, Status
from bot.dossiers.store import add_event, create_dossier, delete_samples
from bot.identifiers import VIETNAM_TZ

AGENCY = "000.00.18.H12"
SHORT = ("2.000210", "2.000004", "2.000609", "2.000643", "1.000425", "2.000201", "2.000620")  # 3-8 working days
LONG = ("2.000150", "2.000162", "2.000184", "2.000648")  # 15-20 working days
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Thu", "Quốc", "Hải", "Ngọc")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quân", "Tâm", "Trang")


@dataclass
class SampleDossier:
    code: str
    procedure_code: str
    applicant_name: str
    applicant_phone: str
    channel: Channel
    received_at: dt.datetime
    events: list[tuple[Status, dt.datetime, str | None]] = field(default_factory=list)
    role: str = ""  # what the dossier illustrates (for docs/tests): "tet", "late", "overdue", ...


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), VIETNAM_TZ)


def _working_days(cal: WorkingCalendar, first: dt.date, last: dt.date) -> list[dt.date]:
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if cal.is_working_day(d)]


class _Builder:
    def __init__(self, procedures: dict[str, Procedure], cal: WorkingCalendar) -> None:
        self.procedures = procedures
        self.cal = cal
        self.sequence: dict[dt.date, int] = defaultdict(int)
        self.out: list[SampleDossier] = []

    def days_of(self, code: str) -> int:
        deadline = compute_due_date(dt.date(2026, 10, 1), self.procedures[code].processing_time.model_dump(), self.cal)
        assert deadline and deadline.working, code
        return deadline.days

    def new(self, procedure: str, channel: Channel, received: dt.datetime, role: str = "") -> SampleDossier:
        n = len(self.out)
        day = received.date()
        self.sequence[day] += 1
        name = f"MẪU {FAMILY[n % 10]} {MIDDLE[(n // 10) % 8]} {GIVEN[(n * 7) % 14]}"
        how = {Channel.online: "trực tuyến", Channel.direct: "trực tiếp", Channel.postal: "qua bưu chính"}[channel]
        dossier = SampleDossier(
            code=make_code(AGENCY, day, self.sequence[day]),
            procedure_code=procedure,
            applicant_name=name,
            applicant_phone=f"09{(n * 7919 + 1234567) % 10**8:08d}",
            channel=channel,
            received_at=received,
            events=[],
            role=role,
        )
        dossier.events.append((Status.received, received, f"Tiếp nhận hồ sơ {how}"))
        self.out.append(dossier)
        return dossier

    def progress(self, d: SampleDossier) -> None:
        start = self.cal.add_working_days(d.received_at.date(), 1)
        d.events.append((Status.in_progress, _at(start, 9), "Chuyển phòng chuyên môn thẩm định"))

    def resolve(self, d: SampleDossier, result_day: dt.date, hand_over: bool = True) -> None:
        self.progress(d)
        d.events.append((Status.processed, _at(result_day, 15, 30), "Lãnh đạo Sở đã ký kết quả"))
        if hand_over:
            how = {
                Channel.online: "trên Cổng dịch vụ công",
                Channel.postal: "qua dịch vụ bưu chính công ích",
                Channel.direct: "tại Bộ phận Một cửa",
            }[d.channel]
            d.events.append((Status.returned, _at(result_day, 16, 30), f"Đã trả kết quả {how}"))

    def after(self, d: SampleDossier, working_days: int) -> dt.date:
        return self.cal.add_working_days(d.received_at.date(), working_days)


def build_samples(procedures: list[Procedure], calendar: WorkingCalendar | None = None) -> list[SampleDossier]:
    cal = calendar or default_calendar()
    b = _Builder({p.code: p for p in procedures}, cal)
    _tet(b)
    _october(b, cal)
    _november(b, cal)
    return b.out


def _tet(b: _Builder) -> None:
    # 10 working days from Thursday 12/02/2026: Tết (14-22/02) is skipped, due 05/03/2026; resolved early.
    d = b.new("1.001279", Channel.direct, _at(dt.date(2026, 2, 12), 10, 15), role="tet")
    b.resolve(d, dt.date(2026, 3, 4))
    # 8 working days from Friday 13/02/2026: due 04/03/2026; resolved late on 06/03/2026.
    d = b.new("2.000620", Channel.postal, _at(dt.date(2026, 2, 13), 14, 0), role="tet_late")
    b.resolve(d, dt.date(2026, 3, 6))


def _october(b: _Builder, cal: WorkingCalendar) -> None:
    # 6 carried over from September, all resolved early in October.
    for i, day in enumerate([24, 25, 28, 29, 30, 30]):
        proc = ("1.000425", "2.000201", "2.000620")[i % 3]
        d = b.new(proc, Channel.online, _at(dt.date(2026, 9, day), 9 + i, 10))
        result = max(b.after(d, b.days_of(proc) - 1), dt.date(2026, 10, 1))
        b.resolve(d, result)
    # 316 new and resolved in October: 313 early, 3 on time.
    days = _working_days(cal, dt.date(2026, 10, 1), dt.date(2026, 10, 20))
    for i in range(316):
        proc = SHORT[i % len(SHORT)]
        d = b.new(proc, Channel.online, _at(days[i % len(days)], 8 + i % 9, (i * 7) % 60))
        n = b.days_of(proc)
        b.resolve(d, b.after(d, n if i < 3 else 1 + i % (n - 1)))
    # 9 new, still in progress on 31/10 (due in November); what happened to them in November varies.
    late_days = _working_days(cal, dt.date(2026, 10, 26), dt.date(2026, 10, 30))
    for i in range(9):
        proc = LONG[0] if i >= 5 else LONG[i % len(LONG)]
        received = late_days[(i % 2) + (2 if i >= 7 else 0)] if i >= 5 else late_days[i % len(late_days)]
        d = b.new(proc, Channel.online, _at(received, 10, 5 * i))
        n = b.days_of(proc)
        if i < 5:
            b.resolve(d, b.after(d, n - 2), hand_over=i % 2 == 0)
            d.role = "early"
        elif i < 7:
            b.resolve(d, b.after(d, n + 2))  # late
            d.role = "late"
        else:
            b.progress(d)  # overdue since mid-November
            d.role = "overdue"


def _november(b: _Builder, cal: WorkingCalendar) -> None:
    days = _working_days(cal, dt.date(2026, 11, 2), dt.date(2026, 11, 13))
    channels = (Channel.online, Channel.direct, Channel.online, Channel.postal, Channel.online)
    for i in range(12):
        proc = SHORT[i % len(SHORT)]
        d = b.new(proc, channels[i % len(channels)], _at(days[i % len(days)], 9, 30))
        b.resolve(d, b.after(d, max(1, b.days_of(proc) - 2)), hand_over=i % 3 != 0)
    waiting = [
        (Status.supplement_requested, "Đề nghị bổ sung bản sao Giấy chứng nhận đăng ký doanh nghiệp", "supplement"),
        (Status.payment_requested, "Đề nghị nộp phí thẩm định theo thông báo", "payment"),
        (Status.rejected, "Không đủ điều kiện theo quy định; đã có văn bản trả lời nêu rõ lý do", "rejected"),
        (Status.stopped, "Quá thời hạn bổ sung hồ sơ", "stopped"),
        (Status.withdrawal_requested, "Tổ chức đề nghị rút hồ sơ", "withdrawal"),
    ]
    for i, (status, note, role) in enumerate(waiting):
        d = b.new(SHORT[i], Channel.direct if i % 2 else Channel.online, _at(days[-1 - i], 14, 0), role=role)
        b.progress(d)
        d.events.append((status, _at(b.after(d, 2), 10, 0), note))
    recent = _working_days(cal, dt.date(2026, 11, 16), dt.date(2026, 11, 20))
    for i in range(8):
        proc = LONG[i % len(LONG)]
        d = b.new(proc, channels[i % len(channels)], _at(recent[i % len(recent)], 8 + i, 45), role="within_time")
        b.progress(d)
    b.new("2.000620", Channel.online, _at(dt.date(2026, 11, 24), 16, 20), role="received")


def load_samples(session: Session, procedures: list[Procedure], calendar: WorkingCalendar | None = None) -> int:
    """Replace every sample dossier with a fresh copy; real dossiers are never touched."""
    cal = calendar or default_calendar()
    by_code = {p.code: p for p in procedures}
    delete_samples(session)
    session.flush()
    samples = build_samples(procedures, cal)
    for s in samples:
        row = create_dossier(
            session,
            code=s.code,
            procedure_code=s.procedure_code,
            applicant_name=s.applicant_name,
            applicant_phone=s.applicant_phone,
            channel=s.channel,
            received_at=s.received_at,
            note=s.events[0][2],
            is_sample=True,
            calendar=cal,
            processing_time=by_code[s.procedure_code].processing_time.model_dump(mode="json"),
        )
        for status, at, note in s.events[1:]:
            add_event(row, status, at, note)
    session.commit()
    return len(samples)
