"""Zalo Official Account adapter: webhook events in (signature checked), OA customer-service messages out.

Ready to connect once the province has an OA: set SCT_ZALO_APP_ID, SCT_ZALO_OA_SECRET_KEY and
SCT_ZALO_ACCESS_TOKEN and register https://<backend>/zalo/webhook in the Zalo developer console.
"""
