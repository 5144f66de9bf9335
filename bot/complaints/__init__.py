"""Complaints and petitions (phản ánh, kiến nghị — PAKN): storage, validation, citizen and staff services."""
