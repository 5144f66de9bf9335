.PHONY: install run test validate bench bench-load fuzz-long devset nlu train evaluate evaluate-dialogues

CASES ?= tests/nlu/devset.yaml
OUT ?= var/eval.jsonl

install:
	bash scripts/install.sh

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

validate:
	.venv/bin/python -m bot.catalog.validate --report

bench:
	.venv/bin/python benchmarks/resolve_bench.py
	PYTHONPATH=. TF_CPP_MIN_LOG_LEVEL=3 .venv-rasa/bin/python benchmarks/action_validation_bench.py
	.venv/bin/python benchmarks/load_bench.py $(LOAD_ARGS)

bench-load:
	.venv/bin/python benchmarks/load_bench.py $(LOAD_ARGS)

fuzz-long:
	SCT_FUZZ_MESSAGES=10000 .venv/bin/python -m pytest tests/reliability/test_fuzz_hub.py
	SCT_TELEGRAM_FUZZ_UPDATES=10000 .venv/bin/python -m pytest tests/channels/telegram/test_fuzz_gateway.py

devset:
	.venv/bin/python scripts/make_devset.py
	.venv/bin/python scripts/make_nlu_devset.py

nlu:
	.venv/bin/python scripts/gen_nlu.py

train:
	.venv/bin/python -c "from bot.stack import train_model; print(f'{train_model(force=True):.0f} s')"

evaluate:
	.venv/bin/python scripts/evaluate.py $(CASES) $(OUT) $(ARGS)

evaluate-dialogues:
	.venv/bin/python scripts/evaluate_dialogues.py $(CASES) $(OUT)

cross-validate:
	mkdir -p artifacts
	PYTHONPATH=. .venv-rasa/bin/rasa test nlu --cross-validation --folds 3 --out artifacts/nlu-cross-validation
