"""The configured province: a reviewed profile (procedures_catalog/provinces/<key>.yaml) and its sector list.

National facts (documents, statutory times, fees set by circular) are shared by every province; where and how to
submit, the service centre and the portal are the configured province's own. Every fact of the profile cites
the source it was read from; an unknown fact stays null and the bot answers in general terms.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from bot.catalog.files import DEFAULT_DIR

PROVINCES_DIR = DEFAULT_DIR.parent / "provinces"
DEFAULT_PROVINCE = "hai-phong"


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class Office(_Loose):
    name: str | None = None
    address: str | None = None
    hours: str | None = None
    phone: str | None = None
    email: str | None = None


class ProfileSource(_Loose):
    fact: str | None = None
    title: str
    url: str | None = None
    accessed: dt.date | None = None


class ProvinceProfile(_Loose):
    key: str
    name: str = Field(description="e.g. 'thành phố Hải Phòng'")
    short_name: str = Field(description="e.g. 'Hải Phòng'")
    department: str = Field(description="e.g. 'Sở Công Thương thành phố Hải Phòng'")
    service_centre: Office = Field(default_factory=Office)
    department_contact: Office = Field(default_factory=Office)
    portal_url: str | None = None
    national_portal_url: str = "https://dichvucong.gov.vn"
    commune_submission: str | None = None
    area: str | None = Field(
        default=None,
        description="kind of province for the fee circulars' area rates: 'centrally_run_city' (thành phố trực thuộc "
        "trung ương) or 'province' (tỉnh); null = unknown, every area's rate is shown",
    )
    sources: list[ProfileSource] = Field(default_factory=list)
    not_found: list[str] | list[dict] = Field(default_factory=list)

    @property
    def portal(self) -> str:
        """The portal citizens are sent to: the province's own when known, else the national one."""
        return self.portal_url or self.national_portal_url

    @property
    def centre_name(self) -> str:
        return self.service_centre.name or f"Trung tâm Phục vụ hành chính công {self.name}"

    @property
    def hotline(self) -> str | None:
        return self.service_centre.phone or self.department_contact.phone


class ListedProcedure(_Loose):
    code: str
    name: str
    field: str | None = None
    level: str = "tỉnh"
    source: str | None = None
    status: str = "current"
    note: str | None = None


class SectorList(_Loose):
    """The province's published list of the sector's procedures: the checklist of what exists."""

    province: str
    sources: list[dict] = Field(default_factory=list)
    procedures: list[ListedProcedure] = Field(default_factory=list)

    def current(self) -> list[ListedProcedure]:
        return [p for p in self.procedures if p.status == "current"]


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


@lru_cache(maxsize=8)
def load_profile(key: str = DEFAULT_PROVINCE, directory: Path = PROVINCES_DIR) -> ProvinceProfile:
    return ProvinceProfile.model_validate(_read(directory / f"{key}.yaml"))


@lru_cache(maxsize=8)
def load_sector_list(key: str = DEFAULT_PROVINCE, directory: Path = PROVINCES_DIR) -> SectorList | None:
    path = directory / f"{key}-list.yaml"
    return SectorList.model_validate(_read(path)) if path.exists() else None


# Every province and centrally-run city, before and after the merger of 1 July 2025: a citizen's answer must
# name none of them but the configured one.
PROVINCE_NAMES: tuple[str, ...] = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bà Rịa Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Hồ Chí Minh",
    "Huế",
)
