"""Command line: `python -m bot.cli <command>` (migrate, load, serve, validate, report, create-admin...; see --help)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import ROOT, get_settings


def migrate(url: str) -> None:
    """Alembic upgrade head; safe when several processes start at once on PostgreSQL (advisory lock)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from bot.db.base import make_engine

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "migrations"))
    engine = make_engine(url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(72817001)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    engine.dispose()


def load(url: str, directory: Path) -> int:
    from bot.catalog.files import load_catalog
    from bot.db.base import session_factory
    from bot.db.loader import load_procedures

    report = load_catalog(directory)
    for err in report.errors:
        print(f"ERROR {err}", file=sys.stderr)
    if not report.ok:
        return 1
    with session_factory(url)() as session:
        result = load_procedures(session, report.procedures)
    print(f"catalogue: {result.inserted} inserted, {result.updated} updated, {result.unchanged} unchanged")
    return 0


def load_samples(url: str, directory: Path) -> int:
    """Migrate, then replace the SAMPLE dossiers (real dossiers are never touched)."""
    from bot.catalog.files import load_catalog
    from bot.db.base import session_factory
    from bot.dossiers.samples import load_samples as load

    migrate(url)
    report = load_catalog(directory)
    if not report.ok:
        print("ERROR the catalogue does not validate; run `python -m bot.cli validate`", file=sys.stderr)
        return 1
    with session_factory(url)() as session:
        count = load(session, report.procedures)
    print(f"sample dossiers: {count} loaded (marked MẪU, is_sample)")
    return 0


def report(url: str, month: str, fmt: str, start_day: int) -> int:
    from bot.db.base import session_factory
    from bot.reports.complaints import ComplaintStoreFigures
    from bot.reports.monthly import monthly_figures
    from bot.reports.period import parse_month
    from bot.reports.render import to_csv, to_html, to_markdown

    try:
        period = parse_month(month, start_day)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    sessions = session_factory(url)
    with sessions() as session:
        figures = monthly_figures(session, period, ComplaintStoreFigures(sessions))
    print({"md": to_markdown, "csv": to_csv, "html": to_html}[fmt](figures), end="")
    return 0


def serve(host: str, port: int) -> None:
    import uvicorn

    from bot.api.main import create_app
    from bot.privacy import install_log_masking

    install_log_masking()
    uvicorn.run(create_app(), host=host, port=port, log_level="info")


def create_staff_user(url: str, username: str, role: str, full_name: str | None) -> int:
    """Create a staff account; the password comes from SCT_ADMIN_PASSWORD or a hidden prompt, never echoed."""
    import getpass
    import os

    from bot.db.base import session_factory
    from bot.staff.users import UserError, create_user

    password = os.environ.get("SCT_ADMIN_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            print("Đặt mật khẩu qua biến môi trường SCT_ADMIN_PASSWORD hoặc chạy lệnh trong terminal.", file=sys.stderr)
            return 2
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            print("Hai lần nhập mật khẩu không khớp. Vui lòng chạy lại lệnh.", file=sys.stderr)
            return 2
    migrate(url)
    with session_factory(url)() as session:
        try:
            user = create_user(session, username, password, role, full_name)
        except UserError as exc:
            print(f"Không tạo được tài khoản: {exc}", file=sys.stderr)
            return 1
    print(f"Đã tạo tài khoản {user.username} (vai trò {user.role}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="bot.cli")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("migrate")
    sub.add_parser("load")
    p_serve = sub.add_parser("serve", help="migrate, load the catalogue, then serve the API")
    p_serve.add_argument("--host", default=settings.api_host)
    p_serve.add_argument("--port", type=int, default=settings.api_port)
    sub.add_parser("validate")
    sub.add_parser("export-schema")
    sub.add_parser("load-samples", help="load the SAMPLE dossiers (development and demos)")
    p_report = sub.add_parser("report", help="monthly reform report: dossier and complaint figures")
    p_report.add_argument("--month", required=True, help="YYYY-MM, e.g. 2026-10")
    p_report.add_argument("--format", choices=["md", "csv", "html"], default="md")
    p_report.add_argument("--period-start-day", type=int, default=settings.report_period_start_day)
    p_admin = sub.add_parser("create-admin", help="create the first admin (password: SCT_ADMIN_PASSWORD or prompt)")
    p_admin.add_argument("--username", required=True)
    p_admin.add_argument("--full-name", default=None)
    p_user = sub.add_parser("create-user", help="create a staff account with a role (password as for create-admin)")
    p_user.add_argument("--username", required=True)
    p_user.add_argument("--role", choices=["admin", "editor", "staff"], required=True)
    p_user.add_argument("--full-name", default=None)
    args = parser.parse_args(argv)

    if args.cmd == "migrate":
        migrate(settings.database_url)
        return 0
    if args.cmd == "load":
        return load(settings.database_url, settings.catalog_dir)
    if args.cmd == "serve":
        migrate(settings.database_url)
        if load(settings.database_url, settings.catalog_dir):
            return 1
        serve(args.host, args.port)
        return 0
    if args.cmd == "validate":
        from bot.catalog.validate import main as validate

        return validate([str(settings.catalog_dir)])
    if args.cmd == "load-samples":
        return load_samples(settings.database_url, settings.catalog_dir)
    if args.cmd == "report":
        return report(settings.database_url, args.month, args.format, args.period_start_day)
    if args.cmd in ("create-admin", "create-user"):
        role = "admin" if args.cmd == "create-admin" else args.role
        return create_staff_user(settings.database_url, args.username, role, args.full_name)
    if args.cmd == "export-schema":
        from bot.catalog.export_schema import main as export

        return export()
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
