"""Rasa checks every action-server answer against its JSON schema; do it with a validator built once.

Rasa 3.6's `RemoteAction._validate_action_result` calls `jsonschema.validate(result, spec)`, which first checks
Rasa's own, constant `spec` against the JSON Schema metaschema, on every call. With the jsonschema Rasa pins
(4.17, draft 2020-12 metaschema with dynamic references) that costs about 30 ms per custom action on this
machine, and a citizen's message runs one to three custom actions: it was half of Rasa's time per message
under load (py-spy, 2026-12-01). The same schema is checked once here and the same errors are raised
(best match, with Rasa's hint appended). `benchmarks/action_validation_bench.py` prints both timings.

Installed when Rasa imports the project's tokenizer or REST channel. Depends only on rasa and jsonschema.
"""

from __future__ import annotations

from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

HINT = (
    ". Failed to validate Action server response from API, make sure your response from the Action endpoint is "
    f"valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
)


def _validator() -> Any:
    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)
    return cls(spec)


def install() -> None:
    """Replace RemoteAction's validation by one with a prebuilt validator (idempotent)."""
    if getattr(RemoteAction, "_sct_prebuilt_validator", None) is not None:
        return
    validator = _validator()

    def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        error: ValidationError | None = best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += HINT
        raise error

    RemoteAction._sct_prebuilt_validator = validator
    RemoteAction._validate_action_result = _validate_action_result
