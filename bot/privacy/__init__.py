"""Personal data out of the logs: masking of free text and of every log record of a process."""

from bot.privacy.logging import (
    PersonalDataFilter,
    configure_process_logging,
    install_log_masking,
    mute_http_client_urls,
)
from bot.privacy.masking import mask_personal_data, remember_personal_value

__all__ = [
    "PersonalDataFilter",
    "configure_process_logging",
    "install_log_masking",
    "mask_personal_data",
    "mute_http_client_urls",
    "remember_personal_value",
]
