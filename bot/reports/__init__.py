"""Monthly administrative-reform report (báo cáo cải cách hành chính): dossier and complaint figures."""
