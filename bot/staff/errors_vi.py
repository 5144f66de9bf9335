"""Schema validation errors said in Vietnamese, for the edit form and the JSON API."""

from __future__ import annotations

from pydantic import ValidationError

CUSTOM = {
    "processing_time known but no days and no wording": (
        "Đã chọn «đã biết» nhưng chưa nhập số ngày hoặc cách ghi chính thức."
    ),
    "a fee needs an amount or its official wording": "Mỗi khoản phí cần số tiền hoặc cách ghi chính thức của mức thu.",
    "fees known but no items": "Đã chọn «có thu phí» nhưng chưa nhập khoản phí nào: thêm ít nhất một khoản.",
    "fee items given but status is not 'known'": (
        "Có khoản phí nhưng tình trạng không phải «có thu phí»: chọn lại tình trạng hoặc xóa các khoản phí."
    ),
    "duplicate entries": "Có giá trị bị lặp, vui lòng xóa bản trùng.",
    "must be a single line": "Chỉ được nhập trên một dòng.",
}


def message(err: dict) -> str:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    msg = err.get("msg", "")
    for english, vietnamese in CUSTOM.items():
        if english in msg:
            return vietnamese
    if kind == "missing":
        return "Trường này bắt buộc."
    if kind == "string_too_short":
        return "Không được để trống."
    if kind == "too_short":
        return "Chọn hoặc nhập ít nhất một giá trị."
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "code":
            return "Mã TTHC có dạng 1.234567 (một chữ số, dấu chấm, sáu chữ số)."
        return "Giá trị không đúng định dạng."
    if kind in ("enum", "literal_error"):
        return "Vui lòng chọn một giá trị trong danh sách."
    if kind in ("int_parsing", "float_parsing", "int_from_float", "int_type", "float_type"):
        return "Vui lòng nhập một số (chỉ gồm chữ số)."
    if kind == "greater_than":
        return "Phải là số lớn hơn 0."
    if kind == "greater_than_equal":
        return "Không được là số âm."
    if kind.startswith("date"):
        return "Ngày không hợp lệ: chọn ngày trên lịch hoặc nhập theo dạng năm-tháng-ngày, ví dụ 2026-11-25."
    if kind == "extra_forbidden":
        return "Trường này không có trong mẫu thủ tục: vui lòng xóa."
    if kind in ("string_type", "list_type", "dict_type", "model_type"):
        return "Kiểu dữ liệu không đúng."
    return f"Giá trị không hợp lệ ({msg})."


def problems(exc: ValidationError) -> list[dict]:
    """[{loc: 'fees.items.0.amount_vnd', message: '...'}] for the JSON API."""
    return [{"loc": ".".join(str(p) for p in err["loc"]), "message": message(err)} for err in exc.errors()]
