from sqlalchemy import func, select

from bot.db.base import session_factory
from bot.db.loader import current_revision, fetch_row, load_procedures, row_to_procedure
from bot.db.models import DocumentRow, ProcedureRow


def test_load_is_idempotent_and_round_trips(db_url, catalog):
    sessions = session_factory(db_url)
    with sessions() as session:
        before = current_revision(session)
        again = load_procedures(session, catalog)
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, len(catalog))
        assert current_revision(session) == before
        assert session.scalar(select(func.count(ProcedureRow.id))) == len(catalog)
        for proc in catalog:
            assert row_to_procedure(fetch_row(session, proc.code)) == proc


def test_changed_procedure_is_updated_and_bumps_revision(db_url, catalog):
    sessions = session_factory(db_url)
    original = next(p for p in catalog if p.documents)
    changed = original.model_copy(update={"aliases": [*original.aliases, "tên gọi thử nghiệm"]})
    with sessions() as session:
        before = current_revision(session)
        docs_before = session.scalar(select(func.count(DocumentRow.id)))
        result = load_procedures(session, [changed])
        assert result.updated == 1
        assert current_revision(session) == before + 1
        assert "tên gọi thử nghiệm" in row_to_procedure(fetch_row(session, original.code)).aliases
        assert session.scalar(select(func.count(DocumentRow.id))) == docs_before  # children replaced, not added
        load_procedures(session, [original])
        assert row_to_procedure(fetch_row(session, original.code)) == original


def test_supplementary_sources_round_trip(db_url, catalog):
    sessions = session_factory(db_url)
    original = catalog[0]
    extra = {
        "title": "Nghị định 105/2017/NĐ-CP",
        "accessed": "2026-12-01",
        "covers": ["documents", "fees"],
        "locator": "Điều 25",
    }
    data = original.model_dump(mode="json")
    changed = original.model_validate({**data, "other_sources": [*data["other_sources"], extra]})
    with sessions() as session:
        assert load_procedures(session, [changed]).updated == 1
        back = row_to_procedure(fetch_row(session, original.code))
        assert back == changed and back.other_sources[-1].title == "Nghị định 105/2017/NĐ-CP"
        load_procedures(session, [original])
        assert row_to_procedure(fetch_row(session, original.code)).other_sources == original.other_sources
