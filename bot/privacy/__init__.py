"""Personal data kept out of logs: masking of phones, emails, ID numbers and known names."""

from bot.privacy.logging import PersonalDataFilter, install_log_masking
from bot.privacy.masking import mask_personal_data, remember_personal_value

__all__ = ["PersonalDataFilter", "install_log_masking", "mask_personal_data", "remember_personal_value"]
