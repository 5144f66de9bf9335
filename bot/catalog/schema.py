"""Schema of one procedure file in procedures_catalog/ (pydantic; JSON Schema exported from it).

Every fact that may be missing from the sources has an explicit unknown state, so the bot can say
"chưa có thông tin" instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.identifiers import PROCEDURE_CODE_PATTERN

Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)


class Level(str, Enum):
    tinh = "tỉnh"
    huyen = "huyện"
    xa = "xã"


class Channel(str, Enum):
    truc_tiep = "trực tiếp"
    buu_chinh = "bưu chính công ích"
    truc_tuyen = "trực tuyến"


class OnlineLevel(str, Enum):
    toan_trinh = "toàn trình"
    mot_phan = "một phần"
    khong = "không"
    unknown = "unknown"


class FeeStatus(str, Enum):
    known = "known"  # at least one amount or an official wording of the amount
    none = "none"  # the source states there is no fee or charge
    unknown = "unknown"  # the source publishes nothing: never read this as "free"


class TimeStatus(str, Enum):
    known = "known"
    unknown = "unknown"


class Field_(str, Enum):
    """Lĩnh vực, as the national portal names the fields of the Công Thương sector."""

    luu_thong = "Lưu thông hàng hóa trong nước"
    xuc_tien = "Xúc tiến thương mại"
    canh_tranh = "Quản lý cạnh tranh"
    dien = "Điện"
    an_toan_dien = "An toàn điện"
    dap_thuy_dien = "An toàn đập, hồ chứa thủy điện"
    attp = "An toàn thực phẩm"
    hoa_chat = "Hóa chất"
    vlncn = "Vật liệu nổ công nghiệp"
    khi = "Kinh doanh khí"
    xang_dau = "Xăng dầu"
    cong_nghiep_dia_phuong = "Công nghiệp địa phương"
    khuyen_cong = "Khuyến công"
    cum_cong_nghiep = "Cụm công nghiệp"
    thuong_mai_quoc_te = "Thương mại quốc tế"
    xuat_nhap_khau = "Xuất nhập khẩu"
    thuong_mai_dien_tu = "Thương mại điện tử"
    cong_nghiep_tieu_dung = "Công nghiệp tiêu dùng"
    nang_luong = "Năng lượng"
    kinh_doanh_dac_thu = "Kinh doanh đặc thù"
    thuong_mai_bien_gioi = "Thương mại biên giới"
    quan_ly_thi_truong = "Quản lý thị trường"
    khoang_san = "Công nghiệp nặng và khoáng sản"
    tiet_kiem_nang_luong = "Sử dụng năng lượng tiết kiệm và hiệu quả"
    dich_vu_thuong_mai = "Dịch vụ thương mại"
    giam_dinh_thuong_mai = "Giám định thương mại"
    an_toan_lao_dong = "An toàn, vệ sinh lao động"
    dau_khi = "Dầu khí"
    khoang_san_rieng = "Khoáng sản"
    bao_ve_ntd = "Bảo vệ quyền lợi người tiêu dùng"
    da_cap = "Quản lý bán hàng đa cấp"
    thu_cong_my_nghe = "Nghề thủ công mỹ nghệ"
    cong_nghiep_ho_tro = "Công nghiệp hỗ trợ"
    tai_san_cho = "Tài sản kết cấu hạ tầng chợ"
    # Hải Phòng's list files these under «Tiêu chuẩn đo lường chất lượng», «chất lượng sản phẩm hàng hóa» or
    # «Khoa học, công nghệ»; provincial portals under «Tiêu chuẩn - Đo lường - Chất lượng»
    tieu_chuan_do_luong_chat_luong = "Tiêu chuẩn, đo lường, chất lượng"


class Document(Strict):
    name: Text
    original: int | None = Field(default=None, ge=0, description="số bản chính")
    copies: int | None = Field(default=None, ge=0, description="số bản sao")
    form: str | None = Field(default=None, description="mẫu đơn, tờ khai (tên/số mẫu)")
    notes: str | None = None


class DocumentGroup(Strict):
    case: str | None = Field(default=None, description="trường hợp áp dụng; null = mọi trường hợp")
    items: list[Document] = Field(min_length=1)


class ProcessingTime(Strict):
    status: TimeStatus
    working_days: float | None = Field(default=None, gt=0)
    calendar_days: float | None = Field(default=None, gt=0)
    text: str | None = Field(default=None, description="cách ghi chính thức")

    @model_validator(mode="after")
    def _known_has_value(self) -> ProcessingTime:
        if self.status == TimeStatus.known.value and not (self.working_days or self.calendar_days or self.text):
            raise ValueError("processing_time known but no days and no wording")
        return self


class FeeArea(str, Enum):
    """Where a fee row's rate applies. Fee circulars set a full rate for centrally-run cities and a lower one
    elsewhere (e.g. Thông tư 168/2016/TT-BTC Điều 4); since 1 July 2025 there are no districts to tell apart."""

    centrally_run_city = "centrally_run_city"  # thành phố trực thuộc trung ương (e.g. Hải Phòng)
    province = "province"  # tỉnh: "các khu vực khác" of the circulars


class FeeState(str, Enum):
    """A fee row seen on a given day from a given area."""

    in_force = "in_force"
    expired = "expired"  # its valid_until has passed: history, for staff only
    future = "future"  # its valid_from has not come yet
    other_area = "other_area"  # the rate of another kind of area than the configured province


class Fee(Strict):
    kind: Text = Field(description="phí / lệ phí / phí thẩm định ...")
    amount_vnd: int | None = Field(default=None, ge=0)
    per: str | None = Field(default=None, description="tính trên gì: hồ sơ, giấy phép, lần thẩm định...")
    text: str | None = Field(default=None, description="cách ghi chính thức của mức thu")
    legal_basis: str | None = None  # the text setting the rate (article, clause): shown to citizens
    applies_to: FeeArea | None = Field(
        default=None,
        description="khu vực áp dụng mức thu: centrally_run_city (thành phố trực thuộc trung ương) or province (tỉnh, "
        "«các khu vực khác»); null = mọi nơi",
    )
    valid_from: dt.date | None = Field(
        default=None, description="ngày bắt đầu áp dụng mức thu; null = từ khi văn bản có hiệu lực"
    )
    valid_until: dt.date | None = Field(default=None, description="ngày cuối cùng áp dụng mức thu; null = đang áp dụng")
    source: str | None = Field(
        default=None, description="where this rate and its dates were read (for staff, never shown to citizens)"
    )

    @model_validator(mode="after")
    def _has_amount_or_text(self) -> Fee:
        if self.amount_vnd is None and not self.text:
            raise ValueError("a fee needs an amount or its official wording")
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            raise ValueError("valid_from is after valid_until")
        return self

    def state(self, on: dt.date, area: FeeArea | str | None = None) -> FeeState:
        """In force on that day for that kind of area? (area None = not known: every area's rate counts)."""
        area_value = area.value if isinstance(area, FeeArea) else area
        if area_value and self.applies_to and self.applies_to != area_value:
            return FeeState.other_area
        if self.valid_until and on > self.valid_until:
            return FeeState.expired
        if self.valid_from and on < self.valid_from:
            return FeeState.future
        return FeeState.in_force


class Fees(Strict):
    status: FeeStatus
    items: list[Fee] = Field(default_factory=list)
    note: str | None = None

    def in_force(self, on: dt.date, area: FeeArea | str | None = None) -> list[Fee]:
        """The rows a citizen is told about: in force on that day, for the configured province's kind of area."""
        return [fee for fee in self.items if fee.state(on, area) == FeeState.in_force]

    @model_validator(mode="after")
    def _consistent(self) -> Fees:
        if self.status == FeeStatus.known.value and not self.items:
            raise ValueError("fees known but no items")
        if self.status != FeeStatus.known.value and self.items:
            raise ValueError("fee items given but status is not 'known'")
        return self


class LegalDoc(Strict):
    number: Text
    title: str | None = None
    date: str | None = Field(default=None, description="ngày ban hành, dd/mm/yyyy or yyyy")


class Source(Strict):
    title: Text = Field(description="publishing decision or page")
    url: str | None = None
    decision: str | None = Field(default=None, description="quyết định công bố, số hiệu")
    decision_date: dt.date | None = None
    published: dt.date | None = Field(default=None, description="ngày nguồn cập nhật")
    accessed: dt.date
    province: str | None = Field(
        default=None,
        description="the province whose authority published this source (e.g. 'Hải Phòng'); null = national "
        "(a law, decree, circular, the national portal). Local facts (online level, where to submit) count only "
        "when their source is national or the configured province's own.",
    )

    @field_validator("title")
    @classmethod
    def _no_placeholder(cls, title: str) -> str:
        if re.search(r"\b(None|null|nan|undefined)\b", title):
            raise ValueError("title contains a placeholder (None/null): name the real source")
        return title


class Fact(str, Enum):
    """The parts of a procedure a supplementary source can vouch for."""

    documents = "documents"
    conditions = "conditions"
    processing_time = "processing_time"
    fees = "fees"
    online_level = "online_level"
    channels = "channels"
    legal_basis = "legal_basis"
    result = "result"
    where_to_submit = "where_to_submit"


# Facts a province sets for itself: shown to citizens only from the configured province's own sources.
LOCAL_FACTS = frozenset({Fact.online_level.value, Fact.where_to_submit.value})


class FactSource(Source):
    """A source for some facts only (e.g. a decree's article for the documents, a provincial page for the online
    level), when the main source does not state them."""

    covers: list[Fact] = Field(min_length=1, description="which facts this source gives")
    locator: str | None = Field(default=None, description="article/clause or section, e.g. 'Điều 25 khoản 1'")


class Procedure(Strict):
    code: Annotated[str, Field(pattern=PROCEDURE_CODE_PATTERN, description="mã TTHC trên CSDL quốc gia")]
    name: Text
    field: Field_
    levels: list[Level] = Field(min_length=1)
    agency: str | None = Field(default=None, description="cơ quan thực hiện; null = nguồn không ghi")
    applicant_types: list[Text] = Field(default_factory=list)
    conditions: str | None = None
    documents: list[DocumentGroup] = Field(default_factory=list, description="empty = unknown")
    processing_time: ProcessingTime
    fees: Fees
    online_level: OnlineLevel
    online_level_note: str | None = None
    channels: list[Channel] = Field(default_factory=list)
    where_to_submit: str | None = Field(
        default=None, description="research note on where the sources say to submit: for staff, never for citizens"
    )
    staff_notes: str | None = Field(
        default=None, description="provenance and research notes: shown in the staff app, never to citizens"
    )
    first_issue_note: str | None = Field(
        default=None,
        description="for a re-issue or amendment whose first issue is not in the catalogue: the list that has none",
    )
    steps: str | None = None
    result: str | None = None
    legal_basis: list[LegalDoc] = Field(default_factory=list)
    source: Source
    other_sources: list[FactSource] = Field(
        default_factory=list, description="sources of single facts the main source does not state"
    )
    last_reviewed: dt.date
    province: str | None = Field(default=None, description="only for procedures a province defined itself")
    aliases: list[Text] = Field(default_factory=list)
    status: str = Field(default="active", pattern="^(active|retired)$")

    @field_validator("levels", "channels", "aliases", "applicant_types")
    @classmethod
    def _no_duplicates(cls, value: list) -> list:
        if len(set(value)) != len(value):
            raise ValueError("duplicate entries")
        return value

    @field_validator("name", "agency")
    @classmethod
    def _single_line(cls, value: str | None) -> str | None:
        if value and re.search(r"[\r\n]", value):
            raise ValueError("must be a single line")
        return value

    @property
    def portal_url(self) -> str:
        return f"https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/{self.code}"

    def source_for(self, fact: Fact | str) -> Source:
        """The source that vouches for one fact: a supplementary source naming it, else the main source."""
        value = fact.value if isinstance(fact, Fact) else fact
        for extra in self.other_sources:
            if value in extra.covers:
                return extra
        return self.source

    @property
    def documents_known(self) -> bool:
        return bool(self.documents)


def province_key(name: str) -> str:
    """'UBND tỉnh Bắc Ninh', 'tỉnh Bắc Ninh', 'Bắc Ninh' -> 'bac ninh'."""
    from bot.text.normalize import fold

    key = fold(name)
    key = re.sub(r"^(ubnd|uy ban nhan dan)\s+", "", key)
    return re.sub(r"^(tinh|thanh pho)\s+", "", key).strip()


def json_schema() -> dict:
    schema = Procedure.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Thủ tục hành chính Sở Công Thương"
    return schema
