"""The month's dossier figures, as the one-stop software's summary in a Sở's monthly reform report gives them:
received (carried over + new, by channel), resolved early / on time / late, in progress (within time /
overdue), returned or withdrawn, online share, complaints received / answered.

Every dossier that was open at some point of the period is in exactly one of: resolved in the period,
returned/withdrawn in the period, in progress at its end — so received = resolved + returned + in progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from bot.dossiers.models import DossierRow
from bot.dossiers.records import as_vn, to_utc
from bot.dossiers.statuses import ENDED_WITHOUT_RESULT, FINISHED_WITH_RESULT, WAITING_FOR_CITIZEN, Channel, Status
from bot.dossiers.timeliness import Timeliness, finished_timeliness
from bot.reports.complaints import ComplaintFigures, ComplaintFiguresNotAvailable, ComplaintFiguresProvider
from bot.reports.period import Period


@dataclass
class MonthlyFigures:
    period: Period
    carried_over: int = 0
    new_online: int = 0
    new_direct: int = 0
    new_postal: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    in_progress_within_time: int = 0
    in_progress_overdue: int = 0
    waiting_for_citizen: int = 0  # of those in progress: supplement or payment requested
    returned_or_withdrawn: int = 0
    samples: int = 0  # sample dossiers counted (the report says so)
    complaints: ComplaintFigures = ComplaintFigures(None, None)

    @property
    def new_total(self) -> int:
        return self.new_online + self.new_direct + self.new_postal

    @property
    def received_total(self) -> int:
        return self.carried_over + self.new_total

    @property
    def resolved_total(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def in_progress_total(self) -> int:
        return self.in_progress_within_time + self.in_progress_overdue

    @property
    def online_share(self) -> float | None:
        return self.new_online / self.new_total if self.new_total else None


def _ending_status(row: DossierRow) -> Status | None:
    for event in sorted(row.events, key=lambda e: (as_vn(e.at), e.id or 0)):
        status = Status(event.status)
        if status in FINISHED_WITH_RESULT or status in ENDED_WITHOUT_RESULT:
            return status
    return None


def _status_at(row: DossierRow, moment: dt.datetime) -> Status:
    current = Status.received
    for event in sorted(row.events, key=lambda e: (as_vn(e.at), e.id or 0)):
        if as_vn(event.at) < moment:
            current = Status(event.status)
    return current


def monthly_figures(
    session: Session, period: Period, complaints: ComplaintFiguresProvider | None = None
) -> MonthlyFigures:
    start, end = period.start, period.end
    rows = session.scalars(
        select(DossierRow)
        .where(DossierRow.received_at < to_utc(end))
        .where(or_(DossierRow.finished_at.is_(None), DossierRow.finished_at >= to_utc(start)))
        .options(selectinload(DossierRow.events))
    ).all()
    fig = MonthlyFigures(period)
    for row in rows:
        fig.samples += int(row.is_sample)
        if as_vn(row.received_at) < start:
            fig.carried_over += 1
        else:
            channel = Channel(row.channel)
            if channel == Channel.online:
                fig.new_online += 1
            elif channel == Channel.postal:
                fig.new_postal += 1
            else:
                fig.new_direct += 1
        finished = as_vn(row.finished_at) if row.finished_at else None
        if finished is not None and finished < end:
            if _ending_status(row) in FINISHED_WITH_RESULT:
                result_day = row.result_date or finished.date()
                kind = finished_timeliness(result_day, row.due_date) if row.due_date else Timeliness.on_time
                if kind == Timeliness.early:
                    fig.resolved_early += 1
                elif kind == Timeliness.on_time:
                    fig.resolved_on_time += 1
                else:
                    fig.resolved_late += 1
            else:
                fig.returned_or_withdrawn += 1
            continue
        waiting = _status_at(row, end) in WAITING_FOR_CITIZEN
        fig.waiting_for_citizen += int(waiting)
        if row.due_date is not None and row.due_date <= period.last_day and not waiting:  # due day has ended
            fig.in_progress_overdue += 1
        else:
            fig.in_progress_within_time += 1
    fig.complaints = (complaints or ComplaintFiguresNotAvailable()).figures(start, end)
    return fig
