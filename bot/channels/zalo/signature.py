"""The X-ZEvent-Signature check of Zalo OA webhook events.

Formula (as documented for OA webhooks): header value "mac=" + hex(SHA-256(app_id + raw body + timestamp +
OA secret key)), where app_id and timestamp are the event's own fields and the OA secret key is the one shown
when the app is linked to the OA (not the app secret). Sources used, since the official page
(https://developers.zalo.me/docs/official-account/webhook/tong-quan) could not be read from here:
https://hainh.me/zalo-api-php-webhook-callback-official-account.html (describes the four parts in this order)
and chatwoot/chatwoot app/jobs/webhooks/zalo_events_job.rb (same formula with the "mac=" prefix).
Kept in this one function, with a test vector, so it is easy to correct if Zalo's page says otherwise.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-ZEvent-Signature"


def event_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    digest = hashlib.sha256(app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode()).hexdigest()
    return f"mac={digest}"


def signature_is_valid(header: str | None, app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> bool:
    if not header or not app_id or not timestamp or not oa_secret_key:
        return False
    expected = event_signature(app_id, raw_body, timestamp, oa_secret_key)
    return hmac.compare_digest(header.strip().lower().encode(), expected.encode())
