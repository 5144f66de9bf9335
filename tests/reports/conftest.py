from tests.dossiers.conftest import sample_db  # noqa: F401  (the sample dossiers fixture)
