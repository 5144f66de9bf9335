"""Dossier (hồ sơ TTHC) status look-up: codes, statuses, working-day deadlines, verification, one-stop adapters."""
