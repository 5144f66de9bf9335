"""All configuration, read once from the environment (prefix SCT_) or a .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SCT_", env_file=".env", extra="ignore")

    environment: str = "development"  # development | test | production
    database_url: str = f"sqlite:///{ROOT / 'var' / 'sct.db'}"
    catalog_dir: Path = ROOT / "procedures_catalog" / "procedures"
    province_name: str = "tỉnh Bắc Ninh"
    department_name: str = "Sở Công Thương"
    portal_url: str = "https://dichvucong.gov.vn"
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    max_query_chars: int = 500
    max_message_chars: int = 2000
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout: float = 15.0
    cors_origins: list[str] = []
    # when set, /chat/messages accepts channel telegram/zalo only with header X-SCT-Channel-Secret: <this value>
    channel_secret: str = ""

    @model_validator(mode="after")
    def _production_needs_server_db(self) -> Settings:
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError("SCT_DATABASE_URL must point to PostgreSQL in production")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
