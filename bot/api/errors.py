"""Framework-made error answers (unreadable body, unknown address, wrong method) in Vietnamese.

Starlette and FastAPI answer these with English phrases such as "There was an error parsing the body" or
"Not Found"; citizens and the bot's actions show `detail` as is, so it must say in Vietnamese what to do.
Errors the API raises itself already carry a Vietnamese `detail` and pass through unchanged.
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

VIETNAMESE = {
    400: "Nội dung gửi lên không đọc được. Vui lòng gửi JSON hợp lệ, mã hóa UTF-8.",
    404: "Không tìm thấy địa chỉ này. Danh sách các địa chỉ của API có tại /docs.",
    405: "Địa chỉ này không nhận phương thức {method}. Vui lòng xem cách gọi đúng tại /docs.",
}
FRAMEWORK_PHRASES = {"There was an error parsing the body"}


def _framework_made(exc: HTTPException) -> bool:
    phrase = HTTPStatus(exc.status_code).phrase if exc.status_code in HTTPStatus._value2member_map_ else None
    return exc.detail == phrase or exc.detail in FRAMEWORK_PHRASES


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    detail = exc.detail
    if exc.status_code in VIETNAMESE and _framework_made(exc):
        detail = VIETNAMESE[exc.status_code].format(method=request.method)
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
