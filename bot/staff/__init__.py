"""Staff web app and JSON API: accounts and roles, catalogue administration with audit, hotline copilot."""
