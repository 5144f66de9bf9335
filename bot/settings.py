"""All configuration, read once from the environment (prefix SCT_) or a .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SCT_", env_file=".env", extra="ignore")

    environment: str = "development"  # development | test | production
    database_url: str = f"sqlite:///{ROOT / 'var' / 'sct.db'}"
    catalog_dir: Path = ROOT / "procedures_catalog" / "procedures"
    province: str = "hai-phong"  # key of procedures_catalog/provinces/<key>.yaml, the reviewed province profile
    province_name: str = ""  # default: the profile's name, e.g. "thành phố Hải Phòng"
    department_name: str = "Sở Công Thương"
    portal_url: str = "https://dichvucong.gov.vn"
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    public_url: str = ""  # where citizens reach the backend (links in replies); default http://<api_host>:<api_port>
    max_query_chars: int = 500
    max_message_chars: int = 2000
    chat_messages_per_minute: int = 30  # per channel user, at the chat hub; 0 turns the limit off
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout: float = 15.0
    rasa_token: str = ""  # Rasa's HTTP API token (--auth-token, sent as ?token=): the staff copilot's /model/parse
    cors_origins: list[str] = []
    # Dossier look-up (bot/dossiers): local database unless a provincial one-stop API is configured
    onestop_base_url: str = ""
    onestop_api_key: str = ""
    onestop_timeout: float = 5.0
    onestop_retries: int = 2
    onestop_hotline: str = ""  # phone number offered when the one-stop system does not answer
    dossier_lookups_per_window: int = 10
    dossier_misses_per_window: int = 5
    dossier_failed_verifications_per_window: int = 3
    dossier_limit_window_seconds: float = 600
    # the same per client (network address or channel account), so new sender ids buy no attempts; an address
    # may be shared (office, mobile carrier NAT): higher than per sender
    dossier_client_lookups_per_window: int = 60
    dossier_client_misses_per_window: int = 20
    dossier_client_failed_verifications: int = 10  # in dossier_code_lock_seconds
    # per dossier code from anyone: wrong digits before the code is locked, and attempts of any outcome
    dossier_code_failed_verifications: int = 5
    dossier_code_verifications: int = 10
    dossier_code_lock_seconds: float = 3600
    report_period_start_day: int = 1  # 15 = from the 15th of the previous month to the 14th (some provinces)
    complaint_create_limit: int = 5  # new complaints per sender per window
    complaint_create_window_seconds: int = 3600
    complaint_lookup_limit: int = 20  # status look-ups by code per sender per window
    complaint_lookup_window_seconds: int = 600
    complaint_failed_contact_limit: int = 3  # wrong contacts to see a status, per sender and per client per window
    complaint_code_failed_contact_limit: int = 5  # wrong contacts per complaint code from anyone, then locked
    complaint_code_lock_seconds: int = 3600
    # Rate limits (bot/ratelimit): in memory per process, or in Redis shared by every backend instance when set
    redis_url: str = ""  # e.g. redis://127.0.0.1:6379/1 (the production profile sets it)
    ratelimit_prefix: str = "sct:rl:"  # key prefix in that Redis
    staff_session_minutes: int = 480  # a staff login lasts one working day
    staff_login_max_failures: int = 5  # failures in a row before the account/IP is locked for a while
    staff_login_lockout_seconds: int = 60  # first lockout; doubles with each further failure (max 1 hour)
    # Channels (Telegram gateway, Zalo OA adapter): secrets only from the environment, never logged.
    backend_url: str = "http://127.0.0.1:8000"
    telegram_token: SecretStr | None = None
    telegram_mode: str = "polling"  # polling (development) | webhook (production)
    telegram_webhook_url: str = ""
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_host: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    telegram_api_base_url: str = "https://api.telegram.org"
    zalo_app_id: str = ""
    zalo_oa_secret_key: SecretStr | None = None
    zalo_access_token: SecretStr | None = None
    zalo_api_base_url: str = "https://openapi.zalo.me"
    zalo_api_timeout: float = 10.0
    zalo_event_max_age_seconds: int = 300  # webhook events signed longer ago (or ahead) are refused: no replays
    # Human handoff (bot/handoff): office hours in Vietnam time; public holidays from bot/dossiers/calendar.py
    handoff_weekdays: list[int] = [0, 1, 2, 3, 4]  # Monday = 0
    handoff_hours: list[str] = ["07:30-11:30", "13:30-17:00"]
    handoff_skip_holidays: bool = True
    handoff_wait_minutes: int = 30  # an unclaimed request expires after this; the bot takes over again
    handoff_idle_minutes: int = 60  # a claimed conversation with no message for this long goes back to the bot
    handoff_waiting_note_every: int = 3  # while queued, remind the citizen at most once every N messages
    telegram_outbox_poll_seconds: float = 3.0  # the gateway's poll of staff replies for chats in a handoff
    # Delivering complaint answers (bot/complaints/delivery): e-mail through SMTP when host and sender are set;
    # SMS through an HTTP gateway (docs/staff.md) when its URL is set. The bot promises only what is configured.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"  # starttls | ssl | none (none: only for a relay on the same host)
    smtp_username: str = ""
    smtp_password: SecretStr | None = None
    smtp_from: str = ""  # e.g. "Sở Công Thương tỉnh Bắc Ninh <pakn@congthuong.bacninh.gov.vn>"
    smtp_timeout: float = 15.0
    sms_api_url: str = ""
    sms_api_key: SecretStr | None = None
    sms_timeout: float = 10.0
    # the gateways' secret (header X-SCT-Channel-Secret): required to post or poll for telegram/zalo, keys the web
    # widget's conversation tokens; required in production (bot.stack draws one per run). docs/security.md
    channel_secret: str = ""
    # the Rasa action server's key for /bot/* (header X-SCT-Bot-Key); bot.stack draws one per run
    bot_api_key: SecretStr | None = None

    @model_validator(mode="after")
    def _public_url(self) -> Settings:
        if not self.public_url:
            self.public_url = f"http://{self.api_host}:{self.api_port}"
        return self

    @model_validator(mode="after")
    def _province_name_from_profile(self) -> Settings:
        if not self.province_name:
            path = ROOT / "procedures_catalog" / "provinces" / f"{self.province}.yaml"
            data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
            self.province_name = (data or {}).get("name") or "tỉnh"
        return self

    @model_validator(mode="after")
    def _production_needs_server_db(self) -> Settings:
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError("SCT_DATABASE_URL must point to PostgreSQL in production")
        key = self.bot_api_key.get_secret_value() if self.bot_api_key is not None else ""
        if self.environment == "production" and len(key) < 16:
            raise ValueError(
                "SCT_BOT_API_KEY must be set in production (at least 16 characters, the same value for the backend "
                'and the action server), e.g. python -c "import secrets; print(secrets.token_urlsafe(32))"'
            )
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
